package dev.berth.server.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Generated framings against the server, plain and TLS: valid requests with
 * their header fields in any order and case and their chunked bodies split any
 * way arrive intact and the request pipelined after them is answered too;
 * a request with one ambiguous element anywhere among its fields is answered
 * 400, alone, and the connection closes: the request smuggled after it never is.
 */
class FramingPropertiesTest {
    private static final String AFTER = "GET /after HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    private static final String SMUGGLED = "GET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n";
    private static Http11Server plain;
    private static Http11Server tls;

    private static synchronized Http11Server server(boolean overTls) throws IOException {
        if (overTls && tls == null) {
            tls = TestServers.start(true, HttpLimits.defaults(), TestServers.ECHO);
        } else if (!overTls && plain == null) {
            plain = TestServers.start(false, HttpLimits.defaults(), TestServers.ECHO);
        }
        return overTls ? tls : plain;
    }

    @AfterContainer
    static void stop() {
        if (plain != null) {
            plain.close();
        }
        if (tls != null) {
            tls.close();
        }
    }

    @Provide
    Arbitrary<List<String>> extraFields() {
        return Arbitraries.of("Accept: */*", "User-Agent: jqwik", "X-Empty:", "X-Tab:\tv\t", "Cache-Control: no-cache",
                "Authorization: Bearer abc.def", "X-Dup: 1", "X-Dup: 2").list().ofMaxSize(5);
    }

    @Property(tries = 60)
    void validFramingsArriveIntactAndThePipelinedRequestIsAnswered(@ForAll boolean overTls, @ForAll boolean chunked,
            @ForAll @Size(max = 8) List<@IntRange(min = 1, max = 3000) Integer> chunks, @ForAll("extraFields") List<String> extra,
            @ForAll long seed) throws Exception {
        Random random = new Random(seed);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        ByteArrayOutputStream framedBody = new ByteArrayOutputStream();
        for (int size : chunks) {
            byte[] chunk = new byte[size];
            random.nextBytes(chunk);
            body.write(chunk);
            if (chunked) {
                String ext = random.nextBoolean() ? "" : random.nextBoolean() ? ";name" : " ; name = \"quoted \\\" value\"";
                framedBody.write((Integer.toHexString(size) + ext + "\r\n").getBytes(StandardCharsets.US_ASCII));
                framedBody.write(chunk);
                framedBody.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
        }
        if (chunked) {
            framedBody.write((random.nextBoolean() ? "0\r\n\r\n" : "0\r\nX-Trailer: t\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        } else {
            framedBody.write(body.toByteArray());
        }
        List<String> fields = new ArrayList<>(extra);
        fields.add(randomCase("Host", random) + ": x");
        fields.add(chunked ? randomCase("Transfer-Encoding", random) + ": " + randomCase("chunked", random)
                : randomCase("Content-Length", random) + ":" + " ".repeat(random.nextInt(3)) + body.size());
        Collections.shuffle(fields, random);
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.write(("PUT /p HTTP/1.1\r\n" + String.join("\r\n", fields) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        request.write(framedBody.toByteArray());
        request.write(AFTER.getBytes(StandardCharsets.US_ASCII));

        String answer = TestServers.exchange(server(overTls), request.toByteArray());
        assertTrue(answer.contains("PUT /p " + body.size() + " " + TestServers.sha256(body.toByteArray())), answer);
        assertTrue(answer.contains("GET /after 0 "), answer);
        assertEquals(2, TestServers.responses(answer), answer);
    }

    @Provide
    Arbitrary<String> ambiguities() {
        return Arbitraries.of("Content-Length : 3", "Content-Length: 4", "Content-Length: +3", "Content-Length: 03, 3 ,4",
                "Transfer-Encoding: chunked", "X-Folded: a\r\n b", "X-Folded: a\r\n\tb", "X-Cr: a\rb", "X-Nul: a\u0000b",
                "Host: y", "Bad Name: v", "X-Del: a\u007fb", ": nameless", "Content-Length:");
    }

    @Property(tries = 80)
    void anAmbiguousElementAnywhereGets400AloneAndTheSmuggledRequestIsNeverAnswered(@ForAll boolean overTls,
            @ForAll("ambiguities") String ambiguity, @ForAll("extraFields") List<String> extra, @ForAll long seed) throws Exception {
        Random random = new Random(seed);
        List<String> fields = new ArrayList<>(extra);
        fields.add("Host: x");
        fields.add("Content-Length: 3");
        Collections.shuffle(fields, random);
        fields.add(random.nextInt(fields.size() + 1), ambiguity);
        String request = "PUT /p HTTP/1.1\r\n" + String.join("\r\n", fields) + "\r\n\r\nabc" + SMUGGLED;

        String answer = TestServers.exchange(server(overTls), request);
        assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
        assertEquals(1, TestServers.responses(answer), answer);
        assertFalse(answer.contains("/smuggled"), answer);
    }

    @Provide
    Arbitrary<String> badChunkLines() {
        return Arbitraries.of("zz", "-1", "+5", "0x5", " 5", "5;", "5;=x", "5;a=\"open", "5;a b", "5,6", "5\u0000",
                "1ffffffffffffffff", "", "5;a=b=c", "5;a=\"x\"y");
    }

    @Property(tries = 60)
    void aMalformedChunkAnywhereGets400AloneAndTheSmuggledRequestIsNeverAnswered(@ForAll boolean overTls,
            @ForAll("badChunkLines") String bad, @ForAll @Size(min = 1, max = 5) List<@IntRange(min = 1, max = 40) Integer> chunks,
            @ForAll long seed) throws Exception {
        Random random = new Random(seed);
        int badAt = random.nextInt(chunks.size() + 1);
        StringBuilder request = new StringBuilder("PUT /p HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
        for (int i = 0; i <= chunks.size(); i++) {
            if (i == badAt) {
                request.append(bad).append("\r\n").append("hello\r\n");
            }
            if (i < chunks.size()) {
                request.append(Integer.toHexString(chunks.get(i))).append("\r\n").append("a".repeat(chunks.get(i))).append("\r\n");
            }
        }
        request.append("0\r\n\r\n").append(SMUGGLED);

        String answer = TestServers.exchange(server(overTls), request.toString());
        assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
        assertEquals(1, TestServers.responses(answer), answer);
        assertFalse(answer.contains("/smuggled"), answer);
    }

    private static String randomCase(String s, Random random) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(random.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
        }
        return b.toString();
    }
}
