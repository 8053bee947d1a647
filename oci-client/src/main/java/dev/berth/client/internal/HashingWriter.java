package dev.berth.client.internal;

import dev.berth.model.ContentIOException;
import dev.berth.model.OciException;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Feeds a download's bytes to its digest and its destination. For a large blob this runs on a thread of its own,
 * so that hashing and writing one buffer overlaps reading the next from the network: on a fast link each of the
 * three takes about as long as the others, and one thread doing all of them in turn caps a pull at half the
 * link's speed. Small blobs are hashed and written on the caller's thread, where a thread would cost more than
 * it saves. A fixed set of buffers circulates, so memory stays at {@code buffers × size} whatever the blob's size.
 */
final class HashingWriter implements AutoCloseable {
    /** Blobs from this size on get a thread of their own. */
    static final long PIPELINE_FROM = 4L * 1024 * 1024;
    private static final int BUFFER = 1024 * 1024;
    private static final int BUFFERS = 4;
    private static final Chunk END = new Chunk(new byte[0], 0);

    private final MessageDigest md;
    private final OutputStream out;
    private final BlockingQueue<byte[]> free;
    private final BlockingQueue<Chunk> filled;
    private final Thread worker;
    private volatile RuntimeException failure;
    private byte[] inline;

    private record Chunk(byte[] bytes, int length) {
    }

    /**
     * @param size how many bytes are expected, which decides whether a thread does the work
     * @param name names the thread, for thread dumps
     */
    HashingWriter(MessageDigest md, OutputStream out, long size, String name) {
        this.md = md;
        this.out = out;
        if (size < PIPELINE_FROM) {
            this.free = null;
            this.filled = null;
            this.worker = null;
            return;
        }
        this.free = new ArrayBlockingQueue<>(BUFFERS);
        this.filled = new ArrayBlockingQueue<>(BUFFERS + 1);
        for (int i = 0; i < BUFFERS; i++) {
            free.add(new byte[BUFFER]);
        }
        this.worker = new Thread(this::drain, "berth-hash " + name);
        worker.setDaemon(true);
        worker.start();
    }

    /** @return an empty buffer to read into, handed back with {@link #write} */
    byte[] buffer() {
        if (worker == null) {
            if (inline == null) {
                inline = new byte[64 * 1024];
            }
            return inline;
        }
        failIfFailed();
        try {
            return free.take();
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    /** Hashes and writes the first {@code length} bytes of a buffer from {@link #buffer()}, now or soon. */
    void write(byte[] buffer, int length) {
        if (worker == null) {
            consume(buffer, length);
            return;
        }
        if (length == 0) {
            free.add(buffer);
            return;
        }
        failIfFailed();
        filled.add(new Chunk(buffer, length));
    }

    /** Waits until everything written so far is hashed and written; rethrows what went wrong doing it. */
    void finish() {
        if (worker == null) {
            return;
        }
        filled.add(END);
        try {
            worker.join();
        } catch (InterruptedException e) {
            worker.interrupt();
            throw interrupted(e);
        }
        failIfFailed();
    }

    /** Stops the thread if {@link #finish()} was not reached. */
    @Override
    public void close() {
        if (worker != null && worker.isAlive()) {
            worker.interrupt();
        }
    }

    private void drain() {
        try {
            for (Chunk c; (c = filled.take()) != END; ) {
                if (failure == null) {
                    try {
                        consume(c.bytes, c.length);
                    } catch (RuntimeException e) {
                        failure = e;
                    }
                }
                free.add(c.bytes);
            }
        } catch (InterruptedException e) {
            failure = interrupted(e);
        }
    }

    private void consume(byte[] buffer, int length) {
        md.update(buffer, 0, length);
        try {
            out.write(buffer, 0, length);
        } catch (IOException e) {
            throw new ContentIOException("cannot write the blob's bytes", e);
        }
    }

    private void failIfFailed() {
        RuntimeException f = failure;
        if (f != null) {
            throw f;
        }
    }

    private static OciException interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        return new OciException("interrupted while writing a blob", e);
    }
}
