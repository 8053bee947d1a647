package dev.berth.server.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The buffered input of one connection. Only the connection's own thread reads it, so unlike
 * {@link java.io.BufferedInputStream} it takes no lock per call: request heads are read a line, or a byte, at a time.
 * It records since when a socket read is blocked, for the watchdog: the socket has no read timeout of its
 * own, because a timed read of a channel's socket costs four more system calls than a blocking one (to
 * non-blocking and back, a read that finds nothing, a poll), a third of a small request's cost.
 */
final class ConnectionInput extends InputStream {
    private final InputStream socket;
    private final byte[] buffer;
    private int position;
    private int limit;
    private volatile long readingSince;

    /**
     * @param socket     the connection's stream
     * @param bufferSize bytes read from it at a time
     */
    ConnectionInput(InputStream socket, int bufferSize) {
        this.socket = socket;
        this.buffer = new byte[bufferSize];
    }

    @Override
    public int read() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        int buffered = limit - position;
        if (buffered == 0) {
            if (len >= buffer.length) {
                return fromSocket(b, off, len); // a large read goes straight to the caller's array
            }
            if (!fill()) {
                return -1;
            }
            buffered = limit - position;
        }
        int n = Math.min(len, buffered);
        System.arraycopy(buffer, position, b, off, n);
        position += n;
        return n;
    }

    /** @return the next byte without consuming it, or -1 at the end of the stream; waits for it */
    int peek() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position] & 0xff;
    }

    /**
     * Takes a whole line when it is buffered already, as a request head's lines are: no byte-by-byte read.
     *
     * @param maxBytes the most the line may take, its LF included
     * @return the bytes before the next LF (a CR before it included) as ISO-8859-1, consumed with the LF; or
     *         null, with nothing consumed, if no LF is buffered within {@code maxBytes}
     */
    String takeBufferedLine(int maxBytes) {
        int end = Math.min(limit, position + Math.max(0, maxBytes));
        for (int i = position; i < end; i++) {
            if (buffer[i] == '\n') {
                String line = new String(buffer, position, i - position, StandardCharsets.ISO_8859_1);
                position = i + 1;
                return line;
            }
        }
        return null;
    }

    @Override
    public int available() throws IOException {
        return limit - position;
    }

    /** @return {@link System#nanoTime()} when the socket read now blocked began, or 0 when none is */
    long readingSince() {
        return readingSince;
    }

    private int fromSocket(byte[] b, int off, int len) throws IOException {
        readingSince = System.nanoTime() | 1; // never 0 while reading
        try {
            return socket.read(b, off, len);
        } finally {
            readingSince = 0;
        }
    }

    private boolean fill() throws IOException {
        int n = fromSocket(buffer, 0, buffer.length);
        if (n <= 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }
}
