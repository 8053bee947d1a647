package dev.berth.server.internal.http;

import dev.berth.server.auth.TlsMaterial;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.SSLSocket;

/** Servers on loopback, plain or TLS, and raw clients that speak to them byte by byte. */
final class TestServers {
    static final TlsMaterial TLS = TlsMaterial.generate(List.of());

    /** Echoes method, path, body length and the body's SHA-256; {@code /chunked} answers chunked. */
    static final ExchangeHandler ECHO = ex -> {
        byte[] body = ex.requestBody().readAllBytes();
        byte[] out = (ex.method() + " " + target(ex) + " " + body.length + " " + sha256(body) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        ex.setHeader("Content-Type", "text/plain");
        try (OutputStream o = ex.respond(200, ex.rawPath().equals("/chunked") ? -1 : out.length)) {
            o.write(out);
        }
    };

    /** @return the request target as sent: the path and, if any, the query */
    static String target(dev.berth.server.http.RegistryExchange ex) {
        return ex.rawPath() + (ex.rawQuery().isEmpty() ? "" : "?" + ex.rawQuery());
    }

    private TestServers() {
    }

    static Http11Server start(boolean tls, HttpLimits limits, ExchangeHandler handler, java.util.concurrent.ExecutorService pool)
            throws IOException {
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        Http11Server server = tls ? Http11Server.tls(any, TLS.serverContext(), limits) : Http11Server.plain(any, limits);
        server.start(handler, pool);
        return server;
    }

    /** Short deadlines so that the tests that wait for them take about a second. */
    static HttpLimits quick(int maxConnections) {
        return new HttpLimits(maxConnections, Duration.ofMillis(800), Duration.ofMillis(800), Duration.ofSeconds(5), 4096, 20);
    }

    /** @return a connected client socket, TLS (trusting the test CA, handshake done) if the server is */
    static Socket connect(Http11Server server) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), server.address().getPort());
        s.setSoTimeout(10_000);
        if (!server.isTls()) {
            return s;
        }
        SSLSocket ssl = (SSLSocket) TLS.clientContext().getSocketFactory().createSocket(s, "127.0.0.1", s.getPort(), true);
        ssl.startHandshake();
        return ssl;
    }

    /** Sends {@code request} and reads until the server closes the connection. */
    static String exchange(Http11Server server, String request) throws IOException {
        return exchange(server, request.getBytes(StandardCharsets.ISO_8859_1));
    }

    static String exchange(Http11Server server, byte[] request) throws IOException {
        try (Socket s = connect(server)) {
            s.getOutputStream().write(request);
            s.getOutputStream().flush();
            return readToEnd(s.getInputStream());
        }
    }

    /** @return everything until the server closes, or what came before a reset */
    static String readToEnd(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                got.write(buf, 0, n);
            }
        } catch (java.net.SocketException | javax.net.ssl.SSLException reset) {
            // the server closed with our bytes unread: what came before still counts
        }
        return got.toString(StandardCharsets.ISO_8859_1);
    }

    /** @return how many responses a transcript holds */
    static int responses(String transcript) {
        int n = transcript.startsWith("HTTP/1.1 ") ? 1 : 0;
        for (int at = transcript.indexOf("\nHTTP/1.1 "); at >= 0; at = transcript.indexOf("\nHTTP/1.1 ", at + 1)) {
            n++;
        }
        return n; // a status line starts the transcript or a line
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return live threads whose names start with {@code prefix} */
    static long threads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && t.getName().startsWith(prefix)).count();
    }
}
