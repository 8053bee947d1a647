package dev.berth.client.internal;

import dev.berth.client.TransferListener;
import dev.berth.model.Descriptor;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Input streams that count what passes, or stop after a number of bytes. */
public final class Streams {
    private Streams() {
    }

    /**
     * @param in       the content
     * @param blob     the blob it belongs to, named in progress reports
     * @param position how many bytes of the blob came before {@code in}
     * @param listener hears the blob's position after every read
     * @return {@code in}, reporting progress (or {@code in} itself when nobody listens)
     */
    public static InputStream reportingProgress(InputStream in, Descriptor blob, long position, TransferListener listener) {
        if (listener == TransferListener.NONE) {
            return in;
        }
        return new FilterInputStream(in) {
            private long at = position;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    listener.progress(blob, ++at);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    at += n;
                    listener.progress(blob, at);
                }
                return n;
            }
        };
    }

    /** @return at most {@code limit} bytes of {@code in}; closing it closes {@code in} */
    public static InputStream bounded(InputStream in, long limit) {
        return new FilterInputStream(in) {
            private long left = limit;

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

            @Override
            public long skip(long n) throws IOException {
                long skipped = super.skip(Math.min(n, left));
                left -= skipped;
                return skipped;
            }
        };
    }

    /**
     * @return the first {@code length} bytes of {@code in}, where the read that delivers the last of them first
     *         reads {@code in} once more: a source that checks itself at its end (a
     *         {@link dev.berth.model.VerifyingInputStream}) fails before its last bytes are passed on, so a request
     *         carrying a corrupt blob never completes. Closing it closes {@code in}.
     */
    public static InputStream slice(InputStream in, long length) {
        return new FilterInputStream(in) {
            private long left = length;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = super.read(b, off, (int) Math.min(len, left));
                if (n > 0) {
                    left -= n;
                    if (left == 0) {
                        super.read(); // at the source's end, its own checks run now
                    }
                }
                return n;
            }
        };
    }
}
