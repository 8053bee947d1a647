package dev.berth.server.internal.http;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The buffered output of one connection. Its buffer is borrowed from a shared
 * pool for the time a response is written and given back after it, so that a
 * connection idling or sending a slow head holds no output buffer: memory for
 * buffers follows the requests in flight, not the connections open. It also
 * records since when a socket write is blocked, for the watchdog.
 */
final class ConnectionOutput extends OutputStream {
    private final OutputStream socket;
    private final Pool pool;
    private byte[] buffer;
    private int count;
    private volatile long writingSince;

    ConnectionOutput(OutputStream socket, Pool pool) {
        this.socket = socket;
        this.pool = pool;
    }

    @Override
    public void write(int b) throws IOException {
        if (buffer == null) {
            buffer = pool.take();
        } else if (count == buffer.length) {
            drain();
        }
        buffer[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (buffer == null) {
            buffer = pool.take();
        }
        if (len >= buffer.length) {
            drain();
            toSocket(b, off, len);
            return;
        }
        if (len > buffer.length - count) {
            drain();
        }
        System.arraycopy(b, off, buffer, count, len);
        count += len;
    }

    @Override
    public void flush() throws IOException {
        drain();
        socket.flush();
    }

    /** Flushes, then gives the buffer back until the next response. */
    void release() throws IOException {
        try {
            flush();
        } finally {
            if (buffer != null) {
                count = 0;
                pool.give(buffer);
                buffer = null;
            }
        }
    }

    /** @return {@link System#nanoTime()} when the socket write now blocked began, or 0 when none is */
    long writingSince() {
        return writingSince;
    }

    private void drain() throws IOException {
        if (count > 0) {
            int n = count;
            count = 0;
            toSocket(buffer, 0, n);
        }
    }

    private void toSocket(byte[] b, int off, int len) throws IOException {
        writingSince = System.nanoTime() | 1; // never 0 while writing
        try {
            socket.write(b, off, len);
        } finally {
            writingSince = 0;
        }
    }

    /** Output buffers shared by a server's connections; keeps at most {@code retained} for reuse. */
    static final class Pool {
        private final ConcurrentLinkedQueue<byte[]> free = new ConcurrentLinkedQueue<>();
        private final AtomicInteger size = new AtomicInteger();
        private final int bufferSize;
        private final int retained;

        Pool(int bufferSize, int retained) {
            this.bufferSize = bufferSize;
            this.retained = retained;
        }

        byte[] take() {
            byte[] b = free.poll();
            if (b == null) {
                return new byte[bufferSize];
            }
            size.decrementAndGet();
            return b;
        }

        void give(byte[] b) {
            if (size.incrementAndGet() <= retained) {
                free.offer(b);
            } else {
                size.decrementAndGet();
            }
        }
    }
}
