package dev.berth.server.internal.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection of an {@link Http11Server}, on its own thread: the TLS
 * handshake if any, then requests one after another until either side closes.
 * It carries the deadline the server's watchdog enforces: set while a handshake,
 * a request head or the wait for the next request is under way, cleared while
 * a request is being served (its reads and writes have their own timeouts).
 */
final class Connection implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
    static final int TLS_HANDSHAKE_RECORD = 0x16;
    private static final int INPUT_BUFFER = 8 * 1024;
    /**
     * How much of what a client still sends after a closing answer is read and dropped before the socket closes:
     * enough for a refused manifest (4 MiB) with room to spare, not a refused layer of gigabytes.
     */
    static final long LINGER_BYTES = 8L * 1024 * 1024;
    /** How long that may take: the watchdog closes the socket after it, however much was read. */
    static final long LINGER_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(2);
    private static final String[] TLS_PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Socket raw;
    private final Http11Server server;
    private final HttpLimits limits;
    private volatile long deadline; // System.nanoTime() after which the watchdog closes the connection; 0 for none
    private volatile ConnectionInput input;
    private volatile ConnectionOutput output;

    Connection(Socket raw, Http11Server server) {
        this.raw = raw;
        this.server = server;
        this.limits = server.limits();
        deadlineIn(limits.headTimeout().toNanos()); // the first request's head, handshake included, counts from accept
    }

    @Override
    public void run() {
        try {
            serve();
        } catch (IOException | RuntimeException e) {
            LOG.debug("connection from {} ended: {}", raw.getRemoteSocketAddress(), e.toString());
        } finally {
            abort();
            ConnectionOutput o = output;
            if (o != null) {
                try {
                    o.release();
                } catch (IOException ignored) {
                    // the buffer goes back whether or not the socket took the last bytes
                }
            }
            server.ended(this);
        }
    }

    private void serve() throws IOException {
        raw.setTcpNoDelay(true); // no read timeout: the watchdog cuts a stalled read (ConnectionInput says why)
        Socket socket = raw;
        SSLSession session = null;
        if (server.isTls()) {
            InputStream rawIn = raw.getInputStream();
            int first = rawIn.read();
            if (first < 0) {
                return;
            }
            if (first != TLS_HANDSHAKE_RECORD) {
                refuse(raw, raw.getOutputStream(), rawIn, 400, "Client sent an HTTP request to an HTTPS server.");
                return;
            }
            SSLSocket ssl = (SSLSocket) server.tlsFactory().createSocket(raw, new ByteArrayInputStream(new byte[] {(byte) first}), true);
            serverSide(ssl);
            ssl.startHandshake();
            session = ssl.getSession();
            socket = ssl;
        }
        ConnectionInput in = new ConnectionInput(socket.getInputStream(), INPUT_BUFFER);
        input = in;
        ConnectionOutput out = new ConnectionOutput(socket.getOutputStream(), session == null ? raw.getChannel() : null,
                server.buffers);
        output = out;
        if (session == null && in.peek() == TLS_HANDSHAKE_RECORD) {
            refuse(socket, out, in, 400, "this registry speaks plain HTTP, not TLS.");
            return;
        }
        InetSocketAddress remote = (InetSocketAddress) raw.getRemoteSocketAddress();
        for (boolean first = true; !server.stopping(); first = false) {
            if (!first) {
                deadlineIn(limits.idleTimeout().toNanos());
                if (in.peek() < 0) {
                    return; // the client closed an idle connection
                }
                deadlineIn(limits.headTimeout().toNanos());
            }
            RequestHead head;
            try {
                head = RequestHead.read(in, limits);
            } catch (BadRequestException e) {
                LOG.debug("a bad request from {}: {}", remote, e.getMessage());
                refuse(socket, out, in, e.status(), e.getMessage());
                return;
            }
            if (head == null) {
                return;
            }
            deadline = 0;
            BodyStreams.RequestBody body = head.chunked() ? new BodyStreams.ChunkedInput(in, limits)
                    : new BodyStreams.FixedLengthInput(in, Math.max(0, head.contentLength()));
            String expect = head.headers().first("Expect");
            if (expect != null && expect.equalsIgnoreCase("100-continue") && (head.chunked() || head.contentLength() > 0)) {
                out.write(CONTINUE);
                out.flush();
            }
            Exchange exchange = new Exchange(head, body, out, remote, session != null);
            try {
                server.handle(exchange);
            } catch (IOException e) {
                if (body.broken() == null) {
                    throw e;
                } // else the request's framing broke under the handler: finish() answers 400
            }
            boolean reusable = exchange.finish();
            out.release();
            if (reusable) {
                deadlineIn(LINGER_NANOS); // a client dripping a body nobody reads is not served for ever
                reusable = exchange.drainForNextRequest();
            }
            if (!reusable) {
                // Body left unread (a refused upload, say): closing now would reset the connection, and a client
                // still sending would lose the answer with it. Read the rest of the body, within bounds, first;
                // once it is in, nothing is left unread and the close is clean.
                deadlineIn(LINGER_NANOS);
                closeGracefully(socket, body.broken() == null ? body : in);
                return;
            }
            if (head.wantsClose()) {
                return;
            }
        }
    }

    /** Restricts a server-side TLS socket to TLS 1.2 and 1.3. */
    static void serverSide(SSLSocket ssl) {
        ssl.setUseClientMode(false);
        String[] enabled = Arrays.stream(ssl.getEnabledProtocols()).filter(p -> Arrays.asList(TLS_PROTOCOLS).contains(p))
                .toArray(String[]::new);
        ssl.setEnabledProtocols(enabled);
    }

    // The answer, then a lingering close, so that the client reads the answer before the connection goes.
    private void refuse(Socket socket, OutputStream out, InputStream in, int status, String why) throws IOException {
        PlainResponses.write(out, status, why);
        deadlineIn(LINGER_NANOS);
        closeGracefully(socket, in);
    }

    /**
     * The lingering close of RFC 9112 section 9.6: the answer is out, so half-close (the client sees the end of
     * it), then read and drop what the client still sends, up to {@link #LINGER_BYTES} and until the deadline set
     * before (the watchdog's), until {@code rest} ends. Closing with input unread would make the kernel reset the
     * connection, and a client still writing its body would then lose the answer it had not read yet. Nothing of
     * that input is served.
     *
     * @param rest what is left to read: the request body as framed, or the connection's input when the framing
     *             is unknown or broken (which is read until the client closes)
     */
    static void closeGracefully(Socket socket, InputStream rest) {
        try {
            socket.shutdownOutput(); // over TLS a close_notify: the client sees the answer end and closes its side
        } catch (IOException | UnsupportedOperationException e) {
            // draining keeps the answer from a reset all the same
        }
        try {
            byte[] sink = new byte[16 * 1024];
            long left = LINGER_BYTES;
            for (int n; left > 0 && (n = rest.read(sink, 0, (int) Math.min(sink.length, left))) >= 0; ) {
                left -= n;
            }
        } catch (IOException e) {
            // closing anyway
        }
    }

    private void deadlineIn(long nanos) {
        deadline = (System.nanoTime() + nanos) | 1; // never 0, which means none
    }

    /**
     * The watchdog's check: closes the connection if its deadline passed, or a read of a request body (no
     * deadline set) or a write has stalled.
     */
    void abortIfOverdue(long now, long stallNanos) {
        long d = deadline;
        if (d != 0 && now - d > 0) {
            LOG.debug("closing the connection from {}: past its deadline", raw.getRemoteSocketAddress());
            abort();
            return;
        }
        ConnectionInput i = input;
        long reading = d != 0 || i == null ? 0 : i.readingSince();
        ConnectionOutput o = output;
        long writing = o == null ? 0 : o.writingSince();
        if ((reading != 0 && now - reading > stallNanos) || (writing != 0 && now - writing > stallNanos)) {
            LOG.debug("closing the connection from {}: a {} stalled", raw.getRemoteSocketAddress(), reading != 0 ? "read" : "write");
            abort();
        }
    }

    /** Closes the socket; a read or write blocked on it ends with an exception. */
    void abort() {
        try {
            raw.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
