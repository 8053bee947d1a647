package dev.berth.server.internal.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.server.CorsPolicy;
import dev.berth.server.internal.pipeline.Call;
import dev.berth.server.internal.pipeline.Handler;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CorsTest {
    private final AtomicInteger reached = new AtomicInteger();
    // Stands for authentication and the API: anything that gets here without credentials is refused.
    private final Handler protectedApi = call -> {
        reached.incrementAndGet();
        call.exchange().setHeader("Docker-Content-Digest", "sha256:00");
        call.exchange().respond(call.exchange().requestHeader("Authorization").isPresent() ? 200 : 401, 0).close();
    };
    private final CorsPolicy policy = CorsPolicy.allowing("http://localhost:8080").withCredentials(true)
            .withMethods(List.of("HEAD", "GET", "OPTIONS", "DELETE"));

    // What Firefox and Chrome send before a DELETE with an Authorization header from a page on another origin.
    private static FakeExchange browserPreflight(String origin) {
        return new FakeExchange("OPTIONS", "/v2/team/app/manifests/sha256:00")
                .header("Host", "127.0.0.1:5000")
                .header("Accept", "*/*")
                .header("Access-Control-Request-Method", "DELETE")
                .header("Access-Control-Request-Headers", "authorization,cache-control")
                .header("Origin", origin)
                .header("Sec-Fetch-Mode", "cors")
                .header("Referer", origin + "/");
    }

    @Test
    void aPreflightIsAnsweredBeforeAuthentication() throws Exception {
        FakeExchange ex = browserPreflight("http://localhost:8080");
        new Cors(policy, protectedApi).handle(new Call(ex));
        assertEquals(0, reached.get());
        assertEquals(204, ex.status());
        assertEquals(List.of("http://localhost:8080"), ex.responseHeaderValues("Access-Control-Allow-Origin"));
        assertEquals(List.of("true"), ex.responseHeaderValues("Access-Control-Allow-Credentials"));
        assertEquals(List.of("HEAD, GET, OPTIONS, DELETE"), ex.responseHeaderValues("Access-Control-Allow-Methods"));
        assertEquals(List.of("Authorization, Accept, Cache-Control, Content-Type"),
                ex.responseHeaderValues("Access-Control-Allow-Headers"));
        assertEquals(List.of("600"), ex.responseHeaderValues("Access-Control-Max-Age"));
        assertEquals(List.of("Origin"), ex.responseHeaderValues("Vary"));
    }

    @Test
    void anOriginNotAllowedGetsNoCorsHeaderAtAll() throws Exception {
        FakeExchange preflight = browserPreflight("http://evil.example");
        new Cors(policy, protectedApi).handle(new Call(preflight));
        assertEquals(403, preflight.status());
        assertTrue(preflight.responseHeaders().keySet().stream().noneMatch(h -> h.startsWith("access-control-")),
                preflight.responseHeaders().toString());

        FakeExchange get = new FakeExchange("GET", "/v2/team/app/manifests/1").header("Origin", "http://evil.example")
                .header("Authorization", "Basic eDp5");
        new Cors(policy, protectedApi).handle(new Call(get));
        assertEquals(200, get.status());
        assertTrue(get.responseHeaders().keySet().stream().noneMatch(h -> h.startsWith("access-control-")));
    }

    @Test
    void aMethodOrHeaderNotAllowedIsRefusedWithoutAllowingTheOrigin() throws Exception {
        FakeExchange put = new FakeExchange("OPTIONS", "/v2/team/app/manifests/1").header("Origin", "http://localhost:8080")
                .header("Access-Control-Request-Method", "PUT");
        new Cors(policy, protectedApi).handle(new Call(put));
        assertEquals(403, put.status());
        assertTrue(put.responseHeaderValues("Access-Control-Allow-Origin").isEmpty());

        FakeExchange header = new FakeExchange("OPTIONS", "/v2/").header("Origin", "http://localhost:8080")
                .header("Access-Control-Request-Method", "GET").header("Access-Control-Request-Headers", "X-Secret");
        new Cors(policy, protectedApi).handle(new Call(header));
        assertEquals(403, header.status());
        assertEquals(0, reached.get());
    }

    @Test
    void anAllowedOriginsAnswerExposesTheDigest() throws Exception {
        FakeExchange get = new FakeExchange("GET", "/v2/team/app/manifests/1").header("Origin", "http://LOCALHOST:8080")
                .header("Authorization", "Basic eDp5");
        new Cors(policy, protectedApi).handle(new Call(get));
        assertEquals(200, get.status());
        assertEquals(List.of("http://LOCALHOST:8080"), get.responseHeaderValues("Access-Control-Allow-Origin"));
        assertEquals(List.of("Docker-Content-Digest, Link"), get.responseHeaderValues("Access-Control-Expose-Headers"));
        assertEquals(List.of("true"), get.responseHeaderValues("Access-Control-Allow-Credentials"));
    }

    @Test
    void requestsWithoutOriginAndPlainOptionsGoOnUntouched() throws Exception {
        FakeExchange options = new FakeExchange("OPTIONS", "/v2/");
        new Cors(policy, protectedApi).handle(new Call(options));
        assertEquals(1, reached.get());
        assertEquals(401, options.status());
        assertFalse(options.responseHeaders().containsKey("access-control-allow-origin"));
    }

    @Test
    void anyOriginWithoutCredentialsIsAStar() throws Exception {
        FakeExchange get = new FakeExchange("GET", "/v2/").header("Origin", "https://ui.example");
        new Cors(CorsPolicy.allowing("*"), protectedApi).handle(new Call(get));
        assertEquals(List.of("*"), get.responseHeaderValues("Access-Control-Allow-Origin"));
        assertTrue(get.responseHeaderValues("Vary").isEmpty());
    }

    @Test
    void policiesThatCannotWorkAreRefusedWhenBuilt() {
        assertThrows(IllegalArgumentException.class, () -> CorsPolicy.allowing("*").withCredentials(true));
        assertThrows(IllegalArgumentException.class, () -> CorsPolicy.allowing("http://localhost:8080/"));
        assertThrows(IllegalArgumentException.class, () -> CorsPolicy.allowing("localhost:8080"));
        assertThrows(IllegalArgumentException.class, () -> CorsPolicy.allowing());
        assertThrows(IllegalArgumentException.class, () -> CorsPolicy.allowing("ftp://x"));
    }
}
