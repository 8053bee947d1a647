package dev.berth.server.storage.s3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP relay on loopback in front of an endpoint that keeps a copy of every byte its clients send, so that a
 * test can read the requests that reached the endpoint (heads and bodies, as sent). Bytes go through unchanged:
 * the Host header a client signed is the relay's, and the endpoint checks it as received.
 */
final class RecordingForwarder implements AutoCloseable {
    private final ServerSocket server;
    private final URI target;
    private final List<ByteArrayOutputStream> sent = new ArrayList<>();
    private final List<Socket> sockets = new ArrayList<>();

    private RecordingForwarder(URI target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::acceptLoop, "recording-forwarder");
        accept.setDaemon(true);
        accept.start();
    }

    static RecordingForwarder to(URI target) throws IOException {
        return new RecordingForwarder(target);
    }

    /** @return {@code http://127.0.0.1:PORT} */
    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** @return what the clients sent so far, connection after connection */
    synchronized String received() {
        StringBuilder all = new StringBuilder();
        for (ByteArrayOutputStream b : sent) {
            synchronized (b) {
                all.append(b.toString(StandardCharsets.ISO_8859_1));
            }
        }
        return all.toString();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(target.getHost(), target.getPort());
                ByteArrayOutputStream copy = new ByteArrayOutputStream();
                synchronized (this) {
                    sent.add(copy);
                    sockets.add(client);
                    sockets.add(upstream);
                }
                pump(client.getInputStream(), upstream.getOutputStream(), copy, upstream);
                pump(upstream.getInputStream(), client.getOutputStream(), null, client);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void pump(InputStream from, OutputStream to, ByteArrayOutputStream copy, Socket toSocket) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try {
                for (int n; (n = from.read(buffer)) >= 0; ) {
                    if (copy != null) {
                        synchronized (copy) {
                            copy.write(buffer, 0, n);
                        }
                    }
                    to.write(buffer, 0, n);
                    to.flush();
                }
                toSocket.shutdownOutput();
            } catch (IOException e) {
                // one side went away; closing the relay closes the other
            }
        }, "recording-forwarder-pump");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public synchronized void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
