package dev.berth.server.internal.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The buffered output of one connection. Its buffer is borrowed from a shared
 * pool for the time a response is written and given back after it, so that a
 * connection idling or sending a slow head holds no output buffer: memory for
 * buffers follows the requests in flight, not the connections open. It also
 * records since when a socket write is blocked, for the watchdog.
 */
final class ConnectionOutput extends OutputStream implements FileSink {
    private final OutputStream socket;
    // The plain socket's channel, for sendfile; null over TLS, where every byte is encrypted in the JVM.
    private final WritableByteChannel channel;
    private final Pool pool;
    private byte[] buffer;
    private int count;
    private volatile long writingSince;

    ConnectionOutput(OutputStream socket, WritableByteChannel channel, Pool pool) {
        this.socket = socket;
        this.channel = channel;
        this.pool = pool;
    }

    /**
     * Sends {@code count} bytes of a file from {@code position}, after what is buffered: handed to the socket
     * whole on a plain connection, copied through the buffer over TLS.
     */
    @Override
    public void transferFrom(FileChannel file, long position, long count) throws IOException {
        if (channel == null) {
            FileRegion.copy(file, position, count, this);
            return;
        }
        drain();
        socket.flush();
        writingSince = System.nanoTime() | 1;
        try {
            for (long at = position, left = count; left > 0; ) {
                long n = file.transferTo(at, left, channel);
                if (n <= 0 && at >= file.size()) {
                    throw new EOFException("the blob's file ended " + left + " bytes early");
                }
                at += n;
                left -= n;
            }
        } finally {
            writingSince = 0;
        }
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

    /**
     * Output buffers shared by a server's connections; keeps at most {@code retained} for reuse, in slots
     * taken and given with one compare-and-set each, no queue node allocated per response.
     */
    static final class Pool {
        private final AtomicReferenceArray<byte[]> slots;
        private final int bufferSize;

        Pool(int bufferSize, int retained) {
            this.bufferSize = bufferSize;
            this.slots = new AtomicReferenceArray<>(Math.max(1, retained));
        }

        byte[] take() {
            int n = slots.length();
            int start = start(n);
            for (int i = 0; i < n; i++) {
                int slot = (start + i) % n;
                byte[] b = slots.get(slot);
                if (b != null && slots.compareAndSet(slot, b, null)) {
                    return b;
                }
            }
            return new byte[bufferSize];
        }

        void give(byte[] b) {
            int n = slots.length();
            int start = start(n);
            for (int i = 0; i < n; i++) {
                int slot = (start + i) % n;
                if (slots.get(slot) == null && slots.compareAndSet(slot, null, b)) {
                    return;
                }
            }
            // every slot full: this one is left to the garbage collector
        }

        // Threads start their search at different slots, so that they seldom meet on one.
        private static int start(int n) {
            return (int) (Thread.currentThread().getId() % n);
        }
    }
}
