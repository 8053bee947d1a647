package dev.berth.server.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.model.Digest;
import dev.berth.server.EmbeddedRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What goes over the wire through {@link RegistryServlet} in Jetty, byte by byte on a socket. */
class ServletWireTest {
    private JettyRegistry jetty;

    @BeforeEach
    void start() throws Exception {
        jetty = JettyRegistry.start(EmbeddedRegistry.builder());
    }

    @AfterEach
    void stop() throws Exception {
        jetty.close();
    }

    /** Sends one request (the connection closing after it) and reads the whole answer. */
    private String exchange(String request) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), jetty.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static String header(String answer, String name) {
        Matcher m = Pattern.compile("(?im)^" + Pattern.quote(name) + ": *([^\r\n]*)").matcher(answer);
        assertTrue(m.find(), "no " + name + " in " + answer);
        return m.group(1);
    }

    private static String body(String answer) {
        return answer.substring(answer.indexOf("\r\n\r\n") + 4);
    }

    @Test
    void aChunkedPatchIsStoredAndServedWholeHeadAndRangeIncluded() throws IOException {
        String started = exchange("POST /v2/wire/app/blobs/uploads/ HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        assertTrue(started.startsWith("HTTP/1.1 202 "), started);
        String location = header(started, "Location");

        String patched = exchange("PATCH " + location + " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + "5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\n\r\n");
        assertTrue(patched.startsWith("HTTP/1.1 202 "), patched);
        assertEquals("0-10", header(patched, "Range"));

        Digest digest = Digest.sha256("hello world".getBytes(StandardCharsets.US_ASCII));
        String put = exchange("PUT " + location + "?digest=" + digest + " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n"
                + "Connection: close\r\n\r\n");
        assertTrue(put.startsWith("HTTP/1.1 201 "), put);

        String head = exchange("HEAD /v2/wire/app/blobs/" + digest + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertTrue(head.startsWith("HTTP/1.1 200 "), head);
        assertEquals("11", header(head, "Content-Length"), "the length a GET's body has");
        assertEquals(digest.toString(), header(head, "Docker-Content-Digest"));
        assertEquals("", body(head), "no body after a HEAD's headers");

        String range = exchange("GET /v2/wire/app/blobs/" + digest + " HTTP/1.1\r\nHost: x\r\nRange: bytes=6-\r\nConnection: close\r\n\r\n");
        assertTrue(range.startsWith("HTTP/1.1 206 "), range);
        assertEquals("bytes 6-10/11", header(range, "Content-Range"));
        assertEquals("5", header(range, "Content-Length"));
        assertEquals("world", body(range));
    }

    @Test
    void anErrorIsTheRegistrysJsonBodyNotTheContainersPage() throws IOException {
        String answer = exchange("GET /v2/wire/app/manifests/nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 404 "), answer);
        assertTrue(header(answer, "Content-Type").toLowerCase(Locale.ROOT).startsWith("application/json"), answer);
        assertEquals("registry/2.0", header(answer, "Docker-Distribution-API-Version"));
        assertTrue(body(answer).startsWith("{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\""), answer);
        assertEquals(String.valueOf(body(answer).length()), header(answer, "Content-Length"));
    }
}
