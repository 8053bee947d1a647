package dev.berth.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.auth.Scope;
import dev.berth.events.send.EndpointConfig;
import dev.berth.server.auth.AccessPolicy;
import dev.berth.server.auth.Authenticator;
import dev.berth.server.auth.Authorizer;
import dev.berth.server.auth.Htpasswd;
import dev.berth.server.auth.SigningKey;
import dev.berth.server.auth.TlsMaterial;
import dev.berth.server.auth.TokenEndpoint;
import dev.berth.server.auth.TokenEndpointServer;
import dev.berth.server.auth.TokenIssuer;
import dev.berth.server.auth.TokenVerifier;
import dev.berth.testsupport.PublicArguments;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public entry points of the embedded registry and of server-side auth take no null as a meaningful
 * argument: each refuses a null, blank or negative argument with {@link dev.berth.model.InvalidArgumentException}
 * naming the parameter, before anything listens or is written.
 */
class PublicArgumentsTest {
    private static final SigningKey KEY = SigningKey.generate("ES256", "test", Duration.ofDays(1));
    private static final TlsMaterial TLS = TlsMaterial.generate(List.of("registry.local"));

    @TempDir
    Path dir;

    private PublicArguments checker() throws IOException {
        Path htpasswd = Files.writeString(dir.resolve("htpasswd"), Htpasswd.line("alice", "pw") + "\n");
        TokenIssuer issuer = new TokenIssuer("issuer", KEY, Duration.ofMinutes(5), Clock.systemUTC());
        TokenEndpoint endpoint = new TokenEndpoint(issuer, "registry", Htpasswd.load(htpasswd),
                Authorizer.authenticatedFullAnonymousPull());
        TokenVerifier verifier = new TokenVerifier("issuer", "registry", KEY.publicKey(), Clock.systemUTC());
        return PublicArguments.with(Map.ofEntries(
                        Map.entry(TokenEndpoint.class, endpoint),
                        Map.entry(TokenIssuer.class, issuer),
                        Map.entry(TokenVerifier.class, verifier),
                        Map.entry(SigningKey.class, KEY),
                        Map.entry(PublicKey.class, KEY.publicKey()),
                        Map.entry(PrivateKey.class, ecKey()),
                        Map.entry(Authenticator.class, Htpasswd.load(htpasswd)),
                        Map.entry(Authorizer.class, Authorizer.authenticatedFullAnonymousPull()),
                        Map.entry(AccessPolicy.class, AccessPolicy.everyAuthenticatedUser()),
                        Map.entry(AccessPolicy.Rule.class, new AccessPolicy.Rule(List.of("**"), List.of("*"), List.of("pull"))),
                        Map.entry(Scope.class, Scope.pull("team/app")),
                        Map.entry(InetSocketAddress.class, new InetSocketAddress("127.0.0.1", 0)),
                        Map.entry(SSLContext.class, TLS.serverContext()),
                        Map.entry(Path.class, htpasswd),
                        Map.entry(Map.class, Map.of()),
                        Map.entry(List.class, List.of()),
                        Map.entry(Collection.class, List.of()),
                        Map.entry(Duration.class, Duration.ofMinutes(5)),
                        Map.entry(Clock.class, Clock.systemUTC()),
                        Map.entry(URI.class, URI.create("http://127.0.0.1:1/events")),
                        Map.entry(Storage.class, Storage.inMemory()),
                        Map.entry(TokenAuth.class, new TokenAuth("http://127.0.0.1:1/token", "registry", verifier)),
                        Map.entry(CorsPolicy.class, CorsPolicy.allowing("http://localhost:8080")),
                        Map.entry(RateLimit.class, new RateLimit(10, 10)),
                        Map.entry(GcSettings.class, GcSettings.defaults()),
                        Map.entry(EndpointConfig.class, EndpointConfig.of("test", URI.create("http://127.0.0.1:1/events"))),
                        Map.entry(MeterRegistry.class, new SimpleMeterRegistry()),
                        Map.entry(Supplier.class, (Supplier<String>) () -> "")))
                .strings(Map.ofEntries(Map.entry("path", "/token"), Map.entry("method", "GET"),
                        Map.entry("authorization", ""), Map.entry("service", "registry"), Map.entry("issuer", "issuer"),
                        Map.entry("audience", "registry"), Map.entry("subject", "alice"), Map.entry("username", "alice"),
                        Map.entry("password", "pw"), Map.entry("algorithm", "ES256"), Map.entry("commonName", "test"),
                        Map.entry("repository", "team/app"), Map.entry("token", "a.b.c"), Map.entry("realm", "http://h/token")))
                // no Authorization header, and the anonymous subject, are empty text; what a request brings
                // (its method, credentials, token) is answered, not refused as an argument
                .blankAllowed("authorization", "subject", "method", "token", "username", "password");
    }

    private static PrivateKey ecKey() {
        try {
            return KeyPairGenerator.getInstance("EC").generateKeyPair().getPrivate();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void tokenAuthNamesEveryBadArgument() throws IOException {
        PublicArguments check = checker();
        TokenIssuer issuer = new TokenIssuer("issuer", KEY, Duration.ofMinutes(5), Clock.systemUTC());
        List<String> failures = new ArrayList<>();
        failures.addAll(check.check(TokenEndpointServer.class, (Object) null));
        failures.addAll(check.check(TokenEndpoint.class, new TokenEndpoint(issuer, "registry",
                (user, password) -> false, Authorizer.authenticatedFullAnonymousPull())));
        failures.addAll(check.check(TokenIssuer.class, issuer));
        failures.addAll(check.check(TokenVerifier.class, new TokenVerifier("issuer", "registry", KEY.publicKey(),
                Clock.systemUTC())));
        failures.addAll(check.check(SigningKey.class, KEY));
        failures.addAll(check.check(TokenAuth.class, (Object) null));
        assertEquals(List.of(), failures, String.join("\n", failures));
    }

    @Test
    void accessRulesHtpasswdAndTlsNameEveryBadArgument() throws IOException {
        PublicArguments check = checker();
        List<String> failures = new ArrayList<>();
        failures.addAll(check.check(Htpasswd.class, Htpasswd.load(Files.writeString(dir.resolve("users"), ""))));
        failures.addAll(check.check(AccessPolicy.class, AccessPolicy.everyAuthenticatedUser()));
        failures.addAll(check.check(AccessPolicy.Builder.class, t -> AccessPolicy.builder()));
        failures.addAll(check.check(AccessPolicy.Rule.class, (Object) null));
        failures.addAll(check.check(TlsMaterial.class, TLS));
        assertEquals(List.of(), failures, String.join("\n", failures));
    }

    @Test
    void theEmbeddedRegistryBuilderNamesEveryBadArgument() throws IOException {
        PublicArguments check = checker();
        List<String> failures = new ArrayList<>();
        failures.addAll(check.check(EmbeddedRegistry.Builder.class, t -> EmbeddedRegistry.builder()));
        failures.addAll(check.check(CorsPolicy.class, CorsPolicy.allowing("http://localhost:8080")));
        failures.addAll(check.check(GcSettings.class, (Object) null));
        assertEquals(List.of(), failures, String.join("\n", failures));
    }
}
