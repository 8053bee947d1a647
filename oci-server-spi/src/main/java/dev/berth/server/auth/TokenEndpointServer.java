package dev.berth.server.auth;

import dev.berth.model.internal.ServerDefaults;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.berth.model.InvalidArgumentException;
import dev.berth.model.internal.QueryString;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * Serves a {@link TokenEndpoint} on the JDK's own HTTP(S) server, for
 * registries and tests without a web framework.
 *
 * <pre>{@code
 * try (TokenEndpointServer server = TokenEndpointServer.start(endpoint, new InetSocketAddress("127.0.0.1", 0), "/token")) {
 *     // configure the registry's realm as server.uri()
 * }
 * }</pre>
 */
public final class TokenEndpointServer implements AutoCloseable {
    private static final int MAX_FORM_BYTES = 64 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;
    private final String path;
    private final boolean tls;

    private TokenEndpointServer(HttpServer server, ExecutorService executor, String path, boolean tls) {
        this.server = server;
        this.executor = executor;
        this.path = path;
        this.tls = tls;
    }

    /**
     * @param endpoint what answers token requests
     * @param address  where to listen; port 0 picks a free port
     * @param path     e.g. {@code /token}
     * @return the running server, on plain HTTP
     * @throws InvalidArgumentException if an argument is null, or {@code path} does not start with {@code /}
     */
    public static TokenEndpointServer start(TokenEndpoint endpoint, InetSocketAddress address, String path) {
        return listen(endpoint, address, path, null);
    }

    /**
     * @param endpoint what answers token requests
     * @param address  where to listen; port 0 picks a free port
     * @param path     e.g. {@code /token}
     * @param tls      the server's TLS context, such as {@link TlsMaterial#serverContext()}
     * @return the running server, on HTTPS
     * @throws InvalidArgumentException if an argument is null, or {@code path} does not start with {@code /}
     */
    public static TokenEndpointServer start(TokenEndpoint endpoint, InetSocketAddress address, String path, SSLContext tls) {
        return listen(endpoint, address, path, InvalidArgumentException.requireNonNull(tls, "tls"));
    }

    // tls null: plain HTTP
    private static TokenEndpointServer listen(TokenEndpoint endpoint, InetSocketAddress address, String path, SSLContext tls) {
        InvalidArgumentException.requireNonNull(endpoint, "endpoint");
        InvalidArgumentException.requireNonNull(address, "address");
        if (!InvalidArgumentException.requireNonNull(path, "path").startsWith("/")) {
            throw new InvalidArgumentException("path", "must start with /, not \"" + path + "\"");
        }
        try {
            HttpServer server;
            if (tls != null) {
                HttpsServer https = HttpsServer.create(address, 64);
                https.setHttpsConfigurator(new HttpsConfigurator(tls));
                server = https;
            } else {
                server = HttpServer.create(address, 64);
            }
            ExecutorService executor = Executors.newFixedThreadPool(8, ServerDefaults.daemonThreads("berth-token-endpoint"));
            server.setExecutor(executor);
            server.createContext(path, exchange -> handle(endpoint, path, exchange));
            server.start();
            return new TokenEndpointServer(server, executor, path, tls != null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
    }

    private static void handle(TokenEndpoint endpoint, String path, HttpExchange exchange) throws IOException {
        try (exchange) {
            TokenEndpoint.Response response;
            if (!exchange.getRequestURI().getPath().equals(path)) {
                response = new TokenEndpoint.Response(404, Map.of(), new byte[0]);
            } else {
                byte[] body = exchange.getRequestBody().readNBytes(MAX_FORM_BYTES + 1);
                Map<String, List<String>> form = body.length > MAX_FORM_BYTES ? null
                        : QueryString.parse(new String(body, StandardCharsets.UTF_8));
                response = form == null ? new TokenEndpoint.Response(413, Map.of(), new byte[0])
                        : endpoint.handle(exchange.getRequestMethod(), QueryString.parse(exchange.getRequestURI().getRawQuery()),
                        Objects.requireNonNullElse(exchange.getRequestHeaders().getFirst("Authorization"), ""), form);
            }
            response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
            if (response.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        }
    }

    /** @return the realm URL to configure the registry with */
    public URI uri() {
        return URI.create((tls ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
