package dev.berth.client.copy;

import dev.berth.client.TransferListener;
import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.InvalidArgumentException;
import dev.berth.model.Platform;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One manifest now at the destination, with what happened to each blob it references. Made with
 * {@link #of(Descriptor, List)}; an entry of an index adds {@link #withPlatform(Platform)}, a referrer
 * {@link #withSubject(Digest)}. What is not set reads back empty.
 */
public final class CopiedManifest {
    private final Descriptor manifest;
    private final Platform platform;
    private final Digest subject;
    private final List<BlobCopy> blobs;

    private CopiedManifest(Descriptor manifest, Platform platform, Digest subject, List<BlobCopy> blobs) {
        this.manifest = manifest;
        this.platform = platform;
        this.subject = subject;
        this.blobs = blobs;
    }

    /**
     * Copies the list.
     *
     * @param manifest its media type, digest and size
     * @param blobs    its configuration and layers (none for an index)
     * @return a copied manifest without platform or subject
     * @throws InvalidArgumentException if a part is null or {@code blobs} holds null
     */
    public static CopiedManifest of(Descriptor manifest, List<BlobCopy> blobs) {
        InvalidArgumentException.requireNonNull(manifest, "manifest");
        if (InvalidArgumentException.requireNonNull(blobs, "blobs").stream().anyMatch(Objects::isNull)) {
            throw new InvalidArgumentException("blobs", "must not hold null");
        }
        return new CopiedManifest(manifest, null, null, List.copyOf(blobs));
    }

    /**
     * @param platform its platform, for an entry of an index
     * @return this copied manifest, with that platform
     * @throws InvalidArgumentException if {@code platform} is null
     */
    public CopiedManifest withPlatform(Platform platform) {
        return new CopiedManifest(manifest, InvalidArgumentException.requireNonNull(platform, "platform"), subject, blobs);
    }

    /**
     * @param subject the manifest it refers to, for a referrer
     * @return this copied manifest, with that subject
     * @throws InvalidArgumentException if {@code subject} is null
     */
    public CopiedManifest withSubject(Digest subject) {
        return new CopiedManifest(manifest, platform, InvalidArgumentException.requireNonNull(subject, "subject"), blobs);
    }

    /** @return its media type, digest and size */
    public Descriptor manifest() {
        return manifest;
    }

    /** @return its platform, for an entry of an index */
    public Optional<Platform> platform() {
        return Optional.ofNullable(platform);
    }

    /** @return the manifest it refers to, for a referrer */
    public Optional<Digest> subject() {
        return Optional.ofNullable(subject);
    }

    /** @return its configuration and layers (none for an index) */
    public List<BlobCopy> blobs() {
        return blobs;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CopiedManifest c && manifest.equals(c.manifest) && Objects.equals(platform, c.platform)
                && Objects.equals(subject, c.subject) && blobs.equals(c.blobs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(manifest, platform, subject, blobs);
    }

    @Override
    public String toString() {
        return "CopiedManifest[manifest=" + manifest + ", platform=" + platform + ", subject=" + subject + ", blobs="
                + blobs + "]";
    }

    /**
     * One blob and how it reached the destination.
     *
     * @param blob    the blob
     * @param outcome sent, already there, or mounted from another repository
     */
    public record BlobCopy(Descriptor blob, TransferListener.Outcome outcome) {
    }

    /** @return the bytes of this manifest's blobs that were sent (a blob shared with another image counts for both) */
    public long bytesTransferred() {
        return blobs.stream().filter(b -> b.outcome() == TransferListener.Outcome.TRANSFERRED)
                .mapToLong(b -> b.blob().size()).sum();
    }

    /** @return the size of the manifest's blobs, whatever happened to them */
    public long blobsSize() {
        return blobs.stream().mapToLong(b -> b.blob().size()).sum();
    }
}
