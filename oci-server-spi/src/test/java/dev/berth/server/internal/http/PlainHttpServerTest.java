package dev.berth.server.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * HTTP/1.1 framing of the registry's plain-HTTP server, spoken byte by byte on
 * a socket, plus the JDK's client for keep-alive. The handler echoes what it
 * got: method, path, body length and the body's SHA-256.
 */
class PlainHttpServerTest {
    private static final ExchangeHandler ECHO = ex -> {
        byte[] body = ex.requestBody().readAllBytes();
        String answer;
        try {
            answer = ex.method() + " " + TestServers.target(ex) + " " + body.length + " "
                    + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IOException(e);
        }
        byte[] out = answer.getBytes(StandardCharsets.UTF_8);
        ex.setHeader("Content-Type", "text/plain");
        // A HEAD answer says the length a GET's body would have; the server drops what is written.
        try (OutputStream o = ex.respond(200, ex.rawPath().equals("/chunked") ? -1 : out.length)) {
            o.write(out);
        }
    };

    private ExecutorService pool;
    private Http11Server server;

    @BeforeEach
    void start() throws IOException {
        pool = Executors.newCachedThreadPool();
        server = Http11Server.plain(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), HttpLimits.defaults());
        server.start(ECHO, pool);
    }

    @AfterEach
    void stop() {
        server.close();
        pool.shutdownNow();
    }

    private String exchange(byte[] request) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.address().getPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request);
            s.shutdownOutput();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void aTlsHandshakeGetsAPlain400AtOnce() throws IOException {
        byte[] clientHello = {0x16, 0x03, 0x01, 0x00, (byte) 0xa5, 0x01, 0x00};
        String answer = exchange(clientHello);
        assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
        assertTrue(answer.contains("plain HTTP, not TLS"), answer);
    }

    @Test
    void twoRequestsShareAConnectionAndCloseIsHonoured() throws IOException {
        String answer = exchange(("GET /one HTTP/1.1\r\nHost: x\r\n\r\nPUT /two HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n"
                + "Connection: close\r\n\r\nabc").getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(answer.contains("GET /one 0 "), answer);
        assertTrue(answer.contains("PUT /two 3 "), answer);
        assertTrue(answer.contains("Connection: close"), answer);
    }

    @Test
    void chunkedRequestAndResponseBodiesAndExpectContinue() throws Exception {
        String answer = exchange(("POST /chunked HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n"
                + "4;ext=1\r\nWiki\r\n5\r\npedia\r\n0\r\nTrailer: x\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(answer.startsWith("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK"), answer);
        assertTrue(answer.contains("Transfer-encoding: chunked"), answer);
        assertTrue(answer.contains("POST /chunked 9 " + sha256("Wikipedia".getBytes(StandardCharsets.US_ASCII))), answer);
        assertTrue(answer.endsWith("0\r\n\r\n"), answer);
    }

    @Test
    void anHttp10ClientGetsAnUnknownLengthBodyEndedByClosingNotChunked() throws IOException {
        String answer = exchange("POST /chunked HTTP/1.0\r\nContent-Length: 4\r\n\r\nWiki".getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(answer.startsWith("HTTP/1.1 200 OK"), answer);
        assertTrue(!answer.contains("Transfer-encoding") && answer.contains("Connection: close"), answer);
        assertTrue(answer.endsWith("POST /chunked 4 " + HexFormat.of().formatHex(sha256Bytes("Wiki"))), answer);
    }

    private static byte[] sha256Bytes(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.US_ASCII));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void headAnswersCarryTheLengthButNoBody() throws IOException {
        String answer = exchange("HEAD /x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(answer.contains("Content-length: "), answer);
        assertTrue(answer.endsWith("\r\n\r\n"), "no body after the head: " + answer);
    }

    @Test
    void malformedRequestsGet400AndTheConnectionCloses() throws IOException {
        for (String bad : List.of("NOT HTTP\r\n\r\n", "GET /x HTTP/1.1\r\nno colon here\r\n\r\n",
                "PUT /x HTTP/1.1\r\nHost: x\r\nContent-Length: lots\r\n\r\n",
                "PUT /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n")) {
            String answer = exchange(bad.getBytes(StandardCharsets.ISO_8859_1));
            assertTrue(answer.startsWith("HTTP/1.1 400 "), bad.substring(0, Math.min(30, bad.length())) + " -> " + answer);
        }
    }

    @Test
    void aBodyCutShortEndsTheConnectionWithoutAnAnswerForIt() throws IOException {
        String answer = exchange("PUT /x HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("", answer, "the handler saw EOF; nothing is sent for a request that never arrived whole");
    }

    @Test
    void theJdkClientReusesConnections() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI base = URI.create("http://127.0.0.1:" + server.address().getPort());
        byte[] big = new byte[3 * 1024 * 1024 + 17];
        new java.util.Random(1).nextBytes(big);
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(base.resolve("/up/" + i))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(big)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals("PUT /up/" + i + " " + big.length + " " + sha256(big), r.body());
        }
    }

    @Property(tries = 50)
    void chunkedBodiesSplitAnyWayArriveIntact(@ForAll @Size(max = 12) List<@IntRange(min = 1, max = 5000) Integer> chunks)
            throws Exception {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        request.write("PUT /p HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        java.util.Random random = new java.util.Random(chunks.hashCode());
        for (int size : chunks) {
            byte[] chunk = new byte[size];
            random.nextBytes(chunk);
            body.write(chunk);
            request.write((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            request.write(chunk);
            request.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        request.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        start();
        try {
            String answer = exchange(request.toByteArray());
            assertTrue(answer.contains("PUT /p " + body.size() + " " + sha256(body.toByteArray())), answer);
        } finally {
            stop();
        }
    }
}
