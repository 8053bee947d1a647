package dev.berth.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.auth.AuthenticationException;
import dev.berth.auth.Scope;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TokenServerTest {
    static final Clock NOW = Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC);
    static final SigningKey ES256 = SigningKey.generate("ES256", "test issuer", Duration.ofDays(1));

    @ParameterizedTest
    @ValueSource(strings = {"ES256", "RS256"})
    void issuedTokensVerifyAndCarryTheGrantedAccess(String algorithm) throws Exception {
        SigningKey key = algorithm.equals("ES256") ? ES256 : SigningKey.generate("RS256", "rsa issuer", Duration.ofDays(1));
        TokenIssuer issuer = new TokenIssuer("berth", key, Duration.ofMinutes(5), NOW);
        String jwt = issuer.issue("alice", "registry.test", List.of(Scope.push("team/app"))).token();
        JsonNode header = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]));
        assertEquals(algorithm, header.get("alg").asText());
        assertEquals(1, header.get("x5c").size());
        TokenVerifier.Verified v = new TokenVerifier("berth", "registry.test", key.publicKey(), NOW).verify(jwt);
        assertEquals("alice", v.subject());
        assertTrue(v.allows(Scope.push("team/app")));
        assertTrue(v.allows(Scope.pull("team/app")));
        assertFalse(v.allows(Scope.pull("other")));
        assertFalse(v.allows(Scope.delete("team/app")));
    }

    @Test
    void theVerifierRefusesWhatIsWrongAndSaysWhat() {
        TokenIssuer issuer = new TokenIssuer("berth", ES256, Duration.ofMinutes(5), NOW);
        String jwt = issuer.issue("alice", "registry.test", List.of(Scope.pull("a"))).token();
        assertRefused(new TokenVerifier("other-issuer", "registry.test", ES256.publicKey(), NOW), jwt, "issuer");
        assertRefused(new TokenVerifier("berth", "other-service", ES256.publicKey(), NOW), jwt, "audience");
        Clock later = Clock.fixed(NOW.instant().plus(Duration.ofMinutes(10)), ZoneOffset.UTC);
        assertRefused(new TokenVerifier("berth", "registry.test", ES256.publicKey(), later), jwt, "expired");
        SigningKey stranger = SigningKey.generate("ES256", "stranger", Duration.ofDays(1));
        assertRefused(new TokenVerifier("berth", "registry.test", stranger.publicKey(), NOW), jwt, "signature");
        String[] parts = jwt.split("\\.");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("\"pull\"", "\"push\"")
                        .getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertRefused(new TokenVerifier("berth", "registry.test", ES256.publicKey(), NOW), forged, "signature");
        assertRefused(new TokenVerifier("berth", "registry.test", ES256.publicKey(), NOW), "not.a.jwt", "JWT");
    }

    private static void assertRefused(TokenVerifier verifier, String jwt, String why) {
        AuthenticationException e = assertThrows(AuthenticationException.class, () -> verifier.verify(jwt));
        assertTrue(e.getMessage().contains(why), e.getMessage());
        assertEquals(401, e.status());
    }

    @Test
    void theEndpointGrantsTheIntersectionAndRefusesWrongPasswords() throws Exception {
        TokenIssuer issuer = new TokenIssuer("berth", ES256, Duration.ofMinutes(5), NOW);
        Authorizer readOnlyBob = (subject, scope) -> subject.equals("bob") ? Set.of("pull") : scope.actions();
        Authenticator users = (u, p) -> p.equals(u + "-pw");
        TokenEndpoint endpoint = new TokenEndpoint(issuer, "registry.test", users, readOnlyBob);
        TokenVerifier verifier = new TokenVerifier("berth", "registry.test", ES256.publicKey(), NOW);
        Map<String, List<String>> query = Map.of("service", List.of("registry.test"),
                "scope", List.of("repository:team/app:pull,push", "repository:other:pull"));

        TokenEndpoint.Response bob = endpoint.handle("GET", query, basic("bob", "bob-pw"), Map.of());
        assertEquals(200, bob.status());
        JsonNode body = new ObjectMapper().readTree(bob.body());
        assertEquals(body.get("token").asText(), body.get("access_token").asText());
        assertEquals(300, body.get("expires_in").asInt());
        assertEquals("2026-11-22T12:00:00Z", body.get("issued_at").asText());
        TokenVerifier.Verified v = verifier.verify(body.get("token").asText());
        assertTrue(v.allows(Scope.pull("team/app")));
        assertFalse(v.allows(Scope.push("team/app")), "a partial grant, not an error");

        TokenEndpoint.Response alice = endpoint.handle("POST", Map.of(), "", Map.of("grant_type", List.of("password"),
                "username", List.of("alice"), "password", List.of("alice-pw"), "service", List.of("registry.test"),
                "scope", List.of("repository:team/app:pull,push")));
        assertTrue(verifier.verify(new ObjectMapper().readTree(alice.body()).get("access_token").asText())
                .allows(Scope.push("team/app")));

        TokenEndpoint.Response wrong = endpoint.handle("GET", query, basic("bob", "nope"), Map.of());
        assertEquals(401, wrong.status());
        assertTrue(wrong.headers().get("WWW-Authenticate").startsWith("Basic"));
        assertEquals(400, endpoint.handle("GET", Map.of("service", List.of("elsewhere")), "", Map.of()).status());
        assertEquals(400, endpoint.handle("GET", Map.of("scope", List.of("garbage")), "", Map.of()).status());
        assertEquals(400, endpoint.handle("POST", Map.of(), "", Map.of("grant_type", List.of("refresh_token"))).status());
        assertEquals(405, endpoint.handle("PUT", Map.of(), "", Map.of()).status());

        TokenEndpoint anonymousPull = new TokenEndpoint(issuer, "registry.test", users, Authorizer.authenticatedFullAnonymousPull());
        TokenEndpoint.Response anon = anonymousPull.handle("GET", query, "", Map.of());
        TokenVerifier.Verified av = verifier.verify(new ObjectMapper().readTree(anon.body()).get("token").asText());
        assertEquals("", av.subject());
        assertTrue(av.allows(Scope.pull("team/app")));
        assertFalse(av.allows(Scope.push("team/app")));
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
