package dev.berth.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.server.EmbeddedRegistry;
import dev.berth.server.auth.TlsMaterial;
import dev.berth.testsupport.DistributionRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code berth kind-config} against the embedded registry on loopback, plain and TLS: the files it writes, the
 * ConfigMap it prints, and its errors. That containerd accepts the files is {@link KindConfigContainerdTest}'s.
 */
class KindConfigCommandTest {
    @TempDir
    Path dir;

    private final CliRun cli = new CliRun();

    private static String hostPort(EmbeddedRegistry registry) {
        return registry.baseUri().getRawAuthority();
    }

    private static EmbeddedRegistry tlsRegistry(TlsMaterial tls) {
        return EmbeddedRegistry.builder().tls(tls.serverContext()).start();
    }

    private Path caFile(TlsMaterial tls, String name) throws Exception {
        return Files.writeString(dir.resolve(name), tls.caPem());
    }

    @Test
    void aTlsRegistryGetsHostsTomlNamingItsCaCopiedBesideItAndTheConfigMapIsPrinted() throws Exception {
        TlsMaterial tls = TlsMaterial.generate(List.of());
        Path ca = caFile(tls, "ca.pem");
        try (EmbeddedRegistry registry = tlsRegistry(tls)) {
            String host = hostPort(registry);
            Path certsD = dir.resolve("certs.d");
            assertEquals(Cli.OK, cli.run("kind-config", host, "--ca", ca.toString(), "--dir", certsD.toString()), cli.stderr());
            Path hostDir = certsD.resolve(host);
            assertEquals("# Written by berth: containerd pulls " + host + "/... from https://" + host + ".\n"
                    + "server = \"https://" + host + "\"\n\n"
                    + "[host.\"https://" + host + "\"]\n"
                    + "  capabilities = [\"pull\", \"resolve\", \"push\"]\n"
                    + "  ca = \"ca.crt\"\n", Files.readString(hostDir.resolve("hosts.toml")));
            assertEquals(tls.caPem(), Files.readString(hostDir.resolve("ca.crt")));
            assertEquals("# containerd: " + hostDir.resolve("hosts.toml").toAbsolutePath() + " (with ca.crt) for https://" + host + "\n"
                    + "apiVersion: v1\n"
                    + "kind: ConfigMap\n"
                    + "metadata:\n"
                    + "  name: local-registry-hosting\n"
                    + "  namespace: kube-public\n"
                    + "data:\n"
                    + "  localRegistryHosting.v1: |\n"
                    + "    host: \"" + host + "\"\n"
                    + "    help: \"https://kind.sigs.k8s.io/docs/user/local-registry/\"\n", cli.stdout());
        }
    }

    @Test
    void aPlainHttpRegistryGetsAnHttpServerAndNoCaAndJsonNamesTheFiles() throws Exception {
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder().start()) {
            String host = hostPort(registry);
            Path certsD = dir.resolve("certs.d");
            Files.createDirectories(certsD.resolve(host));
            Files.writeString(certsD.resolve(host).resolve("ca.crt"), "left from an earlier run");
            assertEquals(Cli.OK, cli.run("kind-config", host, "--dir", certsD.toString(), "--json"), cli.stderr());
            String toml = Files.readString(certsD.resolve(host).resolve("hosts.toml"));
            assertTrue(toml.contains("server = \"http://" + host + "\"\n\n[host.\"http://" + host + "\"]\n"), toml);
            assertFalse(toml.contains("ca ="), toml);
            assertFalse(Files.exists(certsD.resolve(host).resolve("ca.crt")), "a CA hosts.toml no longer names is removed");
            JsonNode json = new ObjectMapper().readTree(cli.stdout());
            assertEquals("http://" + host, json.get("server").asText());
            assertEquals(certsD.resolve(host).resolve("hosts.toml").toAbsolutePath().toString(), json.get("hostsToml").asText());
            assertFalse(json.has("caCertificate"));
            assertTrue(json.get("configMap").asText().contains("    host: \"" + host + "\"\n"), json.toString());
        }
    }

    @Test
    void theDefaultDirectoryIsCertsDInTheWorkingDirectoryAsHelpSays() {
        assertEquals(Cli.OK, cli.run("help", "kind-config"));
        assertTrue(cli.stdout().contains("(default: ./certs.d)"), cli.stdout());
        assertTrue(cli.stdout().contains("config_path"), cli.stdout());
        assertEquals(KindConfigCommand.DEFAULT_DIR, "certs.d");
    }

    @Test
    void anUnreachableRegistryIsAFailureNamingIt() throws Exception {
        String host = "127.0.0.1:" + DistributionRegistry.freePort();
        Path certsD = dir.resolve("certs.d");
        assertEquals(Cli.FAILED, cli.run("kind-config", host, "--dir", certsD.toString()));
        assertTrue(cli.stderr().startsWith("berth kind-config: cannot reach the registry " + host + " (is it running?): "), cli.stderr());
        assertFalse(Files.exists(certsD), "nothing written");
    }

    @Test
    void aTlsRegistryWithoutCaOrWithAnotherCaIsAFailureSayingWhatToPass() throws Exception {
        TlsMaterial tls = TlsMaterial.generate(List.of());
        Path otherCa = caFile(TlsMaterial.generate(List.of()), "other-ca.pem");
        try (EmbeddedRegistry registry = tlsRegistry(tls)) {
            String host = hostPort(registry);
            Path certsD = dir.resolve("certs.d");
            assertEquals(Cli.FAILED, cli.run("kind-config", host, "--dir", certsD.toString()));
            assertTrue(cli.stderr().startsWith("berth kind-config: " + host + " serves TLS with a certificate this machine does not"
                    + " trust: pass --ca with the CA that signed it"), cli.stderr());
            assertEquals(Cli.FAILED, cli.run("kind-config", host, "--ca", otherCa.toString(), "--dir", certsD.toString()));
            assertTrue(cli.stderr().startsWith("berth kind-config: " + host + "'s certificate is not signed by the CA in " + otherCa),
                    cli.stderr());
            assertFalse(Files.exists(certsD), "nothing written");
        }
    }

    @Test
    void aCaThatCannotBeReadOrIsNoCertificateIsAFailureNamingTheFile() throws Exception {
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder().start()) {
            String host = hostPort(registry);
            Path missing = dir.resolve("missing.pem");
            assertEquals(Cli.FAILED, cli.run("kind-config", host, "--ca", missing.toString(), "--dir", dir.resolve("d").toString()));
            assertEquals("berth kind-config: cannot read the CA certificate " + missing + ": no such file\n", cli.stderr());
            Path notPem = Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n");
            assertEquals(Cli.FAILED, cli.run("kind-config", host, "--ca", notPem.toString(), "--dir", dir.resolve("d").toString()));
            assertEquals("berth kind-config: the CA certificate " + notPem
                    + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)\n", cli.stderr());
            Path broken = Files.writeString(dir.resolve("broken.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
            assertEquals(Cli.FAILED, cli.run("kind-config", host, "--ca", broken.toString(), "--dir", dir.resolve("d").toString()));
            assertTrue(cli.stderr().startsWith("berth kind-config: the CA certificate " + broken + " is not a valid PEM certificate: "),
                    cli.stderr());
            assertFalse(Files.exists(dir.resolve("d")), "nothing written");
        }
    }

    @Test
    void aCaForAPlainHttpRegistryIsAFailure() throws Exception {
        Path ca = caFile(TlsMaterial.generate(List.of()), "ca.pem");
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder().start()) {
            String host = hostPort(registry);
            assertEquals(Cli.FAILED, cli.run("kind-config", host, "--ca", ca.toString(), "--dir", dir.resolve("d").toString()));
            assertEquals("berth kind-config: " + host + " speaks plain HTTP: --ca is for a registry that serves TLS\n", cli.stderr());
        }
    }

    @Test
    void withoutARegistryItIsAUsageError() {
        assertEquals(Cli.USAGE, cli.run("kind-config"));
        assertTrue(cli.stderr().contains("usage: berth kind-config REGISTRY [--ca CA.pem] [--dir DIR]"), cli.stderr());
    }
}
