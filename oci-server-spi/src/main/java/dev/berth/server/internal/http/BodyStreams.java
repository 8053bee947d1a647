package dev.berth.server.internal.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/** The HTTP/1.1 body framings: a fixed length, or chunked; reading requests and writing responses. */
final class BodyStreams {
    private BodyStreams() {
    }

    /** A request body: its framing may turn out broken while the handler reads it. */
    abstract static class RequestBody extends InputStream {
        private BadRequestException broken;

        /** @return the framing error met while reading, or null */
        final BadRequestException broken() {
            return broken;
        }

        final BadRequestException fail(BadRequestException e) {
            broken = e;
            return e;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }
    }

    /** Exactly {@code length} bytes of the connection; a connection that ends sooner is an error. */
    static final class FixedLengthInput extends RequestBody {
        private final InputStream in;
        private long left;

        FixedLengthInput(InputStream in, long length) {
            this.in = in;
            this.left = length;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left == 0) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new EOFException("the connection ended " + left + " bytes before the request body did");
            }
            left -= n;
            return n;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(in.available(), left);
        }
    }

    /** A chunked request body (RFC 9112 §7.1): size lines in hex, data, and a last chunk of size 0 with trailers. */
    static final class ChunkedInput extends RequestBody {
        private static final int MAX_SIZE_LINE = 4096;
        private static final int MAX_HEX_DIGITS = 15; // below Long.MAX_VALUE
        private final InputStream in;
        private final HttpLimits limits;
        private long chunkLeft;
        private boolean done;

        ChunkedInput(InputStream in, HttpLimits limits) {
            this.in = in;
            this.limits = limits;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (broken() != null) {
                throw broken();
            }
            try {
                return readChunked(b, off, len);
            } catch (BadRequestException e) {
                throw fail(e);
            }
        }

        private int readChunked(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            if (chunkLeft == 0) {
                chunkLeft = chunkSize(new LineReader(in, MAX_SIZE_LINE, 400, "a chunk size line").readLine());
                if (chunkLeft == 0) {
                    RequestHead.readFields(new LineReader(in, limits.maxHeadBytes(), 431, "the trailer fields"),
                            limits.maxHeaderFields(), "trailer"); // checked, then dropped: the registry API uses none
                    done = true;
                    return -1;
                }
            }
            int n = in.read(b, off, (int) Math.min(len, chunkLeft));
            if (n < 0) {
                throw new EOFException("the connection ended inside a chunk");
            }
            chunkLeft -= n;
            if (chunkLeft == 0 && !new LineReader(in, 2, 400, "the end of a chunk").readLine().isEmpty()) {
                throw new BadRequestException("a chunk's data is not followed by CRLF");
            }
            return n;
        }

        // chunk-size [ chunk-ext ]: 1*HEXDIG *( BWS ";" BWS name [ BWS "=" BWS ( token / quoted-string ) ] )
        static long chunkSize(String line) throws BadRequestException {
            int i = 0;
            long size = 0;
            for (; i < line.length() && Character.digit(line.charAt(i), 16) >= 0 && line.charAt(i) < 0x80; i++) {
                if (i == MAX_HEX_DIGITS) {
                    throw new BadRequestException("a chunk size of more than " + MAX_HEX_DIGITS + " hex digits");
                }
                size = size * 16 + Character.digit(line.charAt(i), 16);
            }
            if (i == 0) {
                throw new BadRequestException("a chunk size is not hexadecimal: \"" + RequestHead.printable(line) + "\"");
            }
            Extensions ext = new Extensions(line, i);
            while (ext.more()) {
                ext.expect(';');
                ext.token();
                if (ext.skipBws() && ext.peek() == '=') {
                    ext.pos++;
                    ext.skipBws();
                    if (ext.peek() == '"') {
                        ext.quoted();
                    } else {
                        ext.token();
                    }
                }
            }
            return size;
        }

        /** A cursor over the chunk extensions of a size line. */
        private static final class Extensions {
            private final String line;
            private int pos;

            Extensions(String line, int pos) {
                this.line = line;
                this.pos = pos;
            }

            boolean more() {
                skipBws();
                return pos < line.length();
            }

            boolean skipBws() {
                while (pos < line.length() && (line.charAt(pos) == ' ' || line.charAt(pos) == '\t')) {
                    pos++;
                }
                return pos < line.length();
            }

            char peek() {
                return pos < line.length() ? line.charAt(pos) : 0;
            }

            void expect(char c) throws BadRequestException {
                if (peek() != c) {
                    throw malformed();
                }
                pos++;
                skipBws();
            }

            void token() throws BadRequestException {
                int start = pos;
                while (pos < line.length() && LineReader.isTokenChar(line.charAt(pos))) {
                    pos++;
                }
                if (pos == start) {
                    throw malformed();
                }
            }

            void quoted() throws BadRequestException {
                pos++;
                while (pos < line.length()) {
                    char c = line.charAt(pos++);
                    if (c == '"') {
                        return;
                    }
                    if (c == '\\') {
                        if (pos == line.length()) {
                            break;
                        }
                        pos++;
                    } else if (c < 0x20 && c != '\t' || c == 0x7f) {
                        break;
                    }
                }
                throw malformed();
            }

            BadRequestException malformed() {
                return new BadRequestException("a malformed chunk extension: \"" + RequestHead.printable(line) + "\"");
            }
        }
    }

    /** A response body of a declared length; writing more is an error, writing less leaves the connection unusable. */
    static final class FixedLengthOutput extends OutputStream implements FileSink {
        private final OutputStream out;
        private final long length;
        private long left;
        private boolean closed;

        FixedLengthOutput(OutputStream out, long length) {
            this.out = out;
            this.length = length;
            this.left = length;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (closed) {
                throw new IOException("the response body is closed");
            }
            if (len > left) {
                throw new IOException("the response body is longer than the " + left + " bytes still announced");
            }
            out.write(b, off, len);
            left -= len;
        }

        @Override
        public void transferFrom(FileChannel file, long position, long count) throws IOException {
            if (closed) {
                throw new IOException("the response body is closed");
            }
            if (count > left) {
                throw new IOException("the response body is longer than the " + left + " bytes still announced");
            }
            FileRegion.send(file, position, count, out);
            left -= count;
        }

        long written() {
            return length - left;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                out.flush();
            }
        }

        boolean complete() {
            return left == 0;
        }
    }

    /** A chunked response body, for handlers that do not know the length up front. */
    static final class ChunkedOutput extends OutputStream {
        private static final byte[] CRLF = {'\r', '\n'};
        private final OutputStream out;
        private boolean closed;
        private long written;

        ChunkedOutput(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (closed) {
                throw new IOException("the response body is closed");
            }
            if (len == 0) {
                return;
            }
            out.write(Integer.toHexString(len).getBytes(StandardCharsets.US_ASCII));
            out.write(CRLF);
            out.write(b, off, len);
            out.write(CRLF);
            written += len;
        }

        long written() {
            return written;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        }

        boolean complete() {
            return closed;
        }
    }

    /** A response body that ends with the connection: HTTP/1.0's answer of unknown length. */
    static final class CloseDelimitedOutput extends OutputStream {
        private final OutputStream out;
        private long written;

        CloseDelimitedOutput(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            written += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }

        long written() {
            return written;
        }
    }

    /** The body of a response that has none. */
    static final class NoOutput extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            throw new IOException("this response has no body");
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > 0) {
                throw new IOException("this response has no body");
            }
        }
    }
}
