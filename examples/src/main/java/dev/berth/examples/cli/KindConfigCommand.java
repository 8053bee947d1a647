package dev.berth.examples.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.berth.auth.AuthenticationException;
import dev.berth.auth.CredentialProviders;
import dev.berth.client.RegistryClient;
import dev.berth.client.RegistryUnreachableException;
import dev.berth.client.RetryPolicy;
import dev.berth.model.OciException;
import dev.berth.model.RegistryException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code berth kind-config REGISTRY [--ca CA.pem] [--dir DIR]}: asks the running registry whether it speaks TLS,
 * writes containerd's {@code DIR/HOST:PORT/hosts.toml} for it (with its CA beside it), and prints the KEP-1755
 * {@code local-registry-hosting} ConfigMap, so that a Kind cluster's nodes pull from it and tools find it.
 */
final class KindConfigCommand implements Command {
    /** containerd's own default is /etc/containerd/certs.d; a directory of the user's is what a Kind node mounts. */
    static final String DEFAULT_DIR = "certs.d";

    @Override
    public String name() {
        return "kind-config";
    }

    @Override
    public String synopsis() {
        return "kind-config REGISTRY [--ca CA.pem] [--dir DIR]";
    }

    @Override
    public String summary() {
        return "write containerd's DIR/HOST:PORT/hosts.toml for a running registry (probed on /v2/: https, else plain"
                + " http on loopback), trusting its CA, and print the KEP-1755 kube-public/local-registry-hosting ConfigMap";
    }

    @Override
    public Set<String> valueOptions() {
        return Set.of("ca", "dir");
    }

    @Override
    public List<OptionHelp> optionHelp() {
        return List.of(
                new OptionHelp("REGISTRY", "host:port as images are pulled by (127.0.0.1:5000 and localhost:5000 are"
                        + " different directories to containerd); an https:// or http:// prefix fixes the scheme instead"
                        + " of probing it (http:// for a plain-HTTP registry off loopback)"),
                new OptionHelp("--ca CA.pem", "the CA that signed the registry's certificate (berth serve --tls auto prints"
                        + " where its ca.pem is); copied to DIR/HOST:PORT/ca.crt and named in hosts.toml. Without it the"
                        + " registry's certificate must be trusted by this machine already"),
                new OptionHelp("--dir DIR", "containerd's hosts directory, what ctr --hosts-dir and the CRI plugin's"
                        + " config_path name (default: ./" + DEFAULT_DIR + "). For Kind, mount it at"
                        + " /etc/containerd/certs.d (extraMounts) and set config_path = \"/etc/containerd/certs.d\""
                        + " under [plugins.\"io.containerd.grpc.v1.cri\".registry] (containerdConfigPatches)"));
    }

    @Override
    public void run(CommandLine line, Output output) {
        String registry = RegistryAccess.registry(line.requirePositionals(1, "REGISTRY").get(0));
        Optional<CaCertificate> ca = line.value("ca").map(file -> CaCertificate.read(Path.of(file)));
        Path dir = Path.of(line.value("dir").orElse(DEFAULT_DIR));
        URI server = server(line.positionals().get(0), registry, ca);
        if (ca.isPresent() && !server.getScheme().equals("https")) {
            throw new OciException(registry + " speaks plain HTTP: --ca is for a registry that serves TLS");
        }
        ContainerdHostsDir hosts = new ContainerdHostsDir(dir, registry);
        hosts.write(server, ca);
        String configMap = LocalRegistryHosting.configMap(registry);
        output.json("server", JsonNodeFactory.instance.textNode(server.getScheme() + "://" + server.getRawAuthority()));
        output.json("hostsToml", JsonNodeFactory.instance.textNode(hosts.hostsToml().toAbsolutePath().normalize().toString()));
        ca.ifPresent(c -> output.json("caCertificate",
                JsonNodeFactory.instance.textNode(hosts.caCertificate().toAbsolutePath().normalize().toString())));
        output.json("configMap", JsonNodeFactory.instance.textNode(configMap));
        // The ConfigMap alone on stdout (the comments are YAML too), so that `| kubectl apply -f -` works.
        output.say("# containerd: " + hosts.hostsToml().toAbsolutePath().normalize()
                + ca.map(c -> " (with " + ContainerdHostsDir.CA_FILE + ")").orElse("")
                + " for " + server.getScheme() + "://" + server.getRawAuthority());
        output.say(configMap.stripTrailing());
    }

    // The registry's own answer on /v2/ says which scheme it speaks; an answer asking for credentials counts.
    private static URI server(String argument, String registry, Optional<CaCertificate> ca) {
        boolean schemeGiven = argument.startsWith("https://") || argument.startsWith("http://");
        RegistryClient.Builder builder = RegistryClient.builder(schemeGiven ? argument.replaceFirst("/+$", "") : registry)
                .credentials(CredentialProviders.chain()).retry(RetryPolicy.NONE)
                .connectTimeout(Duration.ofSeconds(5)).requestTimeout(Duration.ofSeconds(10)).userAgent("berth-cli");
        ca.ifPresent(c -> builder.caCertificates(List.of(c.file())));
        try (RegistryClient client = builder.build()) {
            try {
                client.ping();
            } catch (RegistryUnreachableException e) {
                throw unreachable(registry, ca, e);
            } catch (AuthenticationException answeredAskingForCredentials) {
                // it answered: a registry, behind authentication
            } catch (RegistryException e) {
                if (e.status() != 401 && e.status() != 403) {
                    throw new OciException(registry + " is not a registry: GET /v2/ answered " + e.status(), e);
                }
            }
            return client.baseUri();
        }
    }

    private static RegistryUnreachableException unreachable(String registry, Optional<CaCertificate> ca,
            RegistryUnreachableException e) {
        String message;
        if (e.reason() != RegistryUnreachableException.Reason.TLS) {
            message = "cannot reach the registry " + registry + " (is it running?): " + e.getMessage();
        } else if (ca.isEmpty()) {
            message = registry + " serves TLS with a certificate this machine does not trust: pass --ca with the CA"
                    + " that signed it (berth serve --tls auto prints where its ca.pem is): " + e.getMessage();
        } else {
            message = registry + "'s certificate is not signed by the CA in " + ca.get().file() + " or does not name "
                    + registry + ": " + e.getMessage();
        }
        return new RegistryUnreachableException(message, e.reason(), e);
    }
}
