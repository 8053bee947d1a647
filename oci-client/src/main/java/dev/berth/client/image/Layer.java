package dev.berth.client.image;

import dev.berth.client.BlobSource;
import dev.berth.client.internal.GzipStreams;
import dev.berth.model.ContentIOException;
import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.DigestAlgorithm;
import dev.berth.model.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One layer of an {@link Image}: its descriptor (what the manifest lists), the digest of its uncompressed tar
 * (what the configuration's {@code rootfs.diff_ids} lists) and its content.
 *
 * <ul>
 *   <li>{@link #gzip(byte[])}, {@link #gzip(Path)}: a tar, compressed with gzip
 *       ({@code application/vnd.oci.image.layer.v1.tar+gzip}). A file is compressed as it is read, once to
 *       learn the digest and again for each upload, never held in memory or written elsewhere; the same bytes
 *       always compress to the same digest.</li>
 *   <li>{@link #tar(byte[])}, {@link #tar(Path)}: a tar, as it is ({@code application/vnd.oci.image.layer.v1.tar}).</li>
 *   <li>{@link #of(Descriptor, Digest, BlobSource)}: content given as it is, compressed or not by the caller
 *       (zstd, a layer taken from another image).</li>
 * </ul>
 */
public final class Layer {
    private final Descriptor descriptor;
    private final Digest diffId;
    private final BlobSource content;

    private Layer(Descriptor descriptor, Digest diffId, BlobSource content) {
        this.descriptor = descriptor;
        this.diffId = diffId;
        this.content = content;
    }

    /**
     * @param tar the layer's tar, in memory (not copied: do not change it)
     * @return the layer, compressed with gzip
     */
    public static Layer gzip(byte[] tar) {
        Objects.requireNonNull(tar, "tar");
        byte[] compressed = GzipStreams.compress(tar);
        return new Layer(Descriptor.forContent(MediaType.OCI_LAYER_TAR_GZIP, compressed), Digest.sha256(tar),
                BlobSource.of(compressed));
    }

    /**
     * @param tarFile a file holding the layer's tar, read afresh for each upload (it must not change)
     * @return the layer, compressed with gzip as it is read
     * @throws ContentIOException if the file cannot be read
     */
    public static Layer gzip(Path tarFile) {
        Objects.requireNonNull(tarFile, "tarFile");
        Digest diffId;
        long size;
        Digest digest;
        try {
            try (InputStream in = Files.newInputStream(tarFile)) {
                diffId = Digest.compute(DigestAlgorithm.SHA256, in);
            }
            try (CountingStream in = new CountingStream(GzipStreams.compressing(Files.newInputStream(tarFile)))) {
                digest = Digest.compute(DigestAlgorithm.SHA256, in);
                size = in.count;
            }
        } catch (IOException e) {
            throw new ContentIOException("cannot read layer " + tarFile, e);
        }
        BlobSource compressed = new BlobSource() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public InputStream open(long offset) throws IOException {
                InputStream in = GzipStreams.compressing(Files.newInputStream(tarFile));
                in.skipNBytes(offset);
                return in;
            }
        };
        return new Layer(Descriptor.of(MediaType.OCI_LAYER_TAR_GZIP, digest, size), diffId, compressed);
    }

    /**
     * @param tar the layer's tar, in memory (not copied: do not change it)
     * @return the layer, uncompressed
     */
    public static Layer tar(byte[] tar) {
        Descriptor d = Descriptor.forContent(MediaType.OCI_LAYER_TAR, tar);
        return new Layer(d, d.digest(), BlobSource.of(tar));
    }

    /**
     * @param tarFile a file holding the layer's tar, read afresh for each upload (it must not change)
     * @return the layer, uncompressed
     * @throws ContentIOException if the file cannot be read
     */
    public static Layer tar(Path tarFile) {
        Objects.requireNonNull(tarFile, "tarFile");
        Digest digest;
        try (InputStream in = Files.newInputStream(tarFile)) {
            digest = Digest.compute(DigestAlgorithm.SHA256, in);
        } catch (IOException e) {
            throw new ContentIOException("cannot read layer " + tarFile, e);
        }
        BlobSource content = BlobSource.of(tarFile);
        return new Layer(Descriptor.of(MediaType.OCI_LAYER_TAR, digest, content.size()), digest, content);
    }

    /**
     * A layer given as it is; nothing is read until it is copied, when its content is checked against
     * {@code descriptor}.
     *
     * @param descriptor the layer's media type, digest and size, as the manifest will list it
     * @param diffId     the digest of its uncompressed tar, as the configuration will list it
     * @param content    its bytes
     * @return the layer
     * @throws IllegalArgumentException if {@code content}'s size is not the descriptor's
     */
    public static Layer of(Descriptor descriptor, Digest diffId, BlobSource content) {
        Objects.requireNonNull(descriptor, "descriptor");
        Objects.requireNonNull(diffId, "diffId");
        Objects.requireNonNull(content, "content");
        if (content.size() != descriptor.size()) {
            throw new IllegalArgumentException("layer " + descriptor.digest() + ": the content has "
                    + content.size() + " bytes, the descriptor says " + descriptor.size());
        }
        return new Layer(descriptor, diffId, content);
    }

    /** @return the descriptor the manifest lists */
    public Descriptor descriptor() {
        return descriptor;
    }

    /** @return the digest of the uncompressed tar, as {@code rootfs.diff_ids} lists it */
    public Digest diffId() {
        return diffId;
    }

    /** @return the layer's bytes, as the descriptor describes them */
    public BlobSource content() {
        return content;
    }

    @Override
    public String toString() {
        return "layer " + descriptor.digest() + " (" + descriptor.mediaType() + ", " + descriptor.size() + " bytes)";
    }

    private static final class CountingStream extends java.io.FilterInputStream {
        private long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
