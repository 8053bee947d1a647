package dev.berth.client.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * Writes a tar file entry by entry, as ustar with a PAX header for a name over 100 bytes or a size over
 * 8 GiB; owners, modes and times fixed, so the same entries give the same archive. One entry at a time:
 * callers writing from several threads hold the writer's lock around each entry.
 */
public final class TarWriter {
    private static final int BLOCK = 512;
    private static final long MAX_OCTAL_SIZE = 077777777777L;

    private final FileChannel ch;

    /** @param ch where the archive goes, from its current position */
    public TarWriter(FileChannel ch) {
        this.ch = ch;
    }

    /**
     * @param name the directory's name, such as {@code blobs/sha256}
     * @throws IOException if writing fails
     */
    public void directory(String name) throws IOException {
        header(name.endsWith("/") ? name : name + "/", 0, '5', 0755);
    }

    /**
     * @param name  the file's name in the archive
     * @param bytes its content
     * @throws IOException if writing fails
     */
    public void file(String name, byte[] bytes) throws IOException {
        file(name, bytes.length, new java.io.ByteArrayInputStream(bytes));
    }

    /**
     * @param name    the file's name in the archive
     * @param size    its size, which {@code content} must have exactly
     * @param content its content; read to its end, not closed
     * @throws IOException if writing fails or {@code content} is longer or shorter than {@code size}
     */
    public void file(String name, long size, InputStream content) throws IOException {
        header(name, size, '0', 0644);
        byte[] buf = new byte[256 * 1024];
        long left = size;
        while (left > 0) {
            int n = content.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                throw new IOException(name + ": the content ended " + left + " bytes short of " + size);
            }
            write(ByteBuffer.wrap(buf, 0, n));
            left -= n;
        }
        if (content.read() >= 0) {
            throw new IOException(name + ": the content is longer than " + size + " bytes");
        }
        pad(size);
    }

    /**
     * Ends the archive with its two zero blocks and syncs it.
     *
     * @throws IOException if writing fails
     */
    public void finish() throws IOException {
        write(ByteBuffer.allocate(2 * BLOCK));
        ch.force(true);
    }

    private void header(String name, long size, char type, int mode) throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length > 100 || size > MAX_OCTAL_SIZE) {
            StringBuilder pax = new StringBuilder();
            pax.append(record("path", name));
            if (size > MAX_OCTAL_SIZE) {
                pax.append(record("size", Long.toString(size)));
            }
            byte[] body = pax.toString().getBytes(StandardCharsets.UTF_8);
            write(ByteBuffer.wrap(block("PaxHeaders/" + Integer.toHexString(name.hashCode()), body.length, 'x', 0644)));
            write(ByteBuffer.wrap(body));
            pad(body.length);
        }
        write(ByteBuffer.wrap(block(name, Math.min(size, MAX_OCTAL_SIZE), type, mode)));
    }

    // The length of a record counts its own digits.
    private static String record(String key, String value) {
        int rest = key.length() + value.getBytes(StandardCharsets.UTF_8).length + 3;
        int len = rest + Integer.toString(rest).length();
        if (Integer.toString(len).length() != Integer.toString(rest).length()) {
            len++;
        }
        return len + " " + key + "=" + value + "\n";
    }

    private static byte[] block(String name, long size, char type, int mode) {
        byte[] h = new byte[BLOCK];
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(n, 0, h, 0, Math.min(n.length, 100));
        octal(h, 100, 8, mode);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        octal(h, 124, 12, size);
        octal(h, 136, 12, 0);
        h[156] = (byte) type;
        byte[] magic = "ustar\u000000".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(magic, 0, h, 257, magic.length);
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        octal(h, 148, 7, sum);
        return h;
    }

    // len - 1 octal digits, then NUL.
    private static void octal(byte[] h, int off, int len, long value) {
        String digits = Long.toOctalString(value);
        int width = len - 1;
        for (int i = 0; i < width; i++) {
            int from = digits.length() - width + i;
            h[off + i] = (byte) (from < 0 ? '0' : digits.charAt(from));
        }
        h[off + width] = 0;
    }

    private void pad(long size) throws IOException {
        int rest = (int) (size % BLOCK);
        if (rest != 0) {
            write(ByteBuffer.allocate(BLOCK - rest));
        }
    }

    private void write(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }
}
