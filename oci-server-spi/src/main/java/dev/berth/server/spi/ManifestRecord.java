package dev.berth.server.spi;

import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.InvalidArgumentException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored manifest: its exact bytes and what the registry needs to know about it without parsing it again.
 * Made with {@link #of(Digest, String, byte[])}; a manifest with a subject adds it with {@link #withSubject(Digest)}
 * and its referrers-list entry with {@link #withReferrer(Descriptor)}. What is not set reads back empty.
 *
 * <pre>{@code
 * ManifestRecord record = ManifestRecord.of(digest, MediaType.OCI_MANIFEST, bytes)
 *         .withSubject(subject).withReferrer(entry);
 * }</pre>
 */
public final class ManifestRecord {
    private final Digest digest;
    private final String mediaType;
    private final byte[] bytes;
    private final Digest subject;
    private final Descriptor referrer;

    private ManifestRecord(Digest digest, String mediaType, byte[] bytes, Digest subject, Descriptor referrer) {
        this.digest = digest;
        this.mediaType = mediaType;
        this.bytes = bytes;
        this.subject = subject;
        this.referrer = referrer;
    }

    /**
     * Copies the bytes.
     *
     * @param digest    digest of the bytes
     * @param mediaType the media type, such as {@code application/vnd.oci.image.manifest.v1+json}
     * @param bytes     the exact bytes
     * @return a record of a manifest without subject
     * @throws InvalidArgumentException if a part is null
     */
    public static ManifestRecord of(Digest digest, String mediaType, byte[] bytes) {
        InvalidArgumentException.requireNonNull(digest, "digest");
        InvalidArgumentException.requireNonNull(mediaType, "mediaType");
        return new ManifestRecord(digest, mediaType, InvalidArgumentException.requireNonNull(bytes, "bytes").clone(),
                null, null);
    }

    /**
     * @param subject the manifest this one refers to
     * @return this record with that subject
     * @throws InvalidArgumentException if {@code subject} is null
     */
    public ManifestRecord withSubject(Digest subject) {
        return new ManifestRecord(digest, mediaType, bytes, InvalidArgumentException.requireNonNull(subject, "subject"),
                referrer);
    }

    /**
     * @param referrer how it appears in its subject's referrers list (artifact type, annotations)
     * @return this record with that entry
     * @throws InvalidArgumentException if {@code referrer} is null
     */
    public ManifestRecord withReferrer(Descriptor referrer) {
        return new ManifestRecord(digest, mediaType, bytes, subject,
                InvalidArgumentException.requireNonNull(referrer, "referrer"));
    }

    /** @return digest of the bytes */
    public Digest digest() {
        return digest;
    }

    /** @return its media type */
    public String mediaType() {
        return mediaType;
    }

    /** @return a copy of the exact bytes */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** @return the size of the bytes */
    public int size() {
        return bytes.length;
    }

    /** @return the manifest it refers to, if any */
    public Optional<Digest> subject() {
        return Optional.ofNullable(subject);
    }

    /** @return how it appears in its subject's referrers list (artifact type, annotations), if it has a subject */
    public Optional<Descriptor> referrer() {
        return Optional.ofNullable(referrer);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ManifestRecord r && r.digest.equals(digest) && r.mediaType.equals(mediaType)
                && Arrays.equals(r.bytes, bytes) && Objects.equals(r.subject, subject)
                && Objects.equals(r.referrer, referrer);
    }

    @Override
    public int hashCode() {
        return digest.hashCode();
    }

    @Override
    public String toString() {
        return mediaType + " " + digest;
    }
}
