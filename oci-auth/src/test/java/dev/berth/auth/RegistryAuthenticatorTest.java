package dev.berth.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.berth.testsupport.MutableClock;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Token endpoint behaviour a real registry cannot be made to show, played by WireMock. */
class RegistryAuthenticatorTest {
    private static final String REGISTRY = "registry.test";
    private WireMockServer wm;
    private URI request;

    @BeforeEach
    void start() {
        wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
        request = URI.create("http://127.0.0.1:" + wm.port() + "/v2/team/app/manifests/1");
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    private String realm() {
        return "http://127.0.0.1:" + wm.port() + "/token";
    }

    private RegistryAuthenticator auth(Credential credential, Clock clock) {
        return RegistryAuthenticator.builder().clock(clock)
                .credentials(credential == null ? r -> Optional.empty() : CredentialProviders.of(REGISTRY, credential)).build();
    }

    private String challenge() {
        return "Bearer realm=\"" + realm() + "\",service=\"svc\",scope=\"repository:team/app:pull\"";
    }

    @Test
    void getsATokenWithBasicCredentialsAndTheRightParameters() {
        wm.stubFor(get(urlPathEqualTo("/token")).willReturn(aResponse().withBody("{\"token\":\"t1\",\"expires_in\":300}")));
        String header = auth(Credential.basic("alice", "pw"), Clock.systemUTC())
                .authorize(request, REGISTRY, List.of(challenge()), List.of(Scope.pull("team/app")));
        assertEquals("Bearer t1", header);
        wm.verify(getRequestedFor(urlPathEqualTo("/token"))
                .withQueryParam("service", equalTo("svc"))
                .withQueryParam("scope", equalTo("repository:team/app:pull"))
                .withQueryParam("account", equalTo("alice"))
                .withHeader("Authorization", equalTo("Basic " + Base64.getEncoder()
                        .encodeToString("alice:pw".getBytes(StandardCharsets.UTF_8)))));
    }

    @Test
    void anonymousTokensAndAccessTokenOnlyResponsesAndChallengesWithoutService() {
        wm.stubFor(get(urlPathEqualTo("/token")).willReturn(aResponse().withBody("{\"access_token\":\"only-access\"}")));
        String header = auth(null, Clock.systemUTC()).authorize(request, REGISTRY,
                List.of("Bearer realm=\"" + realm() + "\""), List.of(Scope.pull("team/app")));
        assertEquals("Bearer only-access", header);
        wm.verify(getRequestedFor(urlPathEqualTo("/token")).withoutHeader("Authorization"));
    }

    @Test
    void fiftyConcurrentRequestsShareOneSlowTokenFetch() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/token")).willReturn(aResponse().withFixedDelay(500)
                .withBody("{\"token\":\"shared\",\"expires_in\":600}")));
        RegistryAuthenticator auth = auth(Credential.basic("alice", "pw"), Clock.systemUTC());
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                futures.add(pool.submit(() -> auth.authorize(request, REGISTRY, List.of(challenge()),
                        List.of(Scope.pull("team/app")))));
            }
            Set<String> headers = new HashSet<>();
            for (Future<String> f : futures) {
                headers.add(f.get());
            }
            assertEquals(Set.of("Bearer shared"), headers);
        } finally {
            pool.shutdownNow();
        }
        wm.verify(1, getRequestedFor(urlPathEqualTo("/token")));
    }

    @Test
    void tokensAreReusedWhileFreshAndRefreshedBeforeTheyExpire() {
        wm.stubFor(get(urlPathEqualTo("/token")).willReturn(aResponse()
                .withBody("{\"token\":\"t\",\"expires_in\":10,\"issued_at\":\"2026-11-22T12:00:00Z\"}")));
        MutableClock clock = new MutableClock(Instant.parse("2026-11-22T12:00:00Z"));
        RegistryAuthenticator auth = auth(Credential.basic("alice", "pw"), clock);
        auth.authorize(request, REGISTRY, List.of(challenge()), List.of(Scope.pull("team/app")));
        clock.set(Instant.parse("2026-11-22T12:00:50Z")); // expires_in below 60 counts as 60; 10% margin
        assertEquals("Bearer t", auth.authorizationFor(request, REGISTRY, List.of(Scope.pull("team/app"))).orElseThrow());
        wm.verify(1, getRequestedFor(urlPathEqualTo("/token")));
        clock.set(Instant.parse("2026-11-22T12:00:55Z"));
        auth.authorizationFor(request, REGISTRY, List.of(Scope.pull("team/app")));
        wm.verify(2, getRequestedFor(urlPathEqualTo("/token")));
    }

    @Test
    void identityTokensArePostedAndFallBackToGetWhereThePostIsNotFound() {
        wm.stubFor(post(urlPathEqualTo("/token")).willReturn(aResponse().withStatus(404)));
        wm.stubFor(get(urlPathEqualTo("/token")).willReturn(aResponse().withBody("{\"token\":\"via-get\"}")));
        assertEquals("Bearer via-get", auth(Credential.identityToken("", "refresh-1"), Clock.systemUTC())
                .authorize(request, REGISTRY, List.of(challenge()), List.of(Scope.pull("team/app"))));
        wm.verify(postRequestedFor(urlPathEqualTo("/token")).withRequestBody(containing("grant_type=refresh_token"))
                .withRequestBody(containing("refresh_token=refresh-1")).withRequestBody(containing("client_id=berth")));
        wm.verify(getRequestedFor(urlPathEqualTo("/token")).withHeader("Authorization", containing("Basic ")));
    }

    @Test
    void aRefreshTokenHandedOutByThePostIsKept() {
        wm.stubFor(post(urlPathEqualTo("/token")).willReturn(aResponse()
                .withBody("{\"access_token\":\"a1\",\"refresh_token\":\"rotated\",\"expires_in\":60}")));
        RegistryAuthenticator auth = RegistryAuthenticator.builder().preferOAuth2(true)
                .credentials(CredentialProviders.of(REGISTRY, Credential.basic("alice", "pw"))).build();
        auth.authorize(request, REGISTRY, List.of(challenge()), List.of(Scope.pull("team/app")));
        wm.verify(postRequestedFor(urlPathEqualTo("/token")).withRequestBody(containing("grant_type=password")));
        auth.authorize(request, REGISTRY, List.of(challenge()), List.of(Scope.push("team/app")));
        wm.verify(postRequestedFor(urlPathEqualTo("/token")).withRequestBody(containing("refresh_token=rotated")));
    }

    @Test
    void aRefusingOrBrokenTokenEndpointIsATypedError() {
        wm.stubFor(get(urlPathEqualTo("/token")).willReturn(aResponse().withStatus(401)));
        AuthenticationException e = assertThrows(AuthenticationException.class, () -> auth(Credential.basic("a", "b"),
                Clock.systemUTC()).authorize(request, REGISTRY, List.of(challenge()), List.of()));
        assertEquals(401, e.status());
        wm.stubFor(get(urlPathEqualTo("/token")).willReturn(aResponse().withBody("{\"nothing\":1}")));
        assertThrows(AuthenticationException.class, () -> auth(null, Clock.systemUTC())
                .authorize(request, REGISTRY, List.of(challenge()), List.of()));
        assertThrows(AuthenticationException.class, () -> auth(null, Clock.systemUTC())
                .authorize(request, REGISTRY, List.of("Bearer service=\"x\""), List.of()), "no realm");
        assertThrows(ChallengeParseException.class, () -> auth(null, Clock.systemUTC())
                .authorize(request, REGISTRY, List.of("Bearer realm=\"open"), List.of()));
    }

    @Test
    void insufficientScopeAsksOnceThenNamesTheScope() {
        wm.stubFor(get(urlPathEqualTo("/token")).willReturn(aResponse().withBody("{\"token\":\"pull-only\"}")));
        RegistryAuthenticator auth = auth(Credential.basic("bob", "pw"), Clock.systemUTC());
        String insufficient = "Bearer realm=\"" + realm() + "\",service=\"svc\",scope=\"repository:team/app:pull,push\","
                + "error=\"insufficient_scope\"";
        String first = auth.authorize(request, REGISTRY, List.of(challenge()), List.of(Scope.pull("team/app")));
        String wider = auth.authorize(request, REGISTRY, List.of(insufficient), List.of(Scope.pull("team/app")), first);
        wm.verify(getRequestedFor(urlPathEqualTo("/token")).withQueryParam("scope", equalTo("repository:team/app:pull,push")));
        InsufficientScopeException e = assertThrows(InsufficientScopeException.class, () -> auth.authorize(request, REGISTRY,
                List.of(insufficient), List.of(Scope.pull("team/app")), wider));
        assertEquals("repository:team/app:pull,push", e.scope());
        assertTrue(e.getMessage().contains("bob"));
    }

    @Test
    void credentialsAreWithheldFromPlainHttpToOtherHostsUnlessInsecureIsAllowed() {
        URI remote = URI.create("http://registry.example.com/v2/");
        RegistryAuthenticator strict = RegistryAuthenticator.builder()
                .credentials(CredentialProviders.of("registry.example.com", Credential.basic("u", "p"))).build();
        AuthenticationException e = assertThrows(AuthenticationException.class, () -> strict.authorize(remote,
                "registry.example.com", List.of("Basic realm=x"), List.of()));
        assertTrue(e.getMessage().contains("withholding credentials"), e.getMessage());
        RegistryAuthenticator insecure = RegistryAuthenticator.builder().insecureRegistry("registry.example.com")
                .credentials(CredentialProviders.of("registry.example.com", Credential.basic("u", "p"))).build();
        assertTrue(insecure.authorize(remote, "registry.example.com", List.of("Basic realm=x"), List.of())
                .startsWith("Basic "));
        assertEquals("Bearer given", RegistryAuthenticator.builder()
                .credentials(CredentialProviders.of(REGISTRY, Credential.bearer("given"))).build()
                .authorize(request, REGISTRY, List.of(challenge()), List.of()));
    }

    @Test
    void anInsecureRegistryDoesNotLetCredentialsGoOverPlainHttpToATokenEndpointOnAnotherHost() {
        URI remote = URI.create("https://registry.example.com/v2/");
        RegistryAuthenticator auth = RegistryAuthenticator.builder().insecureRegistry("registry.example.com")
                .credentials(CredentialProviders.of("registry.example.com", Credential.basic("u", "p"))).build();
        AuthenticationException e = assertThrows(AuthenticationException.class, () -> auth.authorize(remote,
                "registry.example.com", List.of("Bearer realm=\"http://auth.example.com/token\",service=\"r\""),
                List.of(Scope.pull("team/app"))));
        assertTrue(e.getMessage().contains("withholding credentials") && e.getMessage().contains("auth.example.com"),
                e.getMessage());
    }
}
