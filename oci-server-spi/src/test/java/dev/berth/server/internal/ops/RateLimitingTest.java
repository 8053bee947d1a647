package dev.berth.server.internal.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.model.ErrorCode;
import dev.berth.model.RegistryError;
import dev.berth.server.RateLimit;
import dev.berth.server.internal.pipeline.Call;
import dev.berth.server.internal.pipeline.Handler;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimitingTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final Handler ok = call -> call.exchange().respond(200, 0).close();

    private int send(RateLimiting limiter, String client) throws Exception {
        FakeExchange ex = new FakeExchange("GET", "/v2/team/app/manifests/1").from(client);
        limiter.handle(new Call(ex));
        return ex.status();
    }

    @Test
    void aClientBeyondItsBurstIsAnswered429WithRetryAfterAndRecovers() throws Exception {
        RateLimiting limiter = new RateLimiting(new RateLimit(2, 5), ok, now::get, 1000);
        for (int i = 0; i < 5; i++) {
            assertEquals(200, send(limiter, "10.0.0.1"), "request " + i + " of the burst");
        }
        FakeExchange refused = new FakeExchange("GET", "/v2/").from("10.0.0.1");
        limiter.handle(new Call(refused));
        assertEquals(429, refused.status());
        assertEquals(List.of("1"), refused.responseHeaderValues("Retry-After"));
        List<RegistryError> errors = RegistryError.parseBody(refused.sentBody().getBytes(StandardCharsets.UTF_8));
        assertEquals(ErrorCode.TOOMANYREQUESTS, errors.get(0).code());

        assertEquals(200, send(limiter, "10.0.0.2"), "another client has its own bucket");

        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(499));
        assertEquals(429, send(limiter, "10.0.0.1"));
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
        assertEquals(200, send(limiter, "10.0.0.1"), "one request back after 1/rate");
        assertEquals(429, send(limiter, "10.0.0.1"));

        now.addAndGet(TimeUnit.SECONDS.toNanos(10));
        for (int i = 0; i < 5; i++) {
            assertEquals(200, send(limiter, "10.0.0.1"), "the whole burst back after a quiet while");
        }
        assertEquals(429, send(limiter, "10.0.0.1"));
    }

    @Test
    void retryAfterSaysWhenTheNextRequestGoes() throws Exception {
        RateLimiting limiter = new RateLimiting(new RateLimit(0.1, 1), ok, now::get, 1000);
        assertEquals(200, send(limiter, "10.0.0.1"));
        now.addAndGet(TimeUnit.SECONDS.toNanos(3));
        FakeExchange refused = new FakeExchange("GET", "/v2/").from("10.0.0.1");
        limiter.handle(new Call(refused));
        assertEquals(List.of("7"), refused.responseHeaderValues("Retry-After"));
    }

    @Test
    void ipv6ClientsAreCountedPerSlash64() throws Exception {
        RateLimiting limiter = new RateLimiting(new RateLimit(1, 1), ok, now::get, 1000);
        assertEquals(200, send(limiter, "2001:db8:1:2::1"));
        assertEquals(429, send(limiter, "2001:db8:1:2:ffff::9"));
        assertEquals(200, send(limiter, "2001:db8:1:3::1"));
    }

    @Test
    void memoryStaysBoundedWhateverTheNumberOfClients() throws Exception {
        RateLimiting limiter = new RateLimiting(new RateLimit(1, 3), ok, now::get, 100);
        for (int i = 0; i < 10_000; i++) {
            assertEquals(200, send(limiter, "10.1." + (i / 256) + "." + (i % 256)));
            assertTrue(limiter.trackedClients() <= 100, "tracked " + limiter.trackedClients());
        }
        // The client seen last is still limited: forgetting took the others first.
        send(limiter, "10.1.39.15");
        send(limiter, "10.1.39.15");
        assertEquals(429, send(limiter, "10.1.39.15"));
    }

    @Test
    void limitsThatMeanNothingAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RateLimit(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new RateLimit(Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> new RateLimit(10, 0));
    }
}
