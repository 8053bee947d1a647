package dev.berth.events.receive;

import dev.berth.model.InvalidArgumentException;
import dev.berth.model.internal.ServerDefaults;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import dev.berth.model.ContentIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Mounts an {@link EventReceiver} on the JDK's own HTTP server, for
 * applications without a web framework.
 *
 * <pre>{@code
 * try (EventReceiverServer server = EventReceiverServer.start(receiver, new InetSocketAddress("127.0.0.1", 0), "/events")) {
 *     System.out.println("point the registry at " + server.uri());
 * }
 * }</pre>
 */
public final class EventReceiverServer implements AutoCloseable {
    /** The default path webhooks are POSTed to. */
    public static final String DEFAULT_PATH = "/events";

    private final HttpServer server;
    private final ExecutorService executor;
    private final String path;

    private EventReceiverServer(HttpServer server, ExecutorService executor, String path) {
        this.server = server;
        this.executor = executor;
        this.path = path;
    }

    /**
     * Starts listening.
     *
     * @param receiver what handles the webhooks
     * @param address  where to listen; port 0 picks a free port
     * @param path     the path to accept webhooks on, e.g. {@value #DEFAULT_PATH}
     * @return the running server
     * @throws ContentIOException if the address cannot be bound
     * @throws InvalidArgumentException if an argument is null, or {@code path} does not start with {@code /}
     */
    public static EventReceiverServer start(EventReceiver receiver, InetSocketAddress address, String path) {
        InvalidArgumentException.requireNonNull(receiver, "receiver");
        InvalidArgumentException.requireNonNull(address, "address");
        if (!InvalidArgumentException.requireNonNull(path, "path").startsWith("/")) {
            throw new InvalidArgumentException("path", "must start with /, not \"" + path + "\"");
        }
        try {
            HttpServer server = HttpServer.create(address, 64);
            ExecutorService executor = Executors.newFixedThreadPool(4, ServerDefaults.daemonThreads("berth-event-receiver"));
            server.setExecutor(executor);
            server.createContext(path, exchange -> handle(receiver, path, exchange));
            server.start();
            return new EventReceiverServer(server, executor, path);
        } catch (IOException e) {
            throw new ContentIOException("cannot listen on " + address, e);
        }
    }

    private static void handle(EventReceiver receiver, String path, HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(path)) {
                respond(exchange, 404, "not found");
                return;
            }
            // One byte past the limit is enough to refuse an oversize body without buffering all of it.
            byte[] body = exchange.getRequestBody().readNBytes(receiver.maxBodyBytes() + 1);
            EventReceiver.Result result = receiver.receive(exchange.getRequestMethod(), exchange.getRequestHeaders(), body);
            result.responseHeaders().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            respond(exchange, result.status(), result.message(), result.contentType());
        }
    }


    private static void respond(HttpExchange exchange, int status, String message) throws IOException {
        respond(exchange, status, message, EventReceiver.Result.TEXT);
    }

    private static void respond(HttpExchange exchange, int status, String message, String contentType) throws IOException {
        byte[] bytes = (message + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** @return the port listened on */
    public int port() {
        return server.getAddress().getPort();
    }

    /** @return the URL to give a registry, e.g. {@code http://127.0.0.1:34567/events} */
    public URI uri() {
        String host = server.getAddress().getAddress().isAnyLocalAddress() ? "127.0.0.1"
                : server.getAddress().getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + port() + path);
    }

    /** Stops listening, letting requests in flight finish for up to a second. */
    @Override
    public void close() {
        server.stop(1);
        executor.shutdown();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
