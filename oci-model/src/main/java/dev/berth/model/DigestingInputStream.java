package dev.berth.model;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * An input stream that hashes what passes through it. Read it to its end, then
 * ask {@link #digest()} and {@link #size()}. Use {@link VerifyingInputStream}
 * when the expected digest is known in advance.
 */
public class DigestingInputStream extends FilterInputStream {
    private final ContentCheck check;

    /**
     * @param in        the content
     * @param algorithm a computable algorithm
     */
    public DigestingInputStream(InputStream in, DigestAlgorithm algorithm) {
        this(in, new ContentCheck(algorithm, null, ContentCheck.UNKNOWN_SIZE));
    }

    DigestingInputStream(InputStream in, ContentCheck check) {
        super(in);
        this.check = check;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
            check.end();
        } else {
            check.update(new byte[] {(byte) b}, 0, 1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n < 0) {
            check.end();
        } else {
            check.update(b, off, n);
        }
        return n;
    }

    /** Skipped bytes must still be hashed, so skipping reads them. */
    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[(int) Math.min(8192, Math.max(n, 1))];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {
        // unsupported: re-reading would corrupt the hash
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset is not supported by a digesting stream");
    }

    /** @return the number of bytes read so far */
    public long size() {
        return check.count();
    }

    /**
     * @return the digest of everything read
     * @throws IllegalStateException if the stream has not been read to its end
     */
    public Digest digest() {
        return check.result();
    }
}
