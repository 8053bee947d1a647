package dev.berth.server.spi;

import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.InvalidArgumentException;
import java.util.Arrays;
import java.util.Optional;

/**
 * A stored manifest: its exact bytes and what the registry needs to know
 * about it without parsing it again.
 *
 * @param digest    digest of the bytes
 * @param mediaType its media type
 * @param bytes     the exact bytes
 * @param subject   the manifest it refers to, if any
 * @param referrer  how it appears in its subject's referrers list (artifact type, annotations), if it has a subject
 */
public record ManifestRecord(Digest digest, String mediaType, byte[] bytes, Optional<Digest> subject,
                             Optional<Descriptor> referrer) {
    /**
     * Copies the bytes.
     *
     * @param digest digest of the bytes
     * @param mediaType the media type, such as {@code application/vnd.oci.image.manifest.v1+json}
     * @param bytes the exact bytes
     * @param subject the manifest it refers to, if any
     * @param referrer how it appears in its subject's referrers list (artifact type, annotations), if it has a subject
     * @throws InvalidArgumentException if a part is null
     */
    public ManifestRecord {
        InvalidArgumentException.requireNonNull(digest, "digest");
        InvalidArgumentException.requireNonNull(mediaType, "mediaType");
        bytes = InvalidArgumentException.requireNonNull(bytes, "bytes").clone();
        InvalidArgumentException.requireNonNull(subject, "subject");
        InvalidArgumentException.requireNonNull(referrer, "referrer");
    }

    /** @return a copy of the exact bytes */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** @return the size of the bytes */
    public int size() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ManifestRecord r && r.digest.equals(digest) && r.mediaType.equals(mediaType)
                && Arrays.equals(r.bytes, bytes) && r.subject.equals(subject) && r.referrer.equals(referrer);
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
