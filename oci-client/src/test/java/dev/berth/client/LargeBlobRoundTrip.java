package dev.berth.client;

import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.DigestAlgorithm;
import dev.berth.model.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Random;

/**
 * Pushes and pulls one large generated blob: started by {@link LargeBlobInASmallHeapTest} in a JVM with a
 * small heap, so that any buffering of a whole blob fails with OutOfMemoryError.
 */
public final class LargeBlobRoundTrip {
    private static final int BLOCK = 64 * 1024;

    private LargeBlobRoundTrip() {
    }

    /** Arguments: registry host:port, size in MiB. Prints the digest pushed and the bytes pulled. */
    public static void main(String[] args) throws IOException {
        String registry = args[0];
        long size = Long.parseLong(args[1]) * 1024 * 1024;
        Digest digest;
        try (InputStream in = generated(0, size)) {
            digest = Digest.compute(DigestAlgorithm.SHA256, in);
        }
        Descriptor blob = Descriptor.of(MediaType.OCI_LAYER_TAR, digest, size);
        RegistryClient client = RegistryClient.builder(registry).build();
        client.pushBlob("large/blob", blob, new BlobSource() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public InputStream open(long offset) {
                return generated(offset, size);
            }
        }, TransferListener.NONE);
        long[] pulled = {0};
        client.getBlob("large/blob", blob, new OutputStream() {
            @Override
            public void write(int b) {
                pulled[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                pulled[0] += len;
            }
        }, TransferListener.NONE);
        System.out.println("pushed " + digest + " pulled " + pulled[0] + " bytes, max heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB");
    }

    // Deterministic content: block k is Random(k)'s bytes, so any offset can be regenerated.
    static InputStream generated(long offset, long size) {
        return new InputStream() {
            private long position = offset;
            private final byte[] block = new byte[BLOCK];
            private long blockIndex = -1;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (position >= size) {
                    return -1;
                }
                long k = position / BLOCK;
                if (k != blockIndex) {
                    new Random(k).nextBytes(block);
                    blockIndex = k;
                }
                int within = (int) (position % BLOCK);
                int n = (int) Math.min(Math.min(len, BLOCK - within), size - position);
                System.arraycopy(block, within, b, off, n);
                position += n;
                return n;
            }
        };
    }
}
