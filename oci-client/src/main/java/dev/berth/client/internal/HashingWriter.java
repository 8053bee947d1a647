package dev.berth.client.internal;

import dev.berth.model.ContentIOException;
import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.DigestMismatchException;
import dev.berth.model.OciException;
import dev.berth.model.SizeMismatchException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Feeds a blob's bytes, as a download or a layout's write reads them, to its digest and its destination. For a
 * large blob, hashing and writing each run on a thread of their own, so that both overlap reading the next
 * buffer: SHA-256 runs at about 1.1 GB/s a core here and writing to the page cache costs about half as much
 * again, so one thread doing both in turn, or doing them after the read, caps a pull well below what the link
 * carries. Small blobs are hashed and written on the caller's thread, where threads would cost more than they
 * save. A fixed set of buffers circulates, each going back once both threads are done with it, so memory stays
 * at {@code buffers × size} whatever the blob's size.
 */
public final class HashingWriter implements AutoCloseable {
    /** Blobs from this size on get threads of their own. */
    public static final long PIPELINE_FROM = 4L * 1024 * 1024;
    private static final int BUFFER = 1024 * 1024;
    private static final int BUFFERS = 4;
    private static final Chunk END = new Chunk(new byte[0], 0);

    private final MessageDigest md;
    private final OutputStream out;
    private final BlockingQueue<byte[]> free;
    private final BlockingQueue<Chunk> toHash;
    private final BlockingQueue<Chunk> toWrite;
    private final Thread hasher;
    private final Thread writer;
    private volatile RuntimeException failure;
    private byte[] inline;

    // A filled buffer goes back to the free ones once both the hasher and the writer are done with it.
    private static final class Chunk {
        final byte[] bytes;
        final int length;
        final AtomicInteger users = new AtomicInteger(2);

        Chunk(byte[] bytes, int length) {
            this.bytes = bytes;
            this.length = length;
        }
    }

    /**
     * @param size how many bytes are expected, which decides whether threads do the work
     * @param name names the threads, for thread dumps
     */
    public HashingWriter(MessageDigest md, OutputStream out, long size, String name) {
        this.md = md;
        this.out = out;
        if (size < PIPELINE_FROM) {
            this.free = null;
            this.toHash = null;
            this.toWrite = null;
            this.hasher = null;
            this.writer = null;
            return;
        }
        this.free = new ArrayBlockingQueue<>(BUFFERS);
        this.toHash = new ArrayBlockingQueue<>(BUFFERS + 1);
        this.toWrite = new ArrayBlockingQueue<>(BUFFERS + 1);
        for (int i = 0; i < BUFFERS; i++) {
            free.add(new byte[BUFFER]);
        }
        this.hasher = start(toHash, c -> md.update(c.bytes, 0, c.length), "berth-hash " + name);
        this.writer = start(toWrite, c -> writeOut(c.bytes, c.length), "berth-write " + name);
    }

    private Thread start(BlockingQueue<Chunk> queue, Consumer<Chunk> work, String name) {
        Thread t = new Thread(() -> drain(queue, work), name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** @return an empty buffer to read into, handed back with {@link #write} */
    public byte[] buffer() {
        if (hasher == null) {
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
    public void write(byte[] buffer, int length) {
        if (hasher == null) {
            md.update(buffer, 0, length);
            writeOut(buffer, length);
            return;
        }
        if (length == 0) {
            free.add(buffer);
            return;
        }
        failIfFailed();
        Chunk c = new Chunk(buffer, length);
        toHash.add(c);
        toWrite.add(c);
    }

    /** Waits until everything written so far is hashed and written; rethrows what went wrong doing it. */
    public void finish() {
        if (hasher == null) {
            return;
        }
        toHash.add(END);
        toWrite.add(END);
        try {
            hasher.join();
            writer.join();
        } catch (InterruptedException e) {
            close();
            throw interrupted(e);
        }
        failIfFailed();
    }

    /**
     * Reads {@code in} to its end, buffer by buffer, and hands each buffer on; call {@link #finish()} after.
     *
     * @param limit the most bytes there may be
     * @return how many bytes there were
     * @throws SizeMismatchException if there are more than {@code limit}
     */
    public long transferFrom(InputStream in, long limit) throws IOException {
        for (long received = 0; ; ) {
            byte[] buf = buffer();
            int n;
            try {
                n = in.readNBytes(buf, 0, buf.length);
            } catch (IOException e) {
                write(buf, 0);
                throw e;
            }
            if (received + n > limit) {
                write(buf, 0);
                throw new SizeMismatchException(limit, received + n);
            }
            write(buf, n);
            received += n;
            if (n < buf.length) {
                return received;
            }
        }
    }

    /**
     * Checks what {@link #finish() finished} writing against the blob it should be.
     *
     * @param md       the digest given to the writer, now fed every byte
     * @param received how many bytes it was fed
     * @throws SizeMismatchException   if that is not the blob's size
     * @throws DigestMismatchException if the bytes do not hash to its digest
     */
    public static void verify(Descriptor blob, MessageDigest md, long received) {
        if (received != blob.size()) {
            throw new SizeMismatchException(blob.size(), received);
        }
        Digest actual = Digest.of(blob.digest().algorithm(), HexFormat.of().formatHex(md.digest()));
        if (!actual.equals(blob.digest())) {
            throw new DigestMismatchException(blob.digest(), actual);
        }
    }

    /** Stops the threads if {@link #finish()} was not reached. */
    @Override
    public void close() {
        if (hasher != null) {
            hasher.interrupt();
            writer.interrupt();
        }
    }

    private void drain(BlockingQueue<Chunk> queue, Consumer<Chunk> work) {
        try {
            for (Chunk c; (c = queue.take()) != END; ) {
                if (failure == null) {
                    try {
                        work.accept(c);
                    } catch (RuntimeException e) {
                        failure = e;
                    }
                }
                if (c.users.decrementAndGet() == 0) {
                    free.add(c.bytes);
                }
            }
        } catch (InterruptedException e) {
            if (failure == null) {
                failure = interrupted(e);
            }
        }
    }

    private void writeOut(byte[] buffer, int length) {
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
