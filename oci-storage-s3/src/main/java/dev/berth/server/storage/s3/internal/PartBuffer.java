package dev.berth.server.storage.s3.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The bytes of one part on their way to S3, which needs each part's length before its first byte. It grows
 * only as far as the bytes that come, so a small append does not cost a whole part's memory.
 */
public final class PartBuffer {
    private static final int INITIAL = 64 * 1024;
    private final int capacity;
    private byte[] bytes;
    private int length;

    /** @param capacity the part size: the buffer never holds more */
    public PartBuffer(int capacity) {
        this.capacity = capacity;
        this.bytes = new byte[Math.min(capacity, INITIAL)];
    }

    /** @return how many bytes it holds */
    public int length() {
        return length;
    }

    /** @return whether it holds a whole part */
    public boolean full() {
        return length == capacity;
    }

    /**
     * Reads from {@code in} until the buffer is full or {@code in} ends.
     *
     * @param in the source
     * @return how many bytes were read
     * @throws IOException if reading fails; what was read before stays in the buffer
     */
    public int fillFrom(InputStream in) throws IOException {
        int before = length;
        while (length < capacity) {
            if (length == bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) Math.min(capacity, 2L * bytes.length));
            }
            int n = in.read(bytes, length, bytes.length - length);
            if (n < 0) {
                break;
            }
            length += n;
        }
        return length - before;
    }

    /**
     * Appends bytes (the staged tail of earlier appends, which starts the next part).
     *
     * @param more the bytes; the buffer must have room for them
     */
    public void put(byte[] more) {
        if (more.length > capacity - length) {
            throw new IllegalStateException(more.length + " more bytes exceed a part of " + capacity + " holding " + length);
        }
        if (length + more.length > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.min(capacity, Math.max(2 * bytes.length, length + more.length)));
        }
        System.arraycopy(more, 0, bytes, length, more.length);
        length += more.length;
    }

    /** @return a stream over the bytes held, without copying them (the SDK may read it again on a retry) */
    public InputStream stream() {
        return new ByteArrayInputStream(bytes, 0, length);
    }

    /** Empties the buffer, keeping its memory for the next part. */
    public void clear() {
        length = 0;
    }
}
