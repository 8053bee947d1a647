package dev.berth.client.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.util.Enumeration;
import java.util.NoSuchElementException;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterInputStream;

/**
 * Gzip as a stream to read rather than to write to: the same input always gives the same bytes (no time or
 * name in the header), so a layer compressed once to learn its digest can be compressed again for each upload
 * instead of being kept.
 */
public final class GzipStreams {
    // magic, deflate, no flags, mtime 0, no extra flags, OS unknown
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private GzipStreams() {
    }

    /**
     * @param uncompressed what to compress; closed with the returned stream
     * @return the gzip member of {@code uncompressed}, compressed as it is read
     */
    public static InputStream compressing(InputStream uncompressed) {
        CRC32 crc = new CRC32();
        CheckedInputStream checked = new CheckedInputStream(uncompressed, crc);
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        long[] count = new long[1];
        InputStream counted = new java.io.FilterInputStream(checked) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    count[0]++;
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    count[0] += n;
                }
                return n;
            }
        };
        InputStream body = new DeflaterInputStream(counted, deflater, 64 * 1024) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    deflater.end();
                }
            }
        };
        // The trailer is made only once the body is read to its end, when CRC and length are known.
        Enumeration<InputStream> parts = new Enumeration<>() {
            private int next;

            @Override
            public boolean hasMoreElements() {
                return next < 3;
            }

            @Override
            public InputStream nextElement() {
                switch (next++) {
                    case 0:
                        return new ByteArrayInputStream(HEADER);
                    case 1:
                        return body;
                    case 2:
                        return new ByteArrayInputStream(trailer(crc.getValue(), count[0]));
                    default:
                        throw new NoSuchElementException();
                }
            }
        };
        return new SequenceInputStream(parts);
    }

    /**
     * @param uncompressed the bytes to compress
     * @return their gzip member, as {@link #compressing} makes it
     */
    public static byte[] compress(byte[] uncompressed) {
        try (InputStream in = compressing(new ByteArrayInputStream(uncompressed))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(uncompressed.length / 2 + 64);
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("gzip of bytes in memory failed", e);
        }
    }

    /**
     * @param start the first bytes of some content
     * @return whether they begin a gzip member
     */
    public static boolean isGzip(byte[] start) {
        return start.length >= 2 && start[0] == 0x1f && start[1] == (byte) 0x8b;
    }

    private static byte[] trailer(long crc, long size) {
        byte[] t = new byte[8];
        for (int i = 0; i < 4; i++) {
            t[i] = (byte) (crc >>> (8 * i));
            t[4 + i] = (byte) (size >>> (8 * i));
        }
        return t;
    }
}
