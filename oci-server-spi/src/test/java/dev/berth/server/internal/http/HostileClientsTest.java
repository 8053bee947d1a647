package dev.berth.server.internal.http;

import static dev.berth.server.internal.http.TestServers.connect;
import static dev.berth.server.internal.http.TestServers.exchange;
import static dev.berth.server.internal.http.TestServers.readToEnd;
import static dev.berth.server.internal.http.TestServers.responses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Clients that do not play fair, on raw sockets, against the server in both
 * its plain and its TLS form: slow and idle connections are cut at their
 * deadlines while others are served, heads over the limits are refused, the
 * connection cap answers 503, threads stay bounded, and every framing a proxy
 * could read differently is answered 400 with the connection closed — never
 * with a second, smuggled request answered.
 */
class HostileClientsTest {
    private static final String OK_REQUEST = "GET /ok HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    private static final String SMUGGLED = "GET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n";

    private final List<Socket> clients = new ArrayList<>();
    private Http11Server server;

    @AfterEach
    void stop() throws IOException {
        for (Socket s : clients) {
            s.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private Http11Server start(boolean tls, HttpLimits limits) throws IOException {
        server = TestServers.start(tls, limits, TestServers.ECHO);
        return server;
    }

    private Socket hold(Socket s) {
        clients.add(s);
        return s;
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        for (int i = 0; i < 500 && !condition.getAsBoolean(); i++) {
            Thread.sleep(20);
        }
        assertTrue(condition.getAsBoolean(), what);
    }

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void slowHeadsAreCutAtTheirDeadlineWhileOthersAreServed(boolean tls) throws Exception {
        start(tls, TestServers.quick(100));
        List<Socket> slow = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Socket s = hold(connect(server));
            s.getOutputStream().write("GET /slow HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            slow.add(s);
        }
        assertTrue(exchange(server, OK_REQUEST).startsWith("HTTP/1.1 200 "), "served while 20 heads are incomplete");
        for (Socket s : slow) {
            assertEquals("", readToEnd(s.getInputStream()), "closed at the head deadline, unanswered");
        }
        // A slowloris that keeps sending a byte now and then is cut too: its deadline counts from its first byte.
        Socket dribbling = hold(connect(server));
        OutputStream out = dribbling.getOutputStream();
        assertThrows(IOException.class, () -> {
            for (int i = 0; i < 100; i++) {
                out.write('a');
                out.flush();
                Thread.sleep(100);
            }
        });
    }

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void idleConnectionsAreClosedBeforeAndBetweenRequests(boolean tls) throws Exception {
        start(tls, TestServers.quick(100));
        Socket silent = hold(connect(server));
        assertEquals("", readToEnd(silent.getInputStream()), "a connection that never sends a request is closed");

        Socket kept = hold(connect(server));
        kept.getOutputStream().write("GET /one HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        kept.getOutputStream().flush();
        String answer = readToEnd(kept.getInputStream());
        assertEquals(1, responses(answer), answer);
        assertTrue(answer.contains("GET /one 0 "), "answered, then closed when idle: " + answer);
    }

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void headsOverTheLimitsGet431AndTheConnectionCloses(boolean tls) throws Exception {
        start(tls, TestServers.quick(100));
        String big = exchange(server, "GET /x HTTP/1.1\r\nHost: x\r\nX-Big: " + "y".repeat(5000) + "\r\n\r\n" + SMUGGLED);
        assertTrue(big.startsWith("HTTP/1.1 431 "), big);
        assertEquals(1, responses(big), big);
        StringBuilder many = new StringBuilder("GET /x HTTP/1.1\r\nHost: x\r\n");
        for (int i = 0; i < 30; i++) {
            many.append("X-").append(i).append(": v\r\n");
        }
        String fields = exchange(server, many + "\r\n" + SMUGGLED);
        assertTrue(fields.startsWith("HTTP/1.1 431 "), fields);
        assertEquals(1, responses(fields), fields);
    }

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void aConnectionOverTheCapGets503(boolean tls) throws Exception {
        // Deadlines long enough that the three held connections are not cut while the test runs.
        start(tls, new HttpLimits(3, java.time.Duration.ofSeconds(20), java.time.Duration.ofSeconds(20), java.time.Duration.ofSeconds(5),
                4096, 20));
        for (int i = 0; i < 3; i++) {
            hold(connect(server));
        }
        waitFor(() -> server.openConnections() == 3, "three connections open");
        String refused = exchange(server, OK_REQUEST);
        assertTrue(refused.startsWith("HTTP/1.1 503 "), refused);
        assertTrue(refused.contains("limit of 3 connections"), refused);
        clients.remove(0).close();
        waitFor(() -> server.openConnections() == 2, "a slot free again");
        assertTrue(exchange(server, OK_REQUEST).startsWith("HTTP/1.1 200 "));
    }

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void threeHundredSlowConnectionsDoNotRaiseTheThreadsPastTheCap(boolean tls) throws Exception {
        int cap = 50;
        start(tls, TestServers.quick(cap));
        long peak = 0;
        for (int i = 0; i < 300; i++) {
            try {
                Socket s = hold(connect(server));
                s.getOutputStream().write("GET /slow HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
            } catch (IOException refusedOverTheCap) {
                // over the cap: answered 503 or, when even the refusals queue is full, closed
            }
            peak = Math.max(peak, TestServers.threads("berth-http-"));
        }
        assertTrue(server.openConnections() <= cap, "open: " + server.openConnections());
        assertTrue(TestServers.threads("berth-http-conn") <= cap, "connection threads: " + TestServers.threads("berth-http-conn"));
        assertTrue(peak <= cap + Http11Server.REJECTERS + 2, "peak server threads " + peak + " for a cap of " + cap);
        waitFor(() -> server.openConnections() == 0, "the slow heads are cut at their deadline");
        assertTrue(exchange(server, OK_REQUEST).startsWith("HTTP/1.1 200 "));
    }

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void aResponseTheClientNeverReadsIsCutWhenItsWritesStall(boolean tls) throws Exception {
        byte[] chunk = new byte[1024 * 1024];
        server = TestServers.start(tls, new HttpLimits(10, java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(5),
                java.time.Duration.ofMillis(500), 4096, 20), ex -> {
                    try (OutputStream out = ex.respond(200, -1)) {
                        for (int i = 0; i < 1024; i++) {
                            out.write(chunk); // a GiB: far more than the socket buffers hold
                        }
                    }
                });
        Socket reader = hold(connect(server));
        reader.getOutputStream().write("GET /big HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        reader.getOutputStream().flush();
        waitFor(() -> server.openConnections() == 1, "the request is being answered");
        waitFor(() -> server.openConnections() == 0, "the stalled connection is closed");
    }

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void aBodyTheClientStopsSendingIsCutWhenItsReadStalls(boolean tls) throws Exception {
        java.util.concurrent.CompletableFuture<Throwable> handlerSaw = new java.util.concurrent.CompletableFuture<>();
        server = TestServers.start(tls, new HttpLimits(10, java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(5),
                java.time.Duration.ofMillis(500), 4096, 20), ex -> {
                    try {
                        ex.requestBody().readAllBytes();
                        handlerSaw.complete(null);
                    } catch (IOException e) {
                        handlerSaw.complete(e);
                        throw e;
                    }
                });
        Socket writer = hold(connect(server));
        writer.getOutputStream().write("PUT /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\nten bytes!"
                .getBytes(StandardCharsets.US_ASCII));
        writer.getOutputStream().flush();
        waitFor(() -> server.openConnections() == 1, "the body is being read");
        long start = System.nanoTime();
        waitFor(() -> server.openConnections() == 0, "the stalled connection is closed");
        assertTrue(System.nanoTime() - start < java.util.concurrent.TimeUnit.SECONDS.toNanos(4),
                "cut after the 500 ms read timeout, long before the 5 s head and idle deadlines");
        assertNotNull(handlerSaw.get(5, java.util.concurrent.TimeUnit.SECONDS), "the handler's read of the body failed");
    }

    static Stream<Arguments> badFramings() {
        List<String> heads = List.of(
                "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length : 3\r\n\r\nabc",
                "GET /x HTTP/1.1\r\nHost: x\r\nX-Folded: a\r\n b\r\n\r\n",
                "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabc",
                "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 3, 4\r\n\r\nabc",
                "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: +0\r\n\r\n",
                "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
                "GET /x HTTP/1.1\r\nHost: x\r\nX-A: a\rb\r\n\r\n",
                "GET /x HTTP/1.1\r\nHost: x\r\rX-A: b\r\n\r\n",
                "GET /x HTTP/1.1\r\n\r\n",
                "GET /x HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n",
                "GET /x HTTP/1.2\r\nHost: x\r\n\r\n",
                "GET /x HTTP/2.0\r\nHost: x\r\n\r\n",
                "GET /x http/1.1\r\nHost: x\r\n\r\n",
                "GET  /x HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /x HTTP/1.1\r\nHost: x\r\nX-Nul: a\u0000b\r\n\r\n",
                "POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n",
                "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                "POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
                "POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                "POST /x HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                "POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
                "POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n-1\r\n",
                "POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n+5\r\nhello\r\n0\r\n\r\n",
                "POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0x5\r\nhello\r\n0\r\n\r\n",
                "POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n 5\r\nhello\r\n0\r\n\r\n",
                "POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5;\r\nhello\r\n0\r\n\r\n",
                "POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5;=x\r\nhello\r\n0\r\n\r\n",
                "POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5;a=\"open\r\nhello\r\n0\r\n\r\n",
                "POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5;a b\r\nhello\r\n0\r\n\r\n",
                "POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhelloXY0\r\n\r\n",
                "POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n1ffffffffffffffff\r\n",
                "POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nBad Trailer: x\r\n\r\n");
        return Stream.of(false, true).flatMap(tls -> heads.stream().map(h -> Arguments.of(tls, h)));
    }

    @ParameterizedTest(name = "tls={0} {1}")
    @MethodSource("badFramings")
    void anAmbiguousFramingGets400AndNothingAfterItIsAnswered(boolean tls, String request) throws Exception {
        if (server == null || server.isTls() != tls) {
            start(tls, TestServers.quick(100));
        }
        String answer = exchange(server, request + SMUGGLED);
        assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
        assertEquals(1, responses(answer), answer);
        assertFalse(answer.contains("/smuggled"), answer);
        assertTrue(answer.contains("Connection: close"), answer);
    }

    @Test
    void plainHttpOnTheTlsPortGets400SayingHttpsIsExpected() throws Exception {
        start(true, TestServers.quick(100));
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.address().getPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("GET /v2/ HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            String answer = readToEnd(in);
            assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
            assertTrue(answer.contains("Client sent an HTTP request to an HTTPS server."), answer);
        }
    }

    @Test
    void theTlsPortNegotiatesTls13AndStillSpeaksTls12() throws Exception {
        start(true, TestServers.quick(100));
        try (javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) connect(server)) {
            assertEquals("TLSv1.3", s.getSession().getProtocol());
        }
        try (javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) TestServers.TLS.clientContext().getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), server.address().getPort())) {
            s.setEnabledProtocols(new String[] {"TLSv1.2"});
            s.startHandshake();
            assertEquals("TLSv1.2", s.getSession().getProtocol());
        }
    }
}
