package dev.berth.server.internal.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.server.internal.Meters;
import dev.berth.server.internal.pipeline.Call;
import dev.berth.server.internal.pipeline.Handler;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HttpMetricsTest {
    private final PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicReference<PrometheusText> duringRequest = new AtomicReference<>();

    // Reads the request body, answers with a body of 100 bytes for GET, 201 for the rest.
    private final Handler api = call -> {
        var ex = call.exchange();
        try (InputStream in = ex.requestBody()) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        if (ex.rawPath().endsWith("/slow")) {
            duringRequest.set(PrometheusText.parse(prometheus.scrape()));
        }
        if (ex.method().equals("GET") || ex.method().equals("HEAD")) {
            try (OutputStream out = ex.respond(200, 100)) {
                out.write(new byte[100]);
            }
        } else {
            ex.respond(201, 0).close();
        }
    };

    private void send(Handler h, String method, String target, int bodyBytes) throws Exception {
        h.handle(new Call(new FakeExchange(method, target).body(new byte[bodyBytes])));
    }

    @Test
    void theScrapeParsesAndMovesWithTraffic() throws Exception {
        Handler metered = new HttpMetrics(prometheus, api);
        send(metered, "GET", "/v2/team/app/manifests/1", 0);
        PrometheusText before = PrometheusText.parse(prometheus.scrape());
        assertEquals("histogram", before.types().get("registry_http_request_duration_seconds"));
        assertEquals(1, before.value("registry_http_request_duration_seconds_count",
                "method", "GET", "route", "manifests", "status", "200"));
        assertTrue(before.has("registry_http_request_duration_seconds_bucket"));

        send(metered, "GET", "/v2/team/app/manifests/1", 0);
        send(metered, "HEAD", "/v2/team/app/manifests/1", 0);
        send(metered, "PATCH", "/v2/team/app/blobs/uploads/u1", 70);
        send(metered, "PUT", "/v2/team/app/blobs/uploads/u1?digest=sha256:00", 50);
        send(metered, "POST", "/v2/team/app/blobs/uploads/?digest=sha256:01", 30);
        send(metered, "POST", "/v2/team/app/blobs/uploads/?mount=sha256:02&from=other", 0);
        send(metered, "GET", "/v2/team/app/slow", 0);
        PrometheusText after = PrometheusText.parse(prometheus.scrape());

        assertEquals(2, after.value("registry_http_request_duration_seconds_count",
                "method", "GET", "route", "manifests", "status", "200"));
        assertEquals(2, after.value("registry_http_requests_total", "method", "GET", "route", "manifests", "status", "200"));
        assertEquals(1, after.value("registry_http_requests_total", "method", "HEAD", "route", "manifests"));
        assertEquals(200, after.value("registry_http_response_size_bytes_sum", "method", "GET", "route", "manifests"));
        assertEquals(0, after.value("registry_http_response_size_bytes_sum", "method", "HEAD", "route", "manifests"),
                "a HEAD answer has no body");
        assertEquals(70 + 50 + 30, after.value("registry_http_request_size_bytes_sum", "route", "uploads"));
        assertEquals(2, after.value("registry_storage_blob_upload_total"), "PUT and monolithic POST; not the mount");
        assertEquals(1, after.value("registry_http_requests_total", "route", "other", "status", "200"));
        assertEquals(1, duringRequest.get().value("registry_http_in_flight_requests"));
        assertEquals(0, after.value("registry_http_in_flight_requests"));
    }

    @Test
    void aFailureThatEscapesCountsAs500() throws Exception {
        Handler failing = new HttpMetrics(prometheus, call -> {
            throw new IllegalStateException("boom");
        });
        assertThrows(IllegalStateException.class, () -> send(failing, "GET", "/v2/", 0));
        PrometheusText text = PrometheusText.parse(prometheus.scrape());
        assertEquals(1, text.value("registry_http_requests_total", "route", "base", "status", "500"));
    }

    @Test
    void garbageCollectionMetersHaveTheirPrometheusNames() {
        Meters.gc(prometheus).run(Duration.ofMillis(1500), 4096, 3, 1);
        PrometheusText text = PrometheusText.parse(prometheus.scrape());
        assertEquals(1, text.value("registry_gc_runs_total"));
        assertEquals(4096, text.value("registry_gc_reclaimed_bytes_total"));
        assertEquals(3, text.value("registry_gc_blobs_deleted_total"));
        assertEquals(1, text.value("registry_gc_manifests_deleted_total"));
        assertEquals(1.5, text.value("registry_gc_duration_seconds_sum"));
        Meters.gc(null).run(Duration.ZERO, 1, 1, 1); // no registry: nothing to do, nothing fails
    }

    @Test
    void thePrometheusReaderRefusesWhatIsNotTheFormat() {
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse("x 1"));
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse("x 1\n"));
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse("# TYPE x gauge\nx{a=b} 1\n"));
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse("# TYPE x gauge\nx one\n"));
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse("# TYPE x gauge\nx 1\nx 2\n"));
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse(
                "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_count 1\nh_sum 1\n"));
        assertEquals(2, PrometheusText.parse("# HELP x a \"gauge\"\n# TYPE x gauge\nx{a=\"q\\\"\"} 2\n").value("x", "a", "q\""));
    }
}
