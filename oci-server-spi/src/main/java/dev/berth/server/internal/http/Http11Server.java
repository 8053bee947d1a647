package dev.berth.server.internal.http;

import dev.berth.model.internal.ServerDefaults;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.ServerSocketChannel;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded registry's HTTP/1.1 server, plain or TLS: keep-alive,
 * Content-Length and chunked bodies both ways, {@code Expect: 100-continue},
 * strict parsing ({@link RequestHead}).
 *
 * <p>What a client can make it spend is bounded ({@link HttpLimits}): one
 * thread per connection, at most {@code maxConnections} of them (one more is
 * answered 503 by a pool of at most {@value #REJECTERS} threads); a watchdog
 * thread closes connections whose TLS handshake or request head is not done by
 * its deadline, that idle too long between requests, or whose writes stall.
 * A connection holds an 8 KiB input buffer; output buffers are lent only while
 * a response is written. Handlers run on the connection's own thread: handing
 * each request to another pool cost two context switches per request.
 *
 * <p>On the TLS port, a connection whose first byte is not a TLS handshake
 * record is answered in plain text that HTTPS is expected (as Go's server
 * does); on the plain port a TLS ClientHello is answered with a plain 400 at
 * once, so clients that probe HTTPS first (skopeo, podman) fall back without
 * waiting for a handshake timeout.
 */
public final class Http11Server implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Http11Server.class);
    static final int REJECTERS = 4;
    private static final int OUTPUT_BUFFER = 64 * 1024;

    private final ServerSocket socket;
    private final SSLSocketFactory tls;
    private final HttpLimits limits;
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private final ThreadPoolExecutor connectionThreads;
    private final ThreadPoolExecutor rejecters = new ThreadPoolExecutor(0, REJECTERS, 5, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(64), ServerDefaults.daemonThreads("berth-http-reject"), (task, pool) -> ((Rejection) task).drop());
    private final ScheduledExecutorService watchdog =
            Executors.newSingleThreadScheduledExecutor(ServerDefaults.daemonThreads("berth-http-watchdog"));
    final ConnectionOutput.Pool buffers = new ConnectionOutput.Pool(OUTPUT_BUFFER, 256);
    private volatile ExchangeHandler handler;
    private volatile boolean closed;

    private Http11Server(InetSocketAddress address, SSLContext context, HttpLimits limits) throws IOException {
        this.limits = limits;
        // Never more threads than the cap, and idle ones reused before new ones are made. A connection accepted
        // while a finished one's thread is still on its way back to the pool waits (briefly) for that thread.
        this.connectionThreads = new ThreadPoolExecutor(0, limits.maxConnections(), 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                ServerDefaults.daemonThreads("berth-http-conn"), Http11Server::handOverWhenAThreadIsBack);
        this.tls = context == null ? null : context.getSocketFactory();
        // A channel's server socket: the sockets it accepts have channels, so a plain connection can send a blob
        // file to the socket with sendfile; everything else uses them as streams, as before.
        this.socket = ServerSocketChannel.open().socket();
        this.socket.setReuseAddress(true);
        this.socket.bind(address, 1024);
    }

    /**
     * Binds a plain-HTTP server; connections wait in the backlog until {@link #start}.
     *
     * @throws IOException if the address cannot be bound
     */
    public static Http11Server plain(InetSocketAddress address, HttpLimits limits) throws IOException {
        return new Http11Server(address, null, limits);
    }

    /**
     * Binds an HTTPS server with this server context (TLS 1.2 and 1.3 only, whatever else it enables).
     *
     * @throws IOException if the address cannot be bound
     */
    public static Http11Server tls(InetSocketAddress address, SSLContext context, HttpLimits limits) throws IOException {
        return new Http11Server(address, java.util.Objects.requireNonNull(context, "context"), limits);
    }

    /**
     * Starts accepting.
     *
     * @param requests what answers requests, on each connection's thread
     */
    public void start(ExchangeHandler requests) {
        this.handler = requests;
        long tick = Math.max(20, Math.min(500, Math.min(limits.headTimeout().toMillis(), limits.idleTimeout().toMillis()) / 5));
        watchdog.scheduleWithFixedDelay(this::closeOverdue, tick, tick, TimeUnit.MILLISECONDS);
        Thread acceptor = new Thread(this::acceptLoop, "berth-http-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** @return the address clients connect to */
    public InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** @return whether this server speaks TLS */
    public boolean isTls() {
        return tls != null;
    }

    /** @return connections open now (not counting those being refused at the cap) */
    public int openConnections() {
        return open.size();
    }

    HttpLimits limits() {
        return limits;
    }

    SSLSocketFactory tlsFactory() {
        return tls;
    }

    boolean stopping() {
        return closed;
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("accepting a connection failed: {}", e.getMessage());
                }
                continue;
            }
            if (open.size() >= limits.maxConnections()) {
                rejecters.execute(new Rejection(client));
                continue;
            }
            Connection c = new Connection(client, this);
            open.add(c);
            try {
                connectionThreads.execute(c);
            } catch (RejectedExecutionException stopped) {
                open.remove(c);
                c.abort();
            }
        }
    }

    private static void handOverWhenAThreadIsBack(Runnable connection, ThreadPoolExecutor pool) {
        try {
            if (pool.isShutdown() || !pool.getQueue().offer(connection, 1, TimeUnit.SECONDS)) {
                throw new RejectedExecutionException("no connection thread came free");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RejectedExecutionException("interrupted", e);
        }
    }

    void ended(Connection c) {
        open.remove(c);
    }

    private void closeOverdue() {
        long now = System.nanoTime();
        long stall = limits.ioTimeout().toNanos();
        for (Connection c : open) {
            c.abortIfOverdue(now, stall);
        }
    }

    // A handler that fails rather than answering ends the connection, as a broken response must.
    void handle(Exchange exchange) throws IOException {
        try {
            handler.handle(exchange);
        } catch (RuntimeException e) {
            LOG.warn("a request handler failed on {} {}: {}", exchange.method(), exchange.rawPath(), e.toString());
            LOG.debug("the handler's failure", e);
            throw new IOException(e);
        }
    }

    /** Stops accepting new connections; those open finish the request they are serving, then close. */
    public void stopAccepting() {
        closed = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** Stops accepting and closes every connection; requests in flight see their connection end. */
    @Override
    public void close() {
        stopAccepting();
        open.forEach(Connection::abort);
        connectionThreads.shutdownNow();
        rejecters.shutdownNow();
        watchdog.shutdownNow();
    }

    /** A connection over the cap: answered 503 (after a TLS handshake on the TLS port) within a short deadline. */
    private final class Rejection implements Runnable {
        private static final int DEADLINE_MILLIS = 1000;
        private final Socket client;

        Rejection(Socket client) {
            this.client = client;
        }

        @Override
        public void run() {
            java.util.concurrent.ScheduledFuture<?> deadline = null;
            try {
                deadline = watchdog.schedule(this::drop, DEADLINE_MILLIS, TimeUnit.MILLISECONDS);
                client.setSoTimeout(DEADLINE_MILLIS);
                Socket s = client;
                if (tls != null) {
                    int first = client.getInputStream().read();
                    if (first != Connection.TLS_HANDSHAKE_RECORD) {
                        return;
                    }
                    javax.net.ssl.SSLSocket ssl = (javax.net.ssl.SSLSocket) tls.createSocket(client,
                            new java.io.ByteArrayInputStream(new byte[] {(byte) first}), true);
                    Connection.serverSide(ssl);
                    ssl.startHandshake();
                    s = ssl;
                }
                s.getOutputStream().write(PlainResponses.bytes(503, "the server is at its limit of " + limits.maxConnections()
                        + " connections; try again shortly"));
                s.getOutputStream().flush();
                // Half-closed now, closed by the deadline: the client reads the answer before a reset can reach it,
                // and no thread waits for that.
                s.shutdownOutput();
            } catch (IOException | RuntimeException e) {
                LOG.trace("refusing a connection over the cap: {}", e.toString()); // includes a watchdog already stopped
                drop();
            } finally {
                if (deadline == null) {
                    drop();
                }
            }
        }

        void drop() {
            try {
                client.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
