package dev.berth.server.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * A request line and its headers, read strictly (RFC 9112): anything a proxy
 * in front could read differently (whitespace before a colon, obs-fold lines,
 * conflicting or signed lengths, Transfer-Encoding with Content-Length, a bare
 * CR, no Host) is refused, so that no request can hide inside another's body.
 *
 * @param method        e.g. {@code GET}
 * @param target        the request target's path and query, e.g. {@code /v2/app/manifests/1.0}
 * @param version       {@code HTTP/1.1} or {@code HTTP/1.0}
 * @param headers       the header fields
 * @param contentLength the body's length, or -1 when there is no Content-Length
 * @param chunked       whether the body is chunked
 */
record RequestHead(String method, Target target, String version, HeaderFields headers, long contentLength, boolean chunked) {
    private static final int MAX_LEADING_EMPTY_LINES = 4;
    private static final int MAX_LENGTH_DIGITS = 18; // below Long.MAX_VALUE
    // RFC 3986's pchar, "/" and "?" (pct-encoded apart): what a path and query may hold without further thought.
    private static final boolean[] PATH_OR_QUERY = new boolean[0x7f];

    static {
        for (char c = 0x21; c < 0x7f; c++) {
            PATH_OR_QUERY[c] = Character.isLetterOrDigit(c) || "-._~!$&'()*+,;=:@/?".indexOf(c) >= 0;
        }
    }

    /**
     * @return the next request's head, or null if the connection ended cleanly before one began
     * @throws BadRequestException if it breaks HTTP/1.1's grammar or a limit
     */
    static RequestHead read(InputStream in, HttpLimits limits) throws IOException {
        LineReader lines = new LineReader(in, limits.maxHeadBytes(), 431, "the request head");
        String line;
        int empty = 0;
        do {
            line = lines.readLineOrNull();
            if (line == null) {
                return null;
            }
            if (line.isEmpty() && ++empty > MAX_LEADING_EMPTY_LINES) {
                throw new BadRequestException("empty lines instead of a request line");
            }
        } while (line.isEmpty()); // RFC 9112 §2.2: ignore empty lines before a request line
        int sp1 = line.indexOf(' ');
        int sp2 = sp1 < 0 ? -1 : line.indexOf(' ', sp1 + 1);
        if (sp1 <= 0 || sp2 < 0 || line.indexOf(' ', sp2 + 1) >= 0) {
            throw new BadRequestException("not an HTTP/1.x request line: \"" + printable(line) + "\"");
        }
        String method = line.substring(0, sp1);
        String rawTarget = line.substring(sp1 + 1, sp2);
        String version = line.substring(sp2 + 1);
        if (!LineReader.isToken(method)) {
            throw new BadRequestException("the method is not a token: \"" + printable(method) + "\"");
        }
        if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
            throw new BadRequestException("unsupported HTTP version \"" + printable(version) + "\" (HTTP/1.1 and HTTP/1.0 are served)");
        }
        HeaderFields headers = readFields(lines, limits.maxHeaderFields(), "header");
        return framed(method, target(rawTarget, method), version, headers);
    }

    /** Reads header (or trailer) fields up to the empty line that ends them. */
    static HeaderFields readFields(LineReader lines, int maxFields, String kind) throws IOException {
        HeaderFields headers = new HeaderFields();
        for (int n = 0; ; n++) {
            String h = lines.readLine();
            if (h.isEmpty()) {
                return headers;
            }
            if (n == maxFields) {
                throw new BadRequestException(431, "more than " + maxFields + " " + kind + " fields");
            }
            if (h.charAt(0) == ' ' || h.charAt(0) == '\t') {
                throw new BadRequestException("an obs-fold continuation line in the " + kind + " fields");
            }
            int colon = h.indexOf(':');
            if (colon <= 0) {
                throw new BadRequestException("a " + kind + " field without a name and colon: \"" + printable(h) + "\"");
            }
            String name = h.substring(0, colon);
            if (!LineReader.isToken(name)) {
                throw new BadRequestException(name.endsWith(" ") || name.endsWith("\t")
                        ? "whitespace before the colon of " + kind + " field \"" + printable(name.strip()) + "\""
                        : "an invalid " + kind + " field name \"" + printable(name) + "\"");
            }
            String value = strip(h.substring(colon + 1));
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if ((c < 0x20 && c != '\t') || c == 0x7f) {
                    throw new BadRequestException("a control character in " + kind + " field " + name);
                }
            }
            headers.add(name, value);
        }
    }

    /**
     * A request target as {@link URI} reads it.
     *
     * @param rawPath  its path, still percent-encoded; null for the asterisk form
     * @param rawQuery its query, still percent-encoded; null when it has none
     */
    record Target(String rawPath, String rawQuery) {
    }

    static Target target(String raw, String method) throws BadRequestException {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                throw new BadRequestException("a character the request target may not contain (percent-encode it)");
            }
        }
        boolean origin = raw.startsWith("/");
        boolean absolute = raw.regionMatches(true, 0, "http://", 0, 7) || raw.regionMatches(true, 0, "https://", 0, 8);
        boolean asterisk = raw.equals("*") && method.equals("OPTIONS");
        if (!origin && !absolute && !asterisk) {
            throw new BadRequestException("the request target is neither a path nor an absolute http(s) URI");
        }
        if (origin && !raw.startsWith("//") && isPlainPathAndQuery(raw)) {
            // Nearly every request: split at the '?', which is what URI would read from it; no URI is built.
            int query = raw.indexOf('?');
            return query < 0 ? new Target(raw, null) : new Target(raw.substring(0, query), raw.substring(query + 1));
        }
        try {
            URI uri = new URI(raw);
            return new Target(uri.getRawPath(), uri.getRawQuery());
        } catch (URISyntaxException e) {
            throw new BadRequestException("the request target is not a URI: " + e.getMessage());
        }
    }

    // Only characters a path or query may hold as they are, and percent signs that start an escape.
    private static boolean isPlainPathAndQuery(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length() || Character.digit(raw.charAt(i + 1), 16) < 0 || Character.digit(raw.charAt(i + 2), 16) < 0) {
                    return false;
                }
                i += 2;
            } else if (!PATH_OR_QUERY[c]) {
                return false;
            }
        }
        return true;
    }

    // RFC 9112 §6: one unambiguous framing or none.
    private static RequestHead framed(String method, Target target, String version, HeaderFields headers) throws BadRequestException {
        if (version.equals("HTTP/1.1")) {
            List<String> host = headers.all("Host");
            if (host.size() != 1) {
                throw new BadRequestException(host.isEmpty() ? "an HTTP/1.1 request without a Host header" : "more than one Host header");
            }
        }
        List<String> encodings = headers.all("Transfer-encoding");
        List<String> lengths = headers.all("Content-length");
        if (!encodings.isEmpty()) {
            if (!lengths.isEmpty()) {
                throw new BadRequestException("both Transfer-Encoding and Content-Length");
            }
            if (version.equals("HTTP/1.0")) {
                throw new BadRequestException("Transfer-Encoding in an HTTP/1.0 request");
            }
            if (encodings.size() != 1 || !encodings.get(0).equalsIgnoreCase("chunked")) {
                throw new BadRequestException("unsupported Transfer-Encoding \"" + printable(String.join(", ", encodings))
                        + "\" (only chunked is)");
            }
            return new RequestHead(method, target, version, headers, -1, true);
        }
        long length = -1;
        if (!lengths.isEmpty()) {
            for (String field : lengths) {
                for (String value : field.split(",", -1)) {
                    long n = contentLength(strip(value));
                    if (length >= 0 && n != length) {
                        throw new BadRequestException("two different Content-Length values");
                    }
                    length = n;
                }
            }
        }
        return new RequestHead(method, target, version, headers, length, false);
    }

    private static long contentLength(String value) throws BadRequestException {
        if (value.isEmpty() || value.length() > MAX_LENGTH_DIGITS) {
            throw new BadRequestException("Content-Length is not a number of at most " + MAX_LENGTH_DIGITS + " digits: \""
                    + printable(value) + "\"");
        }
        long n = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw new BadRequestException("Content-Length is not a number: \"" + printable(value) + "\"");
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** @return whether the client asked for the connection to close after this exchange */
    boolean wantsClose() {
        boolean close = false;
        boolean keepAlive = false;
        for (String field : headers.all("Connection")) {
            for (String option : field.split(",")) {
                close |= strip(option).equalsIgnoreCase("close");
                keepAlive |= strip(option).equalsIgnoreCase("keep-alive");
            }
        }
        return version.equals("HTTP/1.0") ? !keepAlive : close;
    }

    /** @return {@code s} without the spaces and tabs (OWS) around it */
    static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && (s.charAt(start) == ' ' || s.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
            end--;
        }
        return s.substring(start, end);
    }

    // For error messages: short, and nothing a terminal would interpret.
    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && i < 80; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return s.length() > 80 ? b + "..." : b.toString();
    }
}
