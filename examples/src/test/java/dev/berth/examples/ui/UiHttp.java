package dev.berth.examples.ui;

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

/** The UI's REST API as a browser's script calls it: JSON over java.net.http, the session cookie kept. */
final class UiHttp {
    static final ObjectMapper JSON = new ObjectMapper();
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String cookie;

    /** One answer: its status, its body as JSON and its raw headers' Content-Type and Set-Cookie. */
    record Answer(int status, JsonNode json, String body, String contentType, String setCookie) {
        String errorCode() {
            return json.path("error").path("code").asText();
        }

        String errorMessage() {
            return json.path("error").path("message").asText();
        }
    }

    UiHttp(URI base) {
        this.base = base;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    Answer get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    Answer delete(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).DELETE());
    }

    Answer post(String path, Object body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(text(body))));
    }

    Answer put(String path, Object body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(text(body))));
    }

    Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        String setCookie = r.headers().firstValue("Set-Cookie").orElse(null);
        if (setCookie != null) {
            String pair = setCookie.split(";")[0];
            cookie = pair.endsWith("=") ? null : pair;
        }
        JsonNode json;
        try {
            json = r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
        } catch (IOException e) {
            json = JSON.createObjectNode();
        }
        return new Answer(r.statusCode(), json, r.body(), r.headers().firstValue("Content-Type").orElse(""), setCookie);
    }

    private static String text(Object body) throws IOException {
        return body instanceof String s ? s : JSON.writeValueAsString(body);
    }
}
