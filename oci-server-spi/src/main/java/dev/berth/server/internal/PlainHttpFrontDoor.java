package dev.berth.server.internal;

import dev.berth.model.internal.ServerDefaults;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public port of a plain-HTTP registry. Clients told to skip TLS
 * verification (skopeo, podman, Docker with insecure registries) first try
 * HTTPS and fall back to HTTP only once the server answers something that is
 * not TLS. The JDK's HTTP server never answers a TLS ClientHello (it waits for
 * a request line that does not come), which would cost every such client its
 * 10 s handshake timeout. So connections come here first: one that opens with
 * a TLS handshake record gets an immediate HTTP 400 and is closed, as Go's
 * server does; every other connection is relayed to the HTTP server on an
 * internal loopback port.
 */
public final class PlainHttpFrontDoor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PlainHttpFrontDoor.class);
    private static final int TLS_HANDSHAKE_RECORD = 0x16;
    private static final byte[] NOT_TLS = ("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nConnection: close\r\n"
            + "Content-Length: 43\r\n\r\nthis registry speaks plain HTTP, not TLS.\r\n").getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket socket;
    private final InetSocketAddress backend;
    private final ExecutorService relays;
    // The HTTP server sees each relayed connection come from the relay's own port: this maps it back to the client.
    private final java.util.concurrent.ConcurrentHashMap<Integer, InetSocketAddress> clients = new java.util.concurrent.ConcurrentHashMap<>();
    private final Thread acceptor;
    private volatile boolean closed;

    /**
     * @param address where clients connect
     * @param backend the HTTP server to relay to
     */
    public PlainHttpFrontDoor(InetSocketAddress address, InetSocketAddress backend) throws IOException {
        java.nio.channels.ServerSocketChannel channel = java.nio.channels.ServerSocketChannel.open();
        this.socket = channel.socket();
        this.socket.setReuseAddress(true);
        this.socket.bind(address, 1024);
        this.backend = backend;
        this.relays = Executors.newCachedThreadPool(ServerDefaults.daemonThreads("berth-registry-relay"));
        this.acceptor = new Thread(this::acceptLoop, "berth-registry-accept");
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    /** @return the address clients connect to */
    public InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = socket.getChannel().accept().socket();
                relays.execute(() -> serve(client));
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("accepting a connection failed: {}", e.getMessage());
                }
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            client.setTcpNoDelay(true);
            client.setSoTimeout(60_000);
            InputStream in = client.getInputStream();
            int first;
            try {
                first = in.read();
            } catch (SocketTimeoutException e) {
                return; // a connection that never speaks
            }
            if (first < 0) {
                return;
            }
            if (first == TLS_HANDSHAKE_RECORD) {
                client.getOutputStream().write(NOT_TLS);
                client.getOutputStream().flush();
                return;
            }
            client.setSoTimeout(0);
            try (Socket server = java.nio.channels.SocketChannel.open(backend).socket()) {
                int relayPort = server.getLocalPort();
                clients.put(relayPort, (InetSocketAddress) client.getRemoteSocketAddress());
                server.setTcpNoDelay(true);
                server.getChannel().write(java.nio.ByteBuffer.wrap(new byte[] {(byte) first}));
                java.util.concurrent.Future<?> responses = relays.submit(() -> pump(server, client));
                try {
                    pump(client, server);
                    responses.get();
                } finally {
                    clients.remove(relayPort);
                }
            }
        } catch (IOException | InterruptedException | java.util.concurrent.ExecutionException e) {
            LOG.debug("relay ended: {}", e.toString());
        }
    }

    // Copies one direction until it ends, then passes the end on. Channels and a direct buffer
    // spare the copies a heap array costs on every read and write.
    private static void pump(Socket from, Socket to) {
        try {
            java.nio.channels.SocketChannel in = from.getChannel();
            java.nio.channels.SocketChannel out = to.getChannel();
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocateDirect(512 * 1024);
            while (in.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                buffer.clear();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            LOG.trace("relay direction ended: {}", e.toString());
            try {
                to.close(); // a broken direction ends the whole connection
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    /**
     * @param seenByServer the remote address the HTTP server sees for a request
     * @return the client that connected to the front door, or {@code seenByServer} if the connection was not relayed
     */
    public InetSocketAddress clientOf(InetSocketAddress seenByServer) {
        return seenByServer.getAddress().isLoopbackAddress() ? clients.getOrDefault(seenByServer.getPort(), seenByServer)
                : seenByServer;
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        relays.shutdownNow();
    }
}
