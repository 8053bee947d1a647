package dev.berth.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.auth.Credential;
import dev.berth.auth.CredentialProviders;
import dev.berth.server.auth.Htpasswd;
import dev.berth.client.RegistryClient;
import dev.berth.model.MediaType;
import dev.berth.model.artifact.Artifacts;
import dev.berth.server.EmbeddedRegistry;
import dev.berth.testsupport.DistributionRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code berth registries add|list|test|remove} and {@code berth search} against the embedded registry and distribution. */
class RegistriesCommandsTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String stdin, String... args) {
        out.reset();
        err.reset();
        return new Cli(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void pushArtifact(RegistryClient client, String repository) {
        client.pushBlob(repository, MediaType.OCI_EMPTY, Artifacts.EMPTY_JSON);
        client.pushManifest(repository, "1.0", Artifacts.manifest("application/vnd.example+json", List.of(), null, Map.of()));
    }

    @Test
    void namedRegistriesAreKeptTestedSearchedAndRemoved() throws Exception {
        Path htpasswd = dir.resolve("htpasswd");
        Files.writeString(htpasswd, Htpasswd.line("alice", "alice-secret-pw") + "\n");
        String config = dir.resolve("config").toString();
        try (EmbeddedRegistry local = EmbeddedRegistry.builder().start();
             DistributionRegistry team = DistributionRegistry.builder(dir.resolve("distribution")).htpasswd(htpasswd).start()) {
            String localHost = local.baseUri().getAuthority();
            pushArtifact(RegistryClient.builder(localHost).build(), "apps/web-frontend");
            pushArtifact(RegistryClient.builder(team.hostPort())
                    .credentials(CredentialProviders.of(team.hostPort(), Credential.basic("alice", "alice-secret-pw"))).build(), "team/webapp");

            assertEquals(Cli.OK, run("", "registries", "add", "local", localHost, "--config", config), err.toString());
            assertEquals(Cli.OK, run("alice-secret-pw\n", "registries", "add", "team", team.hostPort(), "--username", "alice",
                    "--password-stdin", "--config", config), err.toString());
            assertEquals(Cli.OK, run("", "registries", "add", "gone", "127.0.0.1:1", "--config", config));
            String file = Files.readString(dir.resolve("config/registries.json"));
            assertFalse(file.contains("alice-secret-pw"), "the password is stored encrypted");

            assertEquals(Cli.OK, run("", "registries", "list", "--config", config));
            assertTrue(stdout().contains("team " + team.hostPort() + " user=alice (password stored)"), stdout());

            assertEquals(Cli.FAILED, run("", "registries", "test", "--config", config, "--json"));
            JsonNode reports = new ObjectMapper().readTree(stdout());
            assertEquals("ok", reports.at("/local/status").asText());
            assertEquals("ok", reports.at("/team/status").asText());
            assertEquals("basic", reports.at("/team/auth").asText());
            assertEquals("failed: REFUSED", reports.at("/gone/status").asText());
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("1 of 3 registries failed"), err.toString());

            assertEquals(Cli.OK, run("", "search", "WEB", "--config", config));
            assertTrue(stdout().contains("local " + localHost + "/apps/web-frontend"), stdout());
            assertTrue(stdout().contains("team " + team.hostPort() + "/team/webapp"), stdout());
            assertTrue(stdout().contains("# gone"), "the unreachable registry is reported, not fatal: " + stdout());

            assertEquals(Cli.OK, run("", "registries", "remove", "gone", "--config", config));
            assertEquals(Cli.OK, run("", "registries", "test", "--config", config));
            assertEquals(Cli.OK, run("", "search", "web", "--registry", "team", "--config", config, "--json"));
            assertEquals(1, new ObjectMapper().readTree(stdout()).get("matches").size());
            assertEquals(Cli.FAILED, run("", "registries", "remove", "gone", "--config", config));
            assertEquals(Cli.USAGE, run("", "search", "web", "--registry", "nobody", "--config", config));
        }
    }
}
