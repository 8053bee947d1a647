package dev.berth.server.internal.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the CRLF-terminated lines of a request head or chunked body within a
 * byte budget. A lone LF also ends a line (RFC 9112 §2.2 allows it); a CR not
 * followed by LF is refused, as is a line that would exceed the budget.
 */
final class LineReader {
    // RFC 9110 §5.6.2's tchar, by character: a table, as every method and field name is checked.
    private static final boolean[] TOKEN_CHARS = new boolean[0x7f];

    static {
        for (char c = 0x21; c < 0x7f; c++) {
            TOKEN_CHARS[c] = "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
        }
    }

    private final InputStream in;
    private final ConnectionInput buffered; // in, when lines can be taken from its buffer whole; else null
    private final int overBudgetStatus;
    private final String what;
    private int left;
    private byte[] line = new byte[128]; // the line being read, one byte a character (ISO-8859-1)

    /**
     * @param in               the connection
     * @param budget           bytes all lines read through this reader may take, terminators included
     * @param overBudgetStatus what a request over the budget is answered with (431 for heads)
     * @param what             names the lines in errors, e.g. "the request head"
     */
    LineReader(InputStream in, int budget, int overBudgetStatus, String what) {
        this.in = in;
        this.buffered = in instanceof ConnectionInput ? (ConnectionInput) in : null;
        this.left = budget;
        this.overBudgetStatus = overBudgetStatus;
        this.what = what;
    }

    /** @return the next line without its terminator, or null if the connection ended before it began */
    String readLineOrNull() throws IOException {
        String whole = buffered == null ? null : buffered.takeBufferedLine(left);
        if (whole != null) {
            left -= whole.length() + 1;
            return withoutCr(whole);
        }
        int n = 0;
        for (int c; (c = in.read()) >= 0; ) {
            if (--left < 0) {
                throw new BadRequestException(overBudgetStatus, what + " is longer than the server accepts");
            }
            if (c == '\n') {
                return new String(line, 0, n, StandardCharsets.ISO_8859_1);
            }
            if (c == '\r') {
                int next = in.read();
                if (next != '\n') {
                    throw new BadRequestException("a CR not followed by LF in " + what);
                }
                left--;
                return new String(line, 0, n, StandardCharsets.ISO_8859_1);
            }
            if (n == line.length) {
                line = Arrays.copyOf(line, n * 2);
            }
            line[n++] = (byte) c;
        }
        if (n > 0) {
            throw new EOFException("the connection ended inside " + what);
        }
        return null;
    }

    // A line taken whole ends in CRLF or a lone LF; any other CR in it is refused, as the byte-by-byte read refuses it.
    private String withoutCr(String line) throws BadRequestException {
        String content = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        if (content.indexOf('\r') >= 0) {
            throw new BadRequestException("a CR not followed by LF in " + what);
        }
        return content;
    }

    /** @return the next line; the connection must not end first */
    String readLine() throws IOException {
        String line = readLineOrNull();
        if (line == null) {
            throw new EOFException("the connection ended inside " + what);
        }
        return line;
    }

    /** @return whether {@code c} may appear in a token (RFC 9110 §5.6.2): methods, field names, chunk extensions */
    static boolean isTokenChar(char c) {
        return c < TOKEN_CHARS.length && TOKEN_CHARS[c];
    }

    /** @return whether {@code s} is a non-empty token */
    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
