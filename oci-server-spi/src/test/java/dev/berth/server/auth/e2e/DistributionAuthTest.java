package dev.berth.server.auth.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.auth.AuthenticationException;
import dev.berth.auth.Credential;
import dev.berth.auth.CredentialProviders;
import dev.berth.auth.InsufficientScopeException;
import dev.berth.auth.RegistryAuthenticator;
import dev.berth.auth.Scope;
import dev.berth.server.auth.Authorizer;
import dev.berth.server.auth.Htpasswd;
import dev.berth.server.auth.SigningKey;
import dev.berth.server.auth.TokenEndpoint;
import dev.berth.server.auth.TokenEndpointServer;
import dev.berth.server.auth.TokenIssuer;
import dev.berth.testsupport.DistributionRegistry;
import dev.berth.testsupport.OciLayoutImage;
import dev.berth.testsupport.Skopeo;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Berth's client-side negotiation and server-side token issuing against a real
 * registry: distribution 2.8 with htpasswd auth, and with token auth trusting
 * Berth's issuer.
 */
class DistributionAuthTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SERVICE = "berth-test-registry";
    private static final String ISSUER = "berth-test-issuer";

    @TempDir
    Path dir;

    /** One request, answered after authenticating the way a client does: try, on 401 authorize, retry. */
    private static HttpResponse<String> send(RegistryAuthenticator auth, String registry, String method, URI uri,
                                             List<Scope> scopes) throws Exception {
        Optional<String> header = auth.authorizationFor(uri, registry, scopes);
        for (int attempt = 0; ; attempt++) {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody());
            header.ifPresent(h -> b.header("Authorization", h));
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 401 || attempt == 2) {
                return r;
            }
            List<String> challenges = r.headers().allValues("WWW-Authenticate");
            header = Optional.of(header.isPresent() ? auth.authorize(uri, registry, challenges, scopes, header.get())
                    : auth.authorize(uri, registry, challenges, scopes));
        }
    }

    private Path htpasswd() throws IOException {
        Path file = dir.resolve("htpasswd");
        Files.writeString(file, Htpasswd.line("alice", "alice-pw") + "\n" + Htpasswd.line("bob", "bob-pw") + "\n");
        return file;
    }

    @Test
    void basicAuthWithAnHtpasswdFileTheTestsMade() throws Exception {
        try (DistributionRegistry registry = DistributionRegistry.builder(dir).htpasswd(htpasswd()).start()) {
            String host = registry.hostPort();
            URI ping = URI.create(registry.baseUrl() + "/v2/");
            HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(ping).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, anonymous.statusCode());

            RegistryAuthenticator alice = RegistryAuthenticator.builder()
                    .credentials(CredentialProviders.of(host, Credential.basic("alice", "alice-pw"))).build();
            assertEquals(200, send(alice, host, "GET", ping, List.of()).statusCode());
            assertTrue(alice.authorizationFor(ping, host, List.of()).orElseThrow().startsWith("Basic "),
                    "the scheme is remembered, saving the next 401");

            RegistryAuthenticator wrong = RegistryAuthenticator.builder()
                    .credentials(CredentialProviders.of(host, Credential.basic("alice", "nope"))).build();
            AuthenticationException e = assertThrows(AuthenticationException.class, () -> send(wrong, host, "GET", ping, List.of()));
            assertEquals(401, e.status());
            assertTrue(e.getMessage().contains("rejected the credentials of user alice"), e.getMessage());
            assertTrue(!e.getMessage().contains("nope"), "the password never shows");

            RegistryAuthenticator nobody = RegistryAuthenticator.builder().credentials(r -> Optional.empty()).build();
            AuthenticationException none = assertThrows(AuthenticationException.class, () -> send(nobody, host, "GET", ping, List.of()));
            assertTrue(none.getMessage().contains("none is configured"), none.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ES256", "RS256"})
    void distributionAcceptsBerthsTokensAndRefusesAPushWithoutPushScope(String algorithm) throws Exception {
        SigningKey key = SigningKey.generate(algorithm, "berth test issuer", Duration.ofDays(1));
        Path rootCerts = dir.resolve("root.pem");
        Files.writeString(rootCerts, key.certificatePem());
        Authorizer bobReadsOnly = (subject, scope) -> subject.equals("bob") ? Set.of("pull") : subject.isEmpty() ? Set.of()
                : scope.actions();
        TokenEndpoint endpoint = new TokenEndpoint(new TokenIssuer(ISSUER, key, Duration.ofMinutes(5), Clock.systemUTC()),
                SERVICE, Htpasswd.load(htpasswd()), bobReadsOnly);
        try (TokenEndpointServer tokens = TokenEndpointServer.start(endpoint, new InetSocketAddress("127.0.0.1", 0), "/token");
             DistributionRegistry registry = DistributionRegistry.builder(dir.resolve("registry"))
                     .token(tokens.uri().toString(), SERVICE, ISSUER, rootCerts).start()) {
            String host = registry.hostPort();
            URI ping = URI.create(registry.baseUrl() + "/v2/");
            URI upload = URI.create(registry.baseUrl() + "/v2/team/app/blobs/uploads/");

            RegistryAuthenticator alice = RegistryAuthenticator.builder()
                    .credentials(CredentialProviders.of(host, Credential.basic("alice", "alice-pw"))).build();
            assertEquals(200, send(alice, host, "GET", ping, List.of()).statusCode(), "distribution accepted Berth's JWT");
            assertEquals(202, send(alice, host, "POST", upload, List.of(Scope.push("team/app"))).statusCode());

            RegistryAuthenticator bob = RegistryAuthenticator.builder()
                    .credentials(CredentialProviders.of(host, Credential.basic("bob", "bob-pw"))).build();
            InsufficientScopeException e = assertThrows(InsufficientScopeException.class,
                    () -> send(bob, host, "POST", upload, List.of(Scope.push("team/app"))));
            assertTrue(e.scope().contains("repository:team/app:") && e.scope().contains("push"), e.scope());

            // A real client: skopeo pushes through Berth's token endpoint as alice, and fails as bob.
            OciLayoutImage image = OciLayoutImage.write(dir.resolve("layout"), "1.0", "token " + System.nanoTime());
            String target = "docker://" + host + "/team/app:1.0";
            Skopeo.run("copy", "--dest-tls-verify=false", "--dest-creds", "alice:alice-pw", image.skopeoName(), target);
            IOException refused = assertThrows(IOException.class, () -> Skopeo.run("copy", "--dest-tls-verify=false",
                    "--dest-creds", "bob:bob-pw", image.skopeoName(), "docker://" + host + "/team/other:1.0"));
            assertTrue(refused.getMessage().toLowerCase().contains("denied") || refused.getMessage().contains("unauthorized"),
                    refused.getMessage());
            assertTrue(Skopeo.run("inspect", "--tls-verify=false", "--creds", "bob:bob-pw", target)
                    .contains(image.manifest().digest().toString()), "bob may still pull");
        }
    }
}
