package dev.berth.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The UI's REST API as its page calls it: one keep-alive HTTP/1.1 client, JSON in and out. Every call is timed from
 * the request's start to the answer's last byte, so that the server's JSON writing counts, as it does for the page.
 */
final class UiApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;

    /**
     * One timed answer.
     *
     * @param millis from sending to the last byte read
     * @param status the HTTP status
     * @param body   the JSON body
     * @param bytes  how long the body was
     */
    record Answer(double millis, int status, JsonNode body, int bytes) {
        /** @return whether the server said it answered from its cache ({@code "cached": true}) */
        boolean cached() {
            return body.path("cached").asBoolean(false);
        }
    }

    /** @param base the UI's address, {@code http://127.0.0.1:PORT/} */
    UiApi(URI base) {
        this.base = base;
    }

    /** Adds a registry as the page's form does: {@code POST /api/v1/registries}; fails unless 201. */
    Answer addRegistry(String name, String url) throws IOException, InterruptedException {
        byte[] body = JSON.writeValueAsBytes(Map.of("name", name, "url", url, "insecure", false));
        Answer a = send(HttpRequest.newBuilder(base.resolve("/api/v1/registries")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        expect(201, a, "POST /api/v1/registries");
        return a;
    }

    /** {@code GET path}; fails unless 200. */
    Answer get(String pathAndQuery) throws IOException, InterruptedException {
        Answer a = send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).GET());
        expect(200, a, "GET " + pathAndQuery);
        return a;
    }

    /** @return {@code /api/v1/registries/REGISTRY/repositories/REPO} with the repository's slashes kept */
    static String repositoryPath(String registry, String repository) {
        return "/api/v1/registries/" + URLEncoder.encode(registry, StandardCharsets.UTF_8) + "/repositories/" + repository;
    }

    private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<byte[]> r = http.send(request.timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofByteArray());
        double millis = (System.nanoTime() - start) / 1e6;
        JsonNode body = r.body().length == 0 ? JSON.nullNode() : JSON.readTree(r.body());
        return new Answer(millis, r.statusCode(), body, r.body().length);
    }

    private static void expect(int status, Answer a, String what) throws IOException {
        if (a.status() != status) {
            throw new IOException(what + " answered " + a.status() + " instead of " + status + ": " + a.body());
        }
    }
}
