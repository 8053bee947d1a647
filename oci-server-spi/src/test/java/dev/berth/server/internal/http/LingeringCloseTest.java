package dev.berth.server.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A request refused before its body is read (a manifest over the limit, an upload without credentials), on raw
 * sockets: a client that writes the whole body before reading still reads the answer, because the server reads
 * and drops the body before it closes, and a client that never stops sending is cut off after a bounded amount
 * (and one that sends slowly, after a bounded time), so it cannot hold a connection thread.
 */
class LingeringCloseTest {
    /** Answers 413 and closes, reading none of the body, as the registry's body limits do. */
    private static final ExchangeHandler REFUSE = ex -> {
        byte[] out = "too large\n".getBytes(StandardCharsets.US_ASCII);
        ex.setHeader("Connection", "close");
        try (OutputStream o = ex.respond(413, out.length)) {
            o.write(out);
        }
    };

    private Http11Server server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String head(long length) {
        return "PUT /v2/r/manifests/big HTTP/1.1\r\nHost: x\r\nContent-Length: " + length + "\r\n\r\n";
    }

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void aClientThatWritesTheWholeRefusedBodyFirstStillReadsTheAnswer(boolean tls) throws Exception {
        server = TestServers.start(tls, HttpLimits.defaults(), REFUSE);
        byte[] body = new byte[6 * 1024 * 1024]; // more than the kernel buffers on both sides take in
        for (int i = 0; i < 5; i++) {
            try (Socket s = TestServers.connect(server)) {
                OutputStream out = s.getOutputStream();
                out.write(head(body.length).getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                String answer = TestServers.readToEnd(s.getInputStream());
                assertTrue(answer.startsWith("HTTP/1.1 413 "), answer);
                assertTrue(answer.endsWith("too large\n"), answer);
            }
        }
    }

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void aClientThatNeverStopsSendingIsCutOffAfterABoundedAmount(boolean tls) throws Exception {
        server = TestServers.start(tls, HttpLimits.defaults(), REFUSE);
        AtomicLong written = new AtomicLong();
        try (Socket s = TestServers.connect(server)) {
            OutputStream out = s.getOutputStream();
            out.write(head(1L << 40).getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            // The guard only keeps a broken server from hanging the build; the server cuts the client off far sooner.
            assertThrows(IOException.class, () -> assertTimeoutPreemptively(Duration.ofMinutes(1), () -> {
                while (true) {
                    out.write(chunk);
                    written.addAndGet(chunk.length);
                }
            }));
        }
        long buffers = 32L * 1024 * 1024; // what the kernels on both sides may hold beyond what the server read
        assertTrue(written.get() <= Connection.LINGER_BYTES + buffers, "written before the cut: " + written.get());
        waitForNoConnections();
    }

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void aClientThatSendsSlowlyIsCutOffAtTheLingerDeadline(boolean tls) throws Exception {
        server = TestServers.start(tls, HttpLimits.defaults(), REFUSE);
        try (Socket s = TestServers.connect(server)) {
            OutputStream out = s.getOutputStream();
            out.write(head(1L << 40).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThrows(IOException.class, () -> assertTimeoutPreemptively(Duration.ofMinutes(1), () -> {
                while (true) {
                    out.write('x');
                    out.flush();
                    Thread.sleep(20);
                }
            }), "the server closes a connection that lingers past its deadline");
        }
        waitForNoConnections();
    }

    private void waitForNoConnections() throws InterruptedException {
        for (int i = 0; i < 500 && server.openConnections() > 0; i++) {
            Thread.sleep(20);
        }
        assertEquals(0, server.openConnections(), "the connection's thread is free again");
    }
}
