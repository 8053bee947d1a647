package dev.berth.client;

import dev.berth.model.Digest;
import dev.berth.model.InvalidArgumentException;
import java.util.Objects;
import java.util.Optional;

/**
 * What a registry answered to a manifest push: made with {@link #of(Digest)} and, when the registry returned
 * an {@code OCI-Subject}, {@link #withSubject(Digest)}.
 */
public final class PushedManifest {
    private final Digest digest;
    private final Digest subject;

    private PushedManifest(Digest digest, Digest subject) {
        this.digest = digest;
        this.subject = subject;
    }

    /**
     * @param digest the manifest's digest
     * @return an answer without {@code OCI-Subject}
     * @throws InvalidArgumentException if {@code digest} is null
     */
    public static PushedManifest of(Digest digest) {
        return new PushedManifest(InvalidArgumentException.requireNonNull(digest, "digest"), null);
    }

    /**
     * @param subject the {@code OCI-Subject} the registry returned
     * @return this answer, with that subject
     * @throws InvalidArgumentException if {@code subject} is null
     */
    public PushedManifest withSubject(Digest subject) {
        return new PushedManifest(digest, InvalidArgumentException.requireNonNull(subject, "subject"));
    }

    /** @return the manifest's digest */
    public Digest digest() {
        return digest;
    }

    /**
     * @return the {@code OCI-Subject} the registry returned: present when it indexed the referrer itself; absent
     *         when it did not, in which case the client kept the tag-schema fallback index up to date
     */
    public Optional<Digest> subject() {
        return Optional.ofNullable(subject);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PushedManifest p && digest.equals(p.digest) && Objects.equals(subject, p.subject);
    }

    @Override
    public int hashCode() {
        return Objects.hash(digest, subject);
    }

    @Override
    public String toString() {
        return "PushedManifest[digest=" + digest + ", subject=" + subject + "]";
    }
}
