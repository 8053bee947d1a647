package dev.berth.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.server.auth.Authorizer;
import dev.berth.server.auth.Htpasswd;
import dev.berth.server.auth.SigningKey;
import dev.berth.server.auth.TlsMaterial;
import dev.berth.server.auth.TokenEndpoint;
import dev.berth.server.auth.TokenEndpointServer;
import dev.berth.server.auth.TokenIssuer;
import dev.berth.auth.Credential;
import dev.berth.auth.CredentialProviders;
import dev.berth.auth.RegistryAuthenticator;
import dev.berth.auth.Scope;
import dev.berth.auth.vault.CredentialVault;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's oci-auth quick start, kept compiling and true: the client side against the server side. */
class ReadmeAuthExamplesTest {
    @TempDir
    Path dir;

    @Test
    void clientAndServerSides() throws Exception {
        Files.writeString(dir.resolve("htpasswd"), Htpasswd.line("ci", "t0ken") + "\n");
        SigningKey key = SigningKey.generate("ES256", "my issuer", Duration.ofDays(365));
        TokenEndpoint endpoint = new TokenEndpoint(new TokenIssuer("my-issuer", key, Duration.ofMinutes(5), Clock.systemUTC()),
                "my-registry", Htpasswd.load(dir.resolve("htpasswd")), Authorizer.authenticatedFullAnonymousPull());
        try (TokenEndpointServer server = TokenEndpointServer.start(endpoint, new InetSocketAddress("127.0.0.1", 0), "/token", null)) {
            String token = "t0ken";
            RegistryAuthenticator auth = RegistryAuthenticator.builder()
                    .credentials(CredentialProviders.chain(
                            CredentialProviders.of("localhost:5000", Credential.basic("ci", token)),
                            CredentialProviders.defaults()))
                    .build();
            URI uri = URI.create("http://localhost:5000/v2/org/app/manifests/1");
            String header = auth.authorize(uri, "localhost:5000", List.of("Bearer realm=\"" + server.uri()
                    + "\",service=\"my-registry\""), List.of(Scope.pull("org/app")), Optional.empty());
            assertTrue(header.startsWith("Bearer ey"));
            Optional<String> next = auth.authorizationFor(uri, "localhost:5000", List.of(Scope.pull("org/app")));
            assertEquals(Optional.of(header), next, "cached for the same scope");
        }
        TlsMaterial tls = TlsMaterial.generate(List.of("registry.local"));
        assertTrue(tls.caPem().contains("BEGIN CERTIFICATE"));
        CredentialVault vault = CredentialVault.fromKeyFile(dir.resolve("vault.key"));
        assertEquals("pw", vault.decrypt("r", vault.encrypt("r", "pw")).reveal());
    }
}
