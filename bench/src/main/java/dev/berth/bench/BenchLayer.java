package dev.berth.bench;

import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.MediaType;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * A gzip layer of random bytes, written with stored (level 0) deflate blocks:
 * cheap to make, a real gzip stream, so that skopeo sends it as it is instead
 * of compressing it on the way (it compresses layers it detects as uncompressed).
 * Random content is unique per run, so no client's cache knows it.
 *
 * @param descriptor the layer as a manifest names it
 * @param diffId     the digest of the uncompressed bytes, for the image config
 */
record BenchLayer(Descriptor descriptor, Digest diffId) {
    private static final int CHUNK = 1024 * 1024;

    /** Writes {@code rawBytes} random bytes, gzipped, to {@code file}, hashing both forms as they stream. */
    static BenchLayer write(Path file, long rawBytes, SplittableRandom random) throws IOException {
        MessageDigest compressed = sha256();
        MessageDigest raw = sha256();
        try (OutputStream out = stored(new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(file), CHUNK),
                compressed))) {
            writeRandom(out, rawBytes, raw, random);
        }
        return new BenchLayer(Descriptor.of(MediaType.OCI_LAYER_TAR_GZIP, digest(compressed), Files.size(file)), digest(raw));
    }

    /** @return the same as {@link #write}, in memory, for small layers */
    static byte[] bytes(long rawBytes, SplittableRandom random) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) rawBytes + 1024);
        try (OutputStream out = stored(bytes)) {
            writeRandom(out, rawBytes, sha256(), random);
        }
        return bytes.toByteArray();
    }

    private static OutputStream stored(OutputStream out) throws IOException {
        return new GZIPOutputStream(out, 64 * 1024) {
            {
                def.setLevel(Deflater.NO_COMPRESSION);
            }
        };
    }

    private static void writeRandom(OutputStream out, long rawBytes, MessageDigest raw, SplittableRandom random)
            throws IOException {
        byte[] chunk = new byte[CHUNK];
        for (long left = rawBytes; left > 0; ) {
            int n = (int) Math.min(CHUNK, left);
            for (int i = 0; i < n; i += 8) {
                long v = random.nextLong();
                for (int j = 0; j < 8 && i + j < n; j++) {
                    chunk[i + j] = (byte) (v >>> (8 * j));
                }
            }
            raw.update(chunk, 0, n);
            out.write(chunk, 0, n);
            left -= n;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Digest digest(MessageDigest md) {
        return Digest.of("sha256", HexFormat.of().formatHex(md.digest()));
    }
}
