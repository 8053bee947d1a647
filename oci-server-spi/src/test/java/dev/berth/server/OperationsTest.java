package dev.berth.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.events.send.EndpointConfig;
import dev.berth.model.ErrorCode;
import dev.berth.model.RegistryError;
import dev.berth.model.manifest.Manifest;
import dev.berth.server.auth.Htpasswd;
import dev.berth.server.internal.ops.PrometheusText;
import dev.berth.testsupport.OciLayoutImage;
import dev.berth.testsupport.Skopeo;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's stages through a started registry: metrics and health on the debug listener, limits, headers, CORS. */
class OperationsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static HttpResponse<String> get(URI uri, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri);
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static PrometheusText scrape(EmbeddedRegistry registry) throws Exception {
        HttpResponse<String> metrics = get(URI.create(registry.debugUri().orElseThrow() + "/metrics"));
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain; version=0.0.4"));
        return PrometheusText.parse(metrics.body());
    }

    // A request is counted just after its answer is out: scrape until the last one shows (or 5 s pass).
    private static PrometheusText scrapeAfter(EmbeddedRegistry registry, java.util.function.Predicate<PrometheusText> counted)
            throws Exception {
        long end = System.nanoTime() + 5_000_000_000L;
        PrometheusText text = scrape(registry);
        while (!counted.test(text) && System.nanoTime() < end) {
            Thread.sleep(10);
            text = scrape(registry);
        }
        return text;
    }

    // A raw HTTP/1.1 exchange: the request as bytes, the answer's head and whatever body followed, until the server closes.
    private static String raw(int port, String request) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            StringBuilder answer = new StringBuilder();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                answer.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                if (answer.indexOf("\r\n\r\n") > 0 && complete(answer.toString())) {
                    break;
                }
            }
            return answer.toString();
        }
    }

    private static boolean complete(String answer) {
        int end = answer.indexOf("\r\n\r\n");
        String head = answer.substring(0, end).toLowerCase();
        int at = head.indexOf("content-length: ");
        if (at < 0) {
            return true;
        }
        int length = Integer.parseInt(head.substring(at + 16).split("\r\n")[0].trim());
        return answer.length() - end - 4 >= length;
    }

    @Test
    void metricsScrapedFromTheDebugListenerParseAndMoveWithAPush() throws Exception {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder().storage(Storage.filesystem(dir.resolve("store")))
                .meterRegistry(prometheus).prometheusScrape(prometheus::scrape)
                .debugAddress(new InetSocketAddress("127.0.0.1", 0)).start()) {
            PrometheusText before = scrape(registry);
            assertEquals(0, before.value("registry_storage_size_bytes"));
            assertEquals(0, before.value("registry_storage_blob_upload_total"));

            OciLayoutImage image = OciLayoutImage.write(dir.resolve("layout"), "1", "metrics " + System.nanoTime());
            Skopeo.run("copy", "--dest-tls-verify=false", image.skopeoName(), "docker://" + registry.hostPort() + "/team/app:1");
            Skopeo.run("inspect", "--tls-verify=false", "docker://" + registry.hostPort() + "/team/app:1");

            PrometheusText after = scrapeAfter(registry, t -> t.value("registry_http_requests_total", "route", "tags") >= 1);
            assertEquals(2, after.value("registry_storage_blob_upload_total"), "the layer and the config");
            assertEquals(1, after.value("registry_http_request_duration_seconds_count", "method", "PUT", "route", "manifests",
                    "status", "201"));
            assertTrue(after.value("registry_http_requests_total", "method", "GET", "route", "manifests", "status", "200") >= 1);
            assertTrue(after.value("registry_http_requests_total", "route", "base", "status", "200") >= 1);
            assertTrue(after.value("registry_http_request_size_bytes_sum", "method", "PUT", "route", "manifests")
                    >= image.manifest().bytes().length);
            assertTrue(after.value("registry_http_response_size_bytes_sum", "method", "GET", "route", "manifests")
                    >= image.manifest().bytes().length);
            assertEquals("histogram", after.types().get("registry_http_request_duration_seconds"));
            assertEquals(0, after.value("registry_http_in_flight_requests"));
            // distribution's storage timer, by driver and SPI action: one manifest stored, blobs committed.
            assertEquals(1, after.value("registry_storage_action_seconds_count", "driver", "filesystem", "action", "putManifest"));
            assertEquals(2, after.value("registry_storage_action_seconds_count", "driver", "filesystem", "action", "commitUpload"));
            assertTrue(after.value("registry_storage_action_seconds_sum", "driver", "filesystem", "action", "commitUpload") > 0);
            assertTrue(after.value("registry_storage_action_seconds_count", "driver", "filesystem", "action", "getTaggedManifest")
                    >= 1, "the GET by tag");
        }
    }

    @Test
    void storageSizeIsCountedFromTheStore() throws Exception {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder().meterRegistry(prometheus).prometheusScrape(prometheus::scrape)
                .debugAddress(new InetSocketAddress("127.0.0.1", 0)).start()) {
            OciLayoutImage image = OciLayoutImage.write(dir.resolve("layout"), "1", "size " + System.nanoTime());
            Skopeo.run("copy", "--dest-tls-verify=false", image.skopeoName(), "docker://" + registry.hostPort() + "/team/app:1");
            PrometheusText text = scrape(registry);
            assertEquals(image.layer().size() + image.config().size(), text.value("registry_storage_size_bytes"));
            assertEquals(2, text.value("registry_storage_blobs"));
        }
    }

    @Test
    void healthReportsStorageAndANotificationQueueThatFillsUp() throws Exception {
        // An endpoint that takes the connection and never answers: the one event being delivered fills a queue of 1.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.start();
            EndpointConfig hook = EndpointConfig.of("silent", URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/events"))
                    .withQueueCapacity(1);
            PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            try (EmbeddedRegistry registry = EmbeddedRegistry.builder().notify(hook).meterRegistry(prometheus)
                    .prometheusScrape(prometheus::scrape).debugAddress(new InetSocketAddress("127.0.0.1", 0)).start()) {
                URI health = URI.create(registry.debugUri().orElseThrow() + "/debug/health");
                HttpResponse<String> up = get(health);
                assertEquals(200, up.statusCode(), up.body());
                JsonNode report = JSON.readTree(up.body());
                assertEquals("up", report.get("status").asText());
                assertEquals("up", report.get("storage").get("status").asText());
                assertEquals("up", report.get("notifications").get("status").asText());
                assertEquals("silent", report.get("notifications").get("endpoints").get(0).get("name").asText());
                assertEquals(List.of("status", "storage", "notifications"), fieldNames(report));

                OciLayoutImage image = OciLayoutImage.write(dir.resolve("layout"), "1", "health " + System.nanoTime());
                Skopeo.run("copy", "--dest-tls-verify=false", image.skopeoName(), "docker://" + registry.hostPort() + "/team/app:1");

                // Events go out just after each answer: the push's last one may still be on its way when skopeo exits.
                HttpResponse<String> down = get(health);
                for (long end = System.nanoTime() + 5_000_000_000L; System.nanoTime() < end
                        && JSON.readTree(down.body()).get("notifications").get("endpoints").get(0).get("dropped").asLong() == 0;
                        down = get(health)) {
                    Thread.sleep(20);
                }
                assertEquals(503, down.statusCode(), down.body());
                JsonNode full = JSON.readTree(down.body());
                assertEquals("down", full.get("status").asText());
                assertEquals("up", full.get("storage").get("status").asText());
                JsonNode endpoint = full.get("notifications").get("endpoints").get(0);
                assertEquals("down", endpoint.get("status").asText());
                assertTrue(endpoint.get("dropped").asLong() > 0, endpoint.toString());

                PrometheusText text = scrape(registry);
                assertTrue(text.value("registry_notifications_dropped_total", "endpoint", "silent") > 0);
                assertTrue(text.value("registry_notifications_pending", "endpoint", "silent") >= 1);
                assertTrue(text.has("registry_notifications_sent_total"));
                assertTrue(text.has("registry_notifications_failed_total"));
            } finally {
                silent.close();
                acceptor.join();
                for (Socket s : accepted) {
                    s.close();
                }
            }
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void theDebugListenerWithoutPrometheusSaysWhatIsMissing() throws Exception {
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder().debugAddress(new InetSocketAddress("127.0.0.1", 0)).start()) {
            HttpResponse<String> metrics = get(URI.create(registry.debugUri().orElseThrow() + "/metrics"));
            assertEquals(404, metrics.statusCode());
            assertTrue(metrics.body().contains("prometheusScrape"), metrics.body());
            assertEquals(200, get(URI.create(registry.debugUri().orElseThrow() + "/debug/health")).statusCode());
        }
        try (EmbeddedRegistry plain = EmbeddedRegistry.builder().start()) {
            assertTrue(plain.debugUri().isEmpty());
        }
    }

    @Test
    void theLimiterSends429BeyondItsLimitAndRecovers() throws Exception {
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder().rateLimit(new RateLimit(1, 3)).start()) {
            URI ping = URI.create(registry.baseUri() + "/v2/");
            for (int i = 0; i < 3; i++) {
                assertEquals(200, get(ping).statusCode(), "request " + i + " of the burst");
            }
            HttpResponse<String> refused = get(ping);
            assertEquals(429, refused.statusCode());
            long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(retryAfter >= 1 && retryAfter <= 2, "Retry-After " + retryAfter);
            assertEquals(ErrorCode.TOOMANYREQUESTS,
                    RegistryError.parseBody(refused.body().getBytes(StandardCharsets.UTF_8)).get(0).code());
            assertEquals("nosniff", refused.headers().firstValue("X-Content-Type-Options").orElseThrow());

            Thread.sleep(retryAfter * 1000); // what a client does with Retry-After
            assertEquals(200, get(ping).statusCode(), "recovered after Retry-After");
        }
    }

    @Test
    void aPreflightFromABrowserIsAnsweredBeforeAuthentication() throws Exception {
        Path file = dir.resolve("htpasswd");
        Files.writeString(file, Htpasswd.line("alice", "alice-pw") + "\n");
        CorsPolicy cors = CorsPolicy.allowing("http://localhost:8080").withCredentials(true)
                .withMethods(List.of("HEAD", "GET", "OPTIONS", "DELETE"));
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder().authenticator(Htpasswd.load(file)).cors(cors)
                .rateLimit(new RateLimit(100, 100)).start()) {
            OciLayoutImage image = OciLayoutImage.write(dir.resolve("layout"), "1", "cors " + System.nanoTime());
            Skopeo.run("copy", "--dest-tls-verify=false", "--dest-creds", "alice:alice-pw", image.skopeoName(),
                    "docker://" + registry.hostPort() + "/team/app:1");

            // Chrome's preflight before a page's fetch(url, {method: "DELETE", headers: {Authorization: ...}}).
            String preflight = raw(registry.port(), "OPTIONS /v2/team/app/manifests/1 HTTP/1.1\r\n"
                    + "Host: " + registry.hostPort() + "\r\n"
                    + "Connection: keep-alive\r\n"
                    + "Accept: */*\r\n"
                    + "Access-Control-Request-Method: DELETE\r\n"
                    + "Access-Control-Request-Headers: authorization\r\n"
                    + "Origin: http://localhost:8080\r\n"
                    + "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36\r\n"
                    + "Sec-Fetch-Mode: cors\r\n"
                    + "Sec-Fetch-Site: cross-site\r\n"
                    + "Sec-Fetch-Dest: empty\r\n"
                    + "Referer: http://localhost:8080/\r\n"
                    + "Accept-Encoding: gzip, deflate, br, zstd\r\n"
                    + "Accept-Language: en-US,en;q=0.9\r\n"
                    + "\r\n");
            assertTrue(preflight.startsWith("HTTP/1.1 204"), preflight);
            String head = preflight.toLowerCase();
            assertTrue(head.contains("\r\naccess-control-allow-origin: http://localhost:8080\r\n"), preflight);
            assertTrue(head.contains("\r\naccess-control-allow-methods: head, get, options, delete\r\n"), preflight);
            assertTrue(head.contains("\r\naccess-control-allow-credentials: true\r\n"), preflight);
            assertFalse(head.contains("www-authenticate"), preflight);

            String credentials = "Basic " + Base64.getEncoder().encodeToString("alice:alice-pw".getBytes(StandardCharsets.UTF_8));
            URI manifest = URI.create(registry.baseUri() + "/v2/team/app/manifests/1");
            HttpResponse<String> read = get(manifest, "Origin", "http://localhost:8080", "Authorization", credentials,
                    "Accept", dev.berth.model.MediaType.MANIFEST_ACCEPT);
            assertEquals(200, read.statusCode());
            assertEquals("http://localhost:8080", read.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
            assertTrue(read.headers().firstValue("Access-Control-Expose-Headers").orElseThrow().contains("Docker-Content-Digest"));
            assertEquals(image.manifest().digest().toString(), read.headers().firstValue("Docker-Content-Digest").orElseThrow());

            HttpResponse<String> anonymous = get(manifest, "Origin", "http://localhost:8080");
            assertEquals(401, anonymous.statusCode(), "the preflight alone skips authentication");
            assertEquals("http://localhost:8080", anonymous.headers().firstValue("Access-Control-Allow-Origin").orElseThrow(),
                    "a page can read why it was refused");

            HttpResponse<String> foreign = get(manifest, "Origin", "http://evil.example", "Authorization", credentials);
            assertEquals(200, foreign.statusCode());
            assertTrue(foreign.headers().map().keySet().stream().noneMatch(h -> h.toLowerCase().startsWith("access-control-")),
                    foreign.headers().map().toString());
        }
    }

    @Test
    void anOversizedBodyIsAnswered413WithAJsonError() throws Exception {
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder().start()) {
            // Only the head: the answer comes before any of the body is sent.
            String declared = raw(registry.port(), "PUT /v2/team/app/manifests/1 HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Type: application/vnd.oci.image.manifest.v1+json\r\n"
                    + "Content-Length: " + (Manifest.MAX_BYTES + 1) + "\r\n\r\n");
            assertTrue(declared.startsWith("HTTP/1.1 413"), declared);
            assertTrue(declared.toLowerCase().contains("\r\nconnection: close\r\n"), declared);
            String body = declared.substring(declared.indexOf("\r\n\r\n") + 4);
            assertEquals(ErrorCode.SIZE_INVALID, RegistryError.parseBody(body.getBytes(StandardCharsets.UTF_8)).get(0).code());

            // Chunked, without a length: cut off where it passes the limit.
            HttpResponse<String> chunked = HTTP.send(HttpRequest.newBuilder(URI.create(registry.baseUri() + "/v2/team/app/manifests/1"))
                    .header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
                    .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[Manifest.MAX_BYTES + 100])))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(413, chunked.statusCode(), chunked.body());
            assertEquals(ErrorCode.SIZE_INVALID, RegistryError.parseBody(chunked.body().getBytes(StandardCharsets.UTF_8)).get(0).code());

            String catalog = raw(registry.port(), "GET /v2/_catalog HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\n");
            assertTrue(catalog.startsWith("HTTP/1.1 413"), catalog);
        }
    }

    @Test
    void everyAnswerCarriesNosniffAndTheOperatorsHeaders() throws Exception {
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder()
                .responseHeaders(Map.of("Strict-Transport-Security", List.of("max-age=63072000"))).start()) {
            for (String path : List.of("/v2/", "/v2/nothing/manifests/1", "/elsewhere")) {
                HttpResponse<String> r = get(URI.create(registry.baseUri() + path));
                assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElseThrow(), path);
                assertEquals("max-age=63072000", r.headers().firstValue("Strict-Transport-Security").orElseThrow(), path);
            }
        }
    }

    @Test
    void skopeoPushesAndPullsWithEveryStageOn() throws Exception {
        Path file = dir.resolve("htpasswd");
        Files.writeString(file, Htpasswd.line("alice", "alice-pw") + "\n");
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder().authenticator(Htpasswd.load(file))
                .meterRegistry(prometheus).prometheusScrape(prometheus::scrape).debugAddress(new InetSocketAddress("127.0.0.1", 0))
                .rateLimit(new RateLimit(1000, 1000)).cors(CorsPolicy.allowing("http://localhost:8080"))
                .responseHeaders(Map.of("X-Team", List.of("platform"))).start()) {
            OciLayoutImage image = OciLayoutImage.write(dir.resolve("layout"), "1", "all " + System.nanoTime());
            String target = "docker://" + registry.hostPort() + "/team/app:1";
            Skopeo.run("copy", "--dest-tls-verify=false", "--dest-creds", "alice:alice-pw", image.skopeoName(), target);
            Skopeo.run("copy", "--src-tls-verify=false", "--src-creds", "alice:alice-pw", target, "oci:" + dir.resolve("back") + ":1");
            assertTrue(Files.exists(dir.resolve("back/blobs/sha256/" + image.layer().digest().encoded())));
            PrometheusText text = scrapeAfter(registry, t -> t.value("registry_http_requests_total", "method", "GET",
                    "route", "blobs") >= 2);
            assertEquals(2, text.value("registry_storage_blob_upload_total"));
            assertTrue(text.value("registry_http_requests_total", "status", "401") >= 1, "the challenges are counted too");
        }
    }
}
