package dev.berth.server.internal.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.berth.model.internal.ServerDefaults;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The debug listener, as distribution's {@code http.debug.addr}: {@code /metrics} (Prometheus text, when a
 * scrape is given) and {@code /debug/health} (JSON, 200 when up, 503 when down), on an address of its own so it
 * stays off the registry's port. The JDK's server on one thread: a few scrapers and probes, on loopback unless
 * the operator chooses otherwise.
 */
public final class DebugServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DebugServer.class);
    /** The content type of Prometheus' text exposition format. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService thread;

    private DebugServer(HttpServer server, ExecutorService thread) {
        this.server = server;
        this.thread = thread;
    }

    /**
     * @param address where to listen
     * @param scrape  the meters in Prometheus text, or null when the registry's meters do not go to Prometheus
     * @param health  the health checks
     * @return the started listener
     * @throws IOException if the address cannot be bound
     */
    public static DebugServer start(InetSocketAddress address, Supplier<String> scrape, Health health) throws IOException {
        HttpServer server = HttpServer.create(address, 16);
        server.createContext("/", ex -> answer(ex, 404, "text/plain; charset=utf-8", "the debug server serves /metrics and /debug/health\n"));
        server.createContext("/metrics", ex -> {
            if (!ex.getRequestURI().getPath().equals("/metrics")) {
                answer(ex, 404, "text/plain; charset=utf-8", "not found\n");
            } else if (scrape == null) {
                answer(ex, 404, "text/plain; charset=utf-8",
                        "no Prometheus meter registry: give the registry one and its scrape (EmbeddedRegistry.Builder.prometheusScrape)\n");
            } else {
                answer(ex, 200, PROMETHEUS_TEXT, scrape.get());
            }
        });
        server.createContext("/debug/health", ex -> {
            var report = health.check();
            answer(ex, report.get("status").asText().equals("up") ? 200 : 503, "application/json", report + "\n");
        });
        ExecutorService thread = Executors.newSingleThreadExecutor(ServerDefaults.daemonThreads("berth-registry-debug"));
        server.setExecutor(thread);
        server.start();
        return new DebugServer(server, thread);
    }

    /** @return the address listened on, its port resolved */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    private static void answer(HttpExchange ex, int status, String contentType, String body) throws IOException {
        try (ex) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", contentType);
            ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            boolean head = ex.getRequestMethod().equals("HEAD");
            ex.sendResponseHeaders(status, head ? -1 : bytes.length);
            if (!head) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("debug endpoint {} failed: {}", ex.getRequestURI().getPath(), e.toString());
            throw e;
        }
    }

    @Override
    public void close() {
        server.stop(0);
        thread.shutdownNow();
    }
}
