package dev.berth.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.auth.AuthenticationException;
import dev.berth.auth.Credential;
import dev.berth.auth.CredentialProvider;
import dev.berth.auth.CredentialProviders;
import dev.berth.auth.RegistryAuthenticator;
import dev.berth.server.auth.Htpasswd;
import dev.berth.server.auth.SigningKey;
import dev.berth.server.auth.TlsMaterial;
import dev.berth.server.auth.TokenEndpoint;
import dev.berth.server.auth.TokenEndpointServer;
import dev.berth.server.auth.TokenIssuer;
import dev.berth.testsupport.DistributionRegistry;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code insecure} covers the named registry only: distribution 2.8 on
 * 127.0.0.1 with token auth, whose token endpoint is on {@code localhost} and
 * another port, served over TLS with a certificate from a CA the client does
 * not trust. The user's password goes to that endpoint, so it is verified
 * unless that host is named insecure as well.
 */
class InsecureRegistryScopeTest {
    private static final String SERVICE = "berth-insecure-test";
    private static final String ISSUER = "berth-insecure-test-issuer";

    @TempDir
    Path dir;

    private TokenEndpointServer tokens;
    private DistributionRegistry registry;
    private CredentialProvider alice;

    @BeforeEach
    void start() throws Exception {
        Path htpasswd = dir.resolve("htpasswd");
        Files.writeString(htpasswd, Htpasswd.line("alice", "alice-pw") + "\n");
        SigningKey key = SigningKey.generate("ES256", "berth insecure test issuer", Duration.ofDays(1));
        Path rootCerts = dir.resolve("root.pem");
        Files.writeString(rootCerts, key.certificatePem());
        TokenEndpoint endpoint = new TokenEndpoint(new TokenIssuer(ISSUER, key, Duration.ofMinutes(5), Clock.systemUTC()),
                SERVICE, Htpasswd.load(htpasswd), (subject, scope) -> scope.actions());
        TlsMaterial untrusted = TlsMaterial.generate(List.of());
        tokens = TokenEndpointServer.start(endpoint, new InetSocketAddress("127.0.0.1", 0), "/token",
                untrusted.serverContext());
        registry = DistributionRegistry.builder(dir.resolve("registry"))
                .token(realm(), SERVICE, ISSUER, rootCerts).start();
        alice = CredentialProviders.of(registry.hostPort(), Credential.basic("alice", "alice-pw"));
    }

    @AfterEach
    void stop() {
        if (registry != null) {
            registry.close();
        }
        if (tokens != null) {
            tokens.close();
        }
    }

    // Another name for the same machine, and the endpoint's own port: another host as far as insecure goes.
    private String realmHost() {
        return "localhost:" + tokens.uri().getPort();
    }

    private String realm() {
        return "https://" + realmHost() + "/token";
    }

    @Test
    void anInsecureRegistryDoesNotMakeItsTokenEndpointOnAnotherHostUnverified() {
        try (RegistryClient client = RegistryClient.builder(registry.hostPort()).insecure(true).credentials(alice).build()) {
            AuthenticationException e = assertThrows(AuthenticationException.class, () -> client.tags("team/app").toList());
            assertTrue(causedBy(e, SSLException.class), "the token endpoint's certificate was checked: " + e);
            assertTrue(e.getMessage().contains(realmHost()), e.getMessage());
        }
    }

    @Test
    void aTokenEndpointNamedInsecureToo_IsReachedWithoutVerification() {
        RegistryAuthenticator auth = RegistryAuthenticator.builder().credentials(alice)
                .insecureRegistry(registry.hostPort()).insecureRegistry(realmHost()).build();
        try (RegistryClient client = RegistryClient.builder(registry.hostPort()).insecure(true).authenticator(auth).build()) {
            assertEquals("bearer", client.ping().authScheme());
            assertEquals(List.of(), client.catalog().toList(), "a token was fetched and accepted");
        }
    }

    @Test
    void aRegistrySetEntryMarkedInsecureKeepsItsTokenEndpointVerified() {
        try (dev.berth.client.registries.RegistrySet set = dev.berth.client.registries.RegistrySet.inMemory()) {
            set.add(dev.berth.client.registries.RegistryEntry.of("local", registry.hostPort()).withInsecure(true)
                    .withUsername("alice"), new dev.berth.auth.vault.Secret("alice-pw"));
            AuthenticationException e = assertThrows(AuthenticationException.class,
                    () -> set.client("local").catalog().toList());
            assertTrue(causedBy(e, SSLException.class), "the token endpoint's certificate was checked: " + e);
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
