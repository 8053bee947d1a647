package dev.berth.client.internal;

import dev.berth.model.internal.ServerDefaults;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The JDK HTTP clients that Berth made for itself (never one a caller handed
 * in), and the one thread pool they share, released together by
 * {@link #close()}. The pool's threads stop at once. Java 17's
 * {@link HttpClient} has no close: its selector thread ends a few seconds
 * after the client is unreachable, which close brings about by forgetting it;
 * on a JDK where the client is {@link AutoCloseable}, it is closed as well.
 */
public final class OwnedHttpClients implements AutoCloseable {
    private final String threadName;
    private final List<HttpClient> clients = new ArrayList<>(); // guarded by this
    private ExecutorService executor; // guarded by this; made with the first client
    private boolean closed; // guarded by this

    /** @param threadName names the pool's threads, e.g. {@code berth-http} */
    public OwnedHttpClients(String threadName) {
        this.threadName = threadName;
    }

    /**
     * @return a new client as {@link HttpClients#build} makes it, running on the shared pool
     * @throws IllegalStateException if already closed
     */
    public synchronized HttpClient build(boolean verifyTls, List<Path> caCertificates, ProxySelector proxy,
                                         Duration connectTimeout) {
        if (closed) {
            throw new IllegalStateException("closed: no HTTP client is made any more");
        }
        if (executor == null) {
            executor = Executors.newCachedThreadPool(ServerDefaults.daemonThreads(threadName));
        }
        HttpClient client = HttpClients.build(verifyTls, caCertificates, proxy, connectTimeout, executor);
        clients.add(client);
        return client;
    }

    /** Stops the pool, closes the clients where the JDK can, and forgets them. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (HttpClient client : clients) {
            closeIfCloseable(client);
        }
        clients.clear();
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    // HttpClient is AutoCloseable from Java 21 on; Berth builds for 17, so it asks at run time.
    @SuppressWarnings("ConstantConditions")
    private static void closeIfCloseable(HttpClient client) {
        Object c = client;
        if (c instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // closing what we are done with: nothing to report
            }
        }
    }
}
