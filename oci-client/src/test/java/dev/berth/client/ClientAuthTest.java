package dev.berth.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.auth.AuthenticationException;
import dev.berth.auth.Credential;
import dev.berth.auth.CredentialProviders;
import dev.berth.auth.InsufficientScopeException;
import dev.berth.server.auth.Authorizer;
import dev.berth.server.auth.Htpasswd;
import dev.berth.server.auth.SigningKey;
import dev.berth.server.auth.TokenEndpoint;
import dev.berth.server.auth.TokenEndpointServer;
import dev.berth.server.auth.TokenIssuer;
import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.MediaType;
import dev.berth.testsupport.DistributionRegistry;
import dev.berth.testsupport.Skopeo;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client through distribution 2.8's htpasswd and token authentication. */
class ClientAuthTest {
    private static final String SERVICE = "berth-client-test";
    private static final String ISSUER = "berth-client-test-issuer";

    @TempDir
    Path dir;

    private Path htpasswd() throws IOException {
        Path file = dir.resolve("htpasswd");
        Files.writeString(file, Htpasswd.line("alice", "alice-pw") + "\n" + Htpasswd.line("bob", "bob-pw") + "\n");
        return file;
    }

    private static RegistryClient as(String registry, String user, String password) {
        return RegistryClient.builder(registry).credentials(CredentialProviders.of(registry, Credential.basic(user, password)))
                .build();
    }

    @Test
    void basicAuthPushesAndPullsAndRefusesAWrongPasswordPlainly() throws Exception {
        try (DistributionRegistry registry = DistributionRegistry.builder(dir.resolve("registry")).htpasswd(htpasswd()).start()) {
            String host = registry.hostPort();
            RegistryClient alice = as(host, "alice", "alice-pw");
            assertEquals("basic", alice.ping().authScheme());
            TestImages image = TestImages.random(1, 5000);
            Digest digest = image.push(alice, "team/app", "1.0");
            assertArrayEquals(image.manifest().bytes(), alice.getManifest("team/app", "1.0").bytes());
            assertTrue(Skopeo.run("inspect", "--tls-verify=false", "--creds", "alice:alice-pw",
                    "docker://" + host + "/team/app:1.0").contains(digest.toString()));

            AuthenticationException wrong = assertThrows(AuthenticationException.class,
                    () -> as(host, "alice", "nope").getManifest("team/app", "1.0"));
            assertTrue(wrong.getMessage().contains("alice"), wrong.getMessage());
            assertFalse(wrong.getMessage().contains("nope"), "the password never shows");
            RegistryClient anonymous = RegistryClient.builder(host).credentials(r -> java.util.Optional.empty()).build();
            assertThrows(AuthenticationException.class, anonymous::ping);
        }
    }

    @Test
    void bearerTokensCoverPushPullCatalogAndCrossRepositoryMounts() throws Exception {
        SigningKey key = SigningKey.generate("ES256", "berth client test issuer", Duration.ofDays(1));
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
            RegistryClient alice = as(host, "alice", "alice-pw");
            TestImages image = TestImages.random(2, 5000);
            image.push(alice, "team/app", "1.0");
            assertTrue(alice.catalog().anyMatch("team/app"::equals), "the catalog scope was granted");
            Descriptor layer = image.layerDescriptor();
            assertEquals(TransferListener.Outcome.MOUNTED,
                    alice.pushBlob("team/other", layer, BlobSource.of(image.layer()), "team/app", TransferListener.NONE),
                    "one token covers push on the target and pull on the source");

            RegistryClient bob = as(host, "bob", "bob-pw");
            assertArrayEquals(image.manifest().bytes(), bob.getManifest("team/app", "1.0").bytes());
            InsufficientScopeException refused = assertThrows(InsufficientScopeException.class,
                    () -> bob.pushBlob("team/app", MediaType.OCI_LAYER_TAR, new byte[] {1, 2, 3}));
            assertTrue(refused.scope().contains("team/app"), refused.scope());
        }
    }
}
