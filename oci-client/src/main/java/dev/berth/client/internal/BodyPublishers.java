package dev.berth.client.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;

/** Request bodies with a known length, read from a source that can reopen at an offset. */
public final class BodyPublishers {
    private BodyPublishers() {
    }

    /** Opens content at an offset. */
    @FunctionalInterface
    public interface Opener {
        /** @return a stream from {@code offset} on */
        InputStream open(long offset) throws IOException;
    }

    /**
     * @return a body of exactly {@code length} bytes starting at {@code offset}, sent with Content-Length
     */
    public static HttpRequest.BodyPublisher slice(Opener source, long offset, long length) {
        HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(() -> {
            try {
                return new BoundedInputStream(source.open(offset), length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return HttpRequest.BodyPublishers.fromPublisher(stream, length);
    }

    /** Reads at most {@code limit} bytes of another stream. */
    static final class BoundedInputStream extends java.io.FilterInputStream {
        private long left;

        BoundedInputStream(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
