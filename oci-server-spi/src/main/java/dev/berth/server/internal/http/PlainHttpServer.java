package dev.berth.server.internal.http;

import com.sun.net.httpserver.HttpHandler;
import dev.berth.model.internal.ServerDefaults;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded registry's plain-HTTP/1.1 server. The JDK's own server never
 * answers a TLS ClientHello (it waits for a request line that does not come),
 * which would cost every client that probes HTTPS first (skopeo, podman,
 * Docker with insecure registries) its handshake timeout; this one answers
 * such a connection at once with a plain 400, as Go's server does, and serves
 * everything else itself: keep-alive, Content-Length and chunked bodies in
 * both directions, {@code Expect: 100-continue}. Each connection reads on its
 * own thread; handlers run on the registry's executor.
 */
public final class PlainHttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PlainHttpServer.class);
    private static final int TLS_HANDSHAKE_RECORD = 0x16;
    private static final int IDLE_MILLIS = 60_000;
    private static final int BUFFER = 64 * 1024;
    private static final byte[] NOT_TLS = ("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nConnection: close\r\n"
            + "Content-Length: 43\r\n\r\nthis registry speaks plain HTTP, not TLS.\r\n").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket socket;
    private final ExecutorService connections = Executors.newCachedThreadPool(ServerDefaults.daemonThreads("berth-registry-conn"));
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile HttpHandler handler;
    private volatile ExecutorService executor;
    private volatile boolean closed;

    /**
     * Binds the address; connections wait in the backlog until {@link #start}.
     *
     * @param address where to listen
     * @throws IOException if the address cannot be bound
     */
    public PlainHttpServer(InetSocketAddress address) throws IOException {
        this.socket = java.nio.channels.ServerSocketChannel.open().socket();
        this.socket.setReuseAddress(true);
        this.socket.bind(address, 1024);
    }

    /**
     * Starts accepting.
     *
     * @param requests what answers requests
     * @param pool     where handlers run
     */
    public void start(HttpHandler requests, ExecutorService pool) {
        this.handler = requests;
        this.executor = pool;
        Thread acceptor = new Thread(this::acceptLoop, "berth-registry-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** @return the address clients connect to */
    public InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = socket.getChannel().accept().socket();
                open.add(client);
                connections.execute(() -> serve(client));
            } catch (IOException | RejectedExecutionException e) {
                if (!closed) {
                    LOG.warn("accepting a connection failed: {}", e.getMessage());
                }
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            client.setTcpNoDelay(true);
            client.setSoTimeout(IDLE_MILLIS);
            InputStream in = new BufferedInputStream(client.getInputStream(), BUFFER);
            OutputStream out = new BufferedOutputStream(client.getOutputStream(), BUFFER);
            in.mark(1);
            if (in.read() == TLS_HANDSHAKE_RECORD) {
                out.write(NOT_TLS);
                out.flush();
                return;
            }
            in.reset();
            InetSocketAddress local = (InetSocketAddress) client.getLocalSocketAddress();
            InetSocketAddress remote = (InetSocketAddress) client.getRemoteSocketAddress();
            while (!closed) {
                RequestHead head;
                try {
                    head = RequestHead.read(in);
                } catch (BadRequestException e) {
                    badRequest(out, e.getMessage());
                    return;
                }
                if (head == null) {
                    return; // the client closed an idle connection
                }
                InputStream body;
                try {
                    body = body(head, in, out);
                } catch (BadRequestException e) {
                    badRequest(out, e.getMessage());
                    return;
                }
                Exchange exchange = new Exchange(head, body, out, local, remote);
                handle(exchange);
                if (!exchange.finish() || head.wantsClose()) {
                    return;
                }
            }
        } catch (SocketTimeoutException idle) {
            LOG.trace("closing an idle connection");
        } catch (IOException e) {
            LOG.debug("connection ended: {}", e.toString());
        } finally {
            open.remove(client);
        }
    }

    private static InputStream body(RequestHead head, InputStream in, OutputStream out) throws IOException {
        String encoding = head.headers().getFirst("Transfer-Encoding");
        String length = head.headers().getFirst("Content-Length");
        InputStream body;
        if (encoding != null && !encoding.equalsIgnoreCase("identity")) {
            if (!encoding.equalsIgnoreCase("chunked")) {
                throw new BadRequestException("unsupported Transfer-Encoding " + encoding);
            }
            body = new BodyStreams.ChunkedInput(in);
        } else if (length != null) {
            long n;
            try {
                n = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                throw new BadRequestException("Content-Length is not a number: " + length);
            }
            if (n < 0) {
                throw new BadRequestException("a negative Content-Length");
            }
            body = new BodyStreams.FixedLengthInput(in, n);
        } else {
            return InputStream.nullInputStream();
        }
        String expect = head.headers().getFirst("Expect");
        if (expect != null && expect.equalsIgnoreCase("100-continue")) {
            out.write(CONTINUE);
            out.flush();
        }
        return body;
    }

    // On the registry's executor, as the JDK server runs its handlers; on this thread if that pool is full.
    private void handle(Exchange exchange) throws IOException {
        Future<?> f;
        try {
            f = executor.submit(() -> {
                handler.handle(exchange);
                return null;
            });
        } catch (RejectedExecutionException full) {
            handler.handle(exchange);
            return;
        }
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            LOG.warn("a request handler failed", cause);
            throw new IOException(cause);
        }
    }

    private static void badRequest(OutputStream out, String why) throws IOException {
        byte[] body = (why + "\r\n").getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nConnection: close\r\nContent-Length: " + body.length
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    /** Stops accepting new connections; those open go on. */
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
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        connections.shutdownNow();
    }
}
