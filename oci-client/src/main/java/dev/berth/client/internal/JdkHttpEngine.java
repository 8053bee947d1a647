package dev.berth.client.internal;

import dev.berth.model.OciException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The JDK's {@link HttpClient}: HTTP/2 where TLS offers it, for every request but a blob's bytes. */
final class JdkHttpEngine implements HttpEngine {
    private final HttpClient http;
    private final Duration requestTimeout;

    JdkHttpEngine(HttpClient http, Duration requestTimeout) {
        this.http = http;
        this.requestTimeout = requestTimeout;
    }

    @Override
    public HttpResponse<InputStream> send(String method, URI uri, Map<String, String> headers, RequestBody body)
            throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(requestTimeout).method(method, publisher(body));
        if ("http".equalsIgnoreCase(uri.getScheme())) {
            b.version(HttpClient.Version.HTTP_1_1); // no h2c upgrade dance with plain-HTTP registries
        }
        headers.forEach(b::header);
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OciException(method + " " + uri + ": interrupted", e);
        }
    }

    private static HttpRequest.BodyPublisher publisher(RequestBody body) {
        if (body == null) {
            return HttpRequest.BodyPublishers.noBody();
        }
        HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(() -> {
            try {
                return body.open();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return HttpRequest.BodyPublishers.fromPublisher(stream, body.length());
    }
}
