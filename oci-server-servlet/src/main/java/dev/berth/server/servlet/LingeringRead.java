package dev.berth.server.servlet;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;

/**
 * Reads and drops what the registry left unread of a request body once it has answered (a refused manifest, a
 * refused upload), within bounds of bytes and time. The container closes a connection whose request body was not
 * read whole, and closing with input unread makes the kernel reset the connection: a client still writing its
 * body then loses the answer it had not read yet. The lingering close of RFC 9112 section 9.6, as far as a
 * servlet can take part in it; a client sending more, or slower, than the bounds allow is cut off.
 */
final class LingeringRead {
    /** Enough for a refused manifest (4 MiB) with room to spare, not a refused layer of gigabytes. */
    static final long MAX_BYTES = 8L * 1024 * 1024;
    /** Checked between reads; each read is bounded by the container's own idle timeout. */
    static final long MAX_NANOS = TimeUnit.SECONDS.toNanos(2);

    private LingeringRead() {
    }

    static void drain(InputStream body) {
        long deadline = System.nanoTime() + MAX_NANOS;
        byte[] sink = new byte[16 * 1024];
        long left = MAX_BYTES;
        try {
            for (int n; left > 0 && System.nanoTime() - deadline < 0
                    && (n = body.read(sink, 0, (int) Math.min(sink.length, left))) >= 0; ) {
                left -= n;
            }
        } catch (IOException e) {
            // the client went away, or the body's framing broke: nothing left to save the answer from
        }
    }
}
