package dev.berth.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.server.auth.Authorizer;
import dev.berth.server.auth.Htpasswd;
import dev.berth.server.auth.SigningKey;
import dev.berth.server.auth.TokenEndpoint;
import dev.berth.server.auth.TokenEndpointServer;
import dev.berth.server.auth.TokenIssuer;
import dev.berth.testsupport.DistributionRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code berth ping} against distribution 2.8 with htpasswd and with Berth-issued tokens. */
class PingCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int ping(String stdin, String... args) {
        out.reset();
        err.reset();
        String[] full = new String[args.length + 1];
        full[0] = "ping";
        System.arraycopy(args, 0, full, 1, args.length);
        return new Cli(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).run(full);
    }

    private Path htpasswd() throws Exception {
        Path file = dir.resolve("htpasswd");
        Files.writeString(file, Htpasswd.line("alice", "alice-pw") + "\n");
        return file;
    }

    /** Runs with {@code user.home} pointing at a Docker config that holds alice's credentials for the registry. */
    private int pingWithDockerConfig(String registry) throws Exception {
        Path home = Files.createDirectories(dir.resolve("home/.docker"));
        String auth = Base64.getEncoder().encodeToString("alice:alice-pw".getBytes(StandardCharsets.UTF_8));
        Files.writeString(home.resolve("config.json"), "{\"auths\":{\"" + registry + "\":{\"auth\":\"" + auth + "\"}}}");
        String before = System.getProperty("user.home");
        System.setProperty("user.home", dir.resolve("home").toString());
        try {
            return ping("", registry, "--json");
        } finally {
            System.setProperty("user.home", before);
        }
    }

    @Test
    void htpasswdRegistryWithStdinPasswordAndWithTheCredentialChain() throws Exception {
        try (DistributionRegistry registry = DistributionRegistry.builder(dir.resolve("r")).htpasswd(htpasswd()).start()) {
            assertEquals(Cli.OK, ping("alice-pw\n", registry.hostPort(), "--username", "alice", "--password-stdin", "--json"),
                    err.toString(StandardCharsets.UTF_8));
            JsonNode doc = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
            assertEquals("basic", doc.at("/ping/auth").asText());
            assertEquals("registry/2.0", doc.at("/ping/apiVersion").asText());
            assertEquals("http://" + registry.hostPort() + "/v2/", doc.at("/ping/url").asText());

            assertEquals(Cli.FAILED, ping("wrong\n", registry.hostPort(), "--username", "alice", "--password-stdin"));
            String line = err.toString(StandardCharsets.UTF_8);
            assertEquals(1, line.lines().count(), line);
            assertTrue(line.contains("rejected the credentials") && !line.contains("wrong"), line);

            assertEquals(Cli.OK, pingWithDockerConfig(registry.hostPort()), err.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void tokenRegistryTrustingBerthsIssuer() throws Exception {
        SigningKey key = SigningKey.generate("ES256", "ping test issuer", Duration.ofDays(1));
        Path roots = dir.resolve("roots.pem");
        Files.writeString(roots, key.certificatePem());
        TokenEndpoint endpoint = new TokenEndpoint(new TokenIssuer("ping-issuer", key, Duration.ofMinutes(5), Clock.systemUTC()),
                "ping-registry", Htpasswd.load(htpasswd()), Authorizer.authenticatedFullAnonymousPull());
        try (TokenEndpointServer tokens = TokenEndpointServer.start(endpoint, new InetSocketAddress("127.0.0.1", 0), "/token");
             DistributionRegistry registry = DistributionRegistry.builder(dir.resolve("r"))
                     .token(tokens.uri().toString(), "ping-registry", "ping-issuer", roots).start()) {
            assertEquals(Cli.OK, ping("alice-pw\n", registry.hostPort(), "--username", "alice", "--password-stdin", "--json"),
                    err.toString(StandardCharsets.UTF_8));
            assertEquals("bearer", new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)).at("/ping/auth").asText());
            assertEquals(Cli.OK, pingWithDockerConfig(registry.hostPort()), err.toString(StandardCharsets.UTF_8));
            assertEquals(Cli.FAILED, ping("nope\n", registry.hostPort(), "--username", "alice", "--password-stdin"));
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("refused the credentials"), err.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void usageErrors() {
        assertEquals(Cli.USAGE, ping("", "localhost:5000", "--username", "alice"));
        assertEquals(Cli.USAGE, ping("", "localhost:5000", "--password-stdin"));
        assertEquals(Cli.USAGE, ping("", "not a registry!"));
        assertEquals(Cli.USAGE, ping(""));
        assertEquals(Cli.USAGE, ping("", "localhost:5000", "--username", "a", "--password-stdin"), "empty stdin");
    }
}
