package dev.berth.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's operations snippet runs as written, and what it sets up answers. */
class ReadmeOperationsSnippetTest {
    @Test
    void theOperatorsSideOfTheBuilderServesMetricsHealthAndHeaders() throws Exception {
        // snippet: server-operations
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT); // micrometer-registry-prometheus
        EmbeddedRegistry registry = EmbeddedRegistry.builder()
                .meterRegistry(prometheus)                                  // any Micrometer registry: the application's own
                .debugAddress(new InetSocketAddress("127.0.0.1", 0))        // /metrics and /debug/health at registry.debugUri()
                .prometheusScrape(prometheus::scrape)                       // what /metrics answers
                .rateLimit(new RateLimit(50, 200))                          // per client address (IPv6 per /64): 429 with Retry-After
                .cors(CorsPolicy.allowing("http://localhost:8080").withCredentials(true))  // preflights answered before auth
                .responseHeaders(Map.of("Strict-Transport-Security", List.of("max-age=63072000")))  // as http.headers
                .start();
        // end snippet
        try (registry) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> ping = http.send(HttpRequest.newBuilder(URI.create(registry.baseUri() + "/v2/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ping.statusCode());
            assertEquals("max-age=63072000", ping.headers().firstValue("Strict-Transport-Security").orElseThrow());
            assertEquals("nosniff", ping.headers().firstValue("X-Content-Type-Options").orElseThrow());
            URI debug = registry.debugUri().orElseThrow();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(debug + "/debug/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), health.body());
            // The ping is counted just after its answer went out: scrape until it shows.
            String scraped = "";
            for (long end = System.nanoTime() + 5_000_000_000L; System.nanoTime() < end
                    && !scraped.contains("registry_http_request_duration_seconds_count{"); Thread.sleep(20)) {
                scraped = http.send(HttpRequest.newBuilder(URI.create(debug + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
            }
            assertTrue(scraped.contains("registry_http_request_duration_seconds_count{"), scraped);
        }
    }
}
