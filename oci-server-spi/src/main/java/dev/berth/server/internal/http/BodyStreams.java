package dev.berth.server.internal.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The HTTP/1.1 body framings: a fixed length, or chunked; reading requests and writing responses. */
final class BodyStreams {
    private BodyStreams() {
    }

    /** Exactly {@code length} bytes of the connection; a connection that ends sooner is an error. */
    static final class FixedLengthInput extends InputStream {
        private final InputStream in;
        private long left;

        FixedLengthInput(InputStream in, long length) {
            this.in = in;
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
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

        boolean finished() {
            return left == 0;
        }
    }

    /** A chunked request body (RFC 9112 §7.1): size lines in hex, data, and a last chunk of size 0 with trailers. */
    static final class ChunkedInput extends InputStream {
        private final InputStream in;
        private long chunkLeft;
        private boolean done;

        ChunkedInput(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (chunkLeft == 0) {
                String line = RequestHead.readLine(in, 1024);
                int semi = line.indexOf(';');
                String size = (semi < 0 ? line : line.substring(0, semi)).trim();
                try {
                    chunkLeft = Long.parseLong(size, 16);
                } catch (NumberFormatException e) {
                    throw new BadRequestException("a chunk size is not hexadecimal: \"" + size + "\"");
                }
                if (chunkLeft < 0) {
                    throw new BadRequestException("a negative chunk size");
                }
                if (chunkLeft == 0) {
                    while (!RequestHead.readLine(in, 8192).isEmpty()) {
                        // trailers are not used by the registry API
                    }
                    done = true;
                    return -1;
                }
            }
            int n = in.read(b, off, (int) Math.min(len, chunkLeft));
            if (n < 0) {
                throw new EOFException("the connection ended inside a chunk");
            }
            chunkLeft -= n;
            if (chunkLeft == 0 && !RequestHead.readLine(in, 2).isEmpty()) {
                throw new BadRequestException("a chunk is not followed by CRLF");
            }
            return n;
        }

        boolean finished() {
            return done;
        }
    }

    /** A response body of a declared length; writing more is an error, writing less leaves the connection unusable. */
    static final class FixedLengthOutput extends OutputStream {
        private final OutputStream out;
        private long left;
        private boolean closed;

        FixedLengthOutput(OutputStream out, long length) {
            this.out = out;
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
