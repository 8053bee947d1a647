package dev.berth.server.internal.http;

import com.sun.net.httpserver.Headers;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Locale;

/**
 * A request line and its headers, read from a connection.
 *
 * @param method  e.g. {@code GET}
 * @param target  the request target, e.g. {@code /v2/app/manifests/1.0}
 * @param version {@code HTTP/1.1} or {@code HTTP/1.0}
 * @param headers the header fields
 */
record RequestHead(String method, URI target, String version, Headers headers) {
    private static final int MAX_LINE = 16 * 1024;
    private static final int MAX_HEADERS = 200;

    /**
     * @return the next request's head, or null if the connection ended cleanly before one began
     * @throws BadRequestException if it is not HTTP/1.x
     */
    static RequestHead read(InputStream in) throws IOException {
        String line;
        do {
            line = readLineOrNull(in, MAX_LINE);
            if (line == null) {
                return null;
            }
        } while (line.isEmpty()); // RFC 9112 §2.2: ignore empty lines before a request line
        String[] parts = line.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
            throw new BadRequestException("not an HTTP/1.x request line: \"" + abbreviate(line) + "\"");
        }
        URI target;
        try {
            target = new URI(parts[1]);
        } catch (java.net.URISyntaxException e) {
            throw new BadRequestException("the request target is not a URI: " + e.getMessage());
        }
        Headers headers = new Headers();
        for (int n = 0; ; n++) {
            String h = readLine(in, MAX_LINE);
            if (h.isEmpty()) {
                break;
            }
            int colon = h.indexOf(':');
            if (colon <= 0 || n == MAX_HEADERS) {
                throw new BadRequestException(n == MAX_HEADERS ? "too many header fields" : "a malformed header field");
            }
            headers.add(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
        }
        return new RequestHead(parts[0], target, parts[2], headers);
    }

    /** @return whether the client asked for the connection to close after this exchange */
    boolean wantsClose() {
        String connection = headers.getFirst("Connection");
        String c = connection == null ? "" : connection.toLowerCase(Locale.ROOT);
        return version.equals("HTTP/1.0") ? !c.contains("keep-alive") : c.contains("close");
    }

    /** Reads a CRLF- (or LF-) terminated line of ISO-8859-1 text; the connection must not end first. */
    static String readLine(InputStream in, int max) throws IOException {
        String line = readLineOrNull(in, max);
        if (line == null) {
            throw new EOFException("the connection ended inside a request");
        }
        return line;
    }

    private static String readLineOrNull(InputStream in, int max) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c; (c = in.read()) >= 0; ) {
            if (c == '\n') {
                int end = b.length();
                if (end > 0 && b.charAt(end - 1) == '\r') {
                    b.setLength(end - 1);
                }
                return b.toString();
            }
            if (b.length() == max) {
                throw new BadRequestException("a request line or header field longer than " + max + " bytes");
            }
            b.append((char) c);
        }
        if (b.length() > 0) {
            throw new EOFException("the connection ended inside a line");
        }
        return null;
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
