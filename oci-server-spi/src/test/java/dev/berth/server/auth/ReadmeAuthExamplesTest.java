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
import java.net.http.HttpHeaders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's oci-auth quick start, kept compiling and true: the client side against the server side. */
class ReadmeAuthExamplesTest {
    @TempDir
    Path dir;

    @Test
    void clientAndServerSides() throws Exception {
        Path htpasswdFile = dir.resolve("htpasswd");
        Path vaultKeyFile = dir.resolve("vault.key");
        Files.writeString(htpasswdFile, Htpasswd.line("ci", "t0ken") + "\n");
        // snippet: auth-server
        SigningKey key = SigningKey.generate("ES256", "my issuer", Duration.ofDays(365)); // key.certificatePem() -> rootcertbundle
        TokenEndpoint endpoint = new TokenEndpoint(new TokenIssuer("my-issuer", key, Duration.ofMinutes(5), Clock.systemUTC()),
                "my-registry", Htpasswd.load(htpasswdFile), Authorizer.authenticatedFullAnonymousPull());
        TokenEndpointServer server = TokenEndpointServer.start(endpoint, new InetSocketAddress("127.0.0.1", 0), "/token");
        TlsMaterial tls = TlsMaterial.generate(List.of("registry.local"));                  // CA + server certificate, PEM or SSLContext
        CredentialVault vault = CredentialVault.fromKeyFile(vaultKeyFile);                  // AES-256-GCM for stored passwords
        // end snippet
        try (server) {
            String token = "t0ken";
            URI uri = URI.create("https://ghcr.io/v2/org/app/manifests/1");
            Challenged response = new Challenged(HttpHeaders.of(Map.of("WWW-Authenticate",
                    List.of("Bearer realm=\"" + server.uri() + "\",service=\"my-registry\"")), (name, value) -> true));
            // snippet: auth-client
            RegistryAuthenticator auth = RegistryAuthenticator.builder()
                    .credentials(CredentialProviders.chain(
                            CredentialProviders.of("localhost:5000", Credential.basic("ci", token)),
                            CredentialProviders.defaults()))          // env, REGISTRY_AUTH_FILE, ~/.docker/config.json + helpers
                    .build();
            // on a 401: Basic or Bearer, tokens fetched once per scope and cached until shortly before expiry
            String header = auth.authorize(uri, "ghcr.io", response.headers().allValues("WWW-Authenticate"),
                    List.of(Scope.pull("org/app")));
            // afterwards, up front:
            Optional<String> next = auth.authorizationFor(uri, "ghcr.io", List.of(Scope.pull("org/app")));
            // end snippet
            assertTrue(header.startsWith("Bearer ey"), header);
            assertEquals(Optional.of(header), next, "cached for the same scope");
        }
        assertTrue(tls.caPem().contains("BEGIN CERTIFICATE"));
        assertTrue(key.certificatePem().contains("BEGIN CERTIFICATE"));
        assertEquals("pw", vault.decrypt("r", vault.encrypt("r", "pw")).reveal());
    }

    /** What the snippet reads of a 401: its headers, as java.net.http.HttpResponse has them. */
    private record Challenged(HttpHeaders headers) {
    }
}
