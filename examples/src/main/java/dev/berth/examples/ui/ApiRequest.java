package dev.berth.examples.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request to the UI: its method, decoded path segments, query parameters,
 * body (read up to a limit) and the logged-in user, and the way to answer it.
 */
final class ApiRequest {
    private final HttpExchange exchange;
    private final List<String> segments;
    private final Map<String, String> query;
    private final int maxBody;
    private String user;
    private boolean answered;

    ApiRequest(HttpExchange exchange, int maxBody) {
        this.exchange = exchange;
        this.maxBody = maxBody;
        this.segments = segments(exchange.getRequestURI().getRawPath());
        this.query = query(exchange.getRequestURI().getRawQuery());
    }

    private static List<String> segments(String rawPath) {
        List<String> out = new ArrayList<>();
        for (String s : rawPath.split("/")) {
            if (!s.isEmpty()) {
                out.add(decode(s));
            }
        }
        return out;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            out.putIfAbsent(key, eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("malformed percent-encoding in \"" + s + "\"");
        }
    }

    String method() {
        return exchange.getRequestMethod();
    }

    /** @return the path's segments, percent-decoded */
    List<String> segments() {
        return segments;
    }

    Optional<String> param(String name) {
        return Optional.ofNullable(query.get(name)).filter(v -> !v.isEmpty());
    }

    boolean flag(String name) {
        return param(name).map(v -> v.equals("true") || v.equals("1")).orElse(false);
    }

    /** @return a positive integer parameter, {@code fallback} when absent, a 400 when it is not one */
    int intParam(String name, int fallback, int max) {
        Optional<String> v = param(name);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.get());
            if (n < 1 || n > max) {
                throw ApiException.badRequest("parameter \"" + name + "\" must be between 1 and " + max + ", not " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("parameter \"" + name + "\" must be a number, not \"" + v.get() + "\"");
        }
    }

    Optional<String> header(String name) {
        return Optional.ofNullable(exchange.getRequestHeaders().getFirst(name));
    }

    Map<String, List<String>> headers() {
        return exchange.getRequestHeaders();
    }

    boolean fromLoopback() {
        return exchange.getRemoteAddress().getAddress().isLoopbackAddress();
    }

    /** @return the body, or a 413 when it is longer than the API's limit */
    byte[] body() throws IOException {
        return body(maxBody);
    }

    /** @return the body, or a 413 when it is longer than {@code maxBody} (a webhook's limit, say) */
    byte[] body(int maxBody) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(maxBody + 1);
            if (bytes.length > maxBody) {
                throw new ApiException(413, "TOO_LARGE", "the request body exceeds the limit of " + maxBody + " bytes");
            }
            return bytes;
        }
    }

    ObjectNode jsonBody() throws IOException {
        return UiJson.readObject(body());
    }

    void user(String value) {
        this.user = value;
    }

    /** @return who is logged in, or "local" when no login is needed */
    String user() {
        return user == null ? "local" : user;
    }

    void setHeader(String name, String value) {
        exchange.getResponseHeaders().add(name, value);
    }

    boolean answered() {
        return answered;
    }

    void json(int status, JsonNode answer) throws IOException {
        send(status, "application/json", UiJson.bytes(answer));
    }

    void send(int status, String contentType, byte[] body) throws IOException {
        answered = true;
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = method().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
