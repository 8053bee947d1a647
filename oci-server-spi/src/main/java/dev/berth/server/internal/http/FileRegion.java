package dev.berth.server.internal.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A stored blob's bytes as a region of its file: read like any stream, or {@link #sendTo sent} to a response
 * body that can take the file whole ({@link FileSink}). It owns the channel and closes it.
 */
public final class FileRegion extends InputStream {
    private static final int COPY_BUFFER = 256 * 1024;
    private final FileChannel file;
    private long position;
    private final long end;

    /**
     * @param file     the open file, closed with this stream
     * @param position the region's first byte
     * @param count    how many bytes it holds
     */
    public FileRegion(FileChannel file, long position, long count) {
        this.file = file;
        this.position = position;
        this.end = position + count;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (position >= end) {
            return -1;
        }
        int n = file.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - position)), position);
        if (n < 0) {
            throw new EOFException("the blob's file ended " + (end - position) + " bytes early");
        }
        position += n;
        return n;
    }

    @Override
    public long skip(long n) {
        long skipped = Math.max(0, Math.min(n, end - position));
        position += skipped;
        return skipped;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, end - position);
    }

    /** Sends what is left of the region to {@code out}: whole where it is a {@link FileSink}, else copied. */
    public void sendTo(OutputStream out) throws IOException {
        send(file, position, end - position, out);
        position = end;
    }

    /** Sends {@code count} bytes of {@code file} from {@code position}: whole to a {@link FileSink}, else copied. */
    public static void send(FileChannel file, long position, long count, OutputStream out) throws IOException {
        if (out instanceof FileSink sink) {
            sink.transferFrom(file, position, count);
        } else {
            copy(file, position, count, out);
        }
    }

    /** Copies {@code count} bytes of {@code file} from {@code position} through a buffer, for a sink without a channel. */
    static void copy(FileChannel file, long position, long count, OutputStream out) throws IOException {
        byte[] buffer = new byte[(int) Math.min(COPY_BUFFER, Math.max(1, count))];
        for (long at = position, left = count; left > 0; ) {
            int n = file.read(ByteBuffer.wrap(buffer, 0, (int) Math.min(buffer.length, left)), at);
            if (n < 0) {
                throw new EOFException("the blob's file ended " + left + " bytes early");
            }
            out.write(buffer, 0, n);
            at += n;
            left -= n;
        }
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
