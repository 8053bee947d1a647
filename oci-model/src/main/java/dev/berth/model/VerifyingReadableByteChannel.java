package dev.berth.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * The channel counterpart of {@link VerifyingInputStream}: hashes and counts
 * bytes as they are read and fails as soon as the content is known to be wrong.
 */
public class VerifyingReadableByteChannel implements ReadableByteChannel {
    private final ReadableByteChannel channel;
    private final ContentCheck check;

    /**
     * @param channel  the content
     * @param expected the digest it must have (its algorithm must be computable)
     * @param size     the size it must have, or -1 if unknown
     */
    public VerifyingReadableByteChannel(ReadableByteChannel channel, Digest expected, long size) {
        this.channel = channel;
        this.check = new ContentCheck(expected.computableAlgorithm(), expected, size < 0 ? ContentCheck.UNKNOWN_SIZE : size);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int start = dst.position();
        int n = channel.read(dst);
        if (n < 0) {
            check.end();
        } else if (n > 0) {
            ByteBuffer consumed = dst.duplicate();
            consumed.position(start).limit(start + n);
            check.update(consumed);
        }
        return n;
    }

    /** @return the number of bytes read so far */
    public long size() {
        return check.count();
    }

    /** @return the digest of everything read, once the end has been reached */
    public Digest digest() {
        return check.result();
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
