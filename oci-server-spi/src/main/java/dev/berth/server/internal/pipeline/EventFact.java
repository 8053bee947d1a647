package dev.berth.server.internal.pipeline;

import dev.berth.model.Digest;
import dev.berth.model.MediaType;
import java.util.Objects;

/**
 * Something the registry did that a notification reports, as the registry
 * knows it; {@link Events} adds who asked and how, and sends it.
 *
 * @param action     {@code push}, {@code pull}, {@code mount} or {@code delete}
 * @param kind       what was acted on, which decides the target's URL
 * @param repository the repository
 * @param tag        the tag, or empty
 * @param digest     the digest, or null for a delete by tag
 * @param mediaType  the target's media type, or empty for a delete
 * @param size       the target's size, 0 for a delete
 * @param from       the repository a mount linked the blob from, or empty
 */
public record EventFact(String action, Kind kind, String repository, String tag, Digest digest, String mediaType, long size,
                        String from) {
    /** What an event's target is: its URL names {@code blobs} or {@code manifests}; a delete's has none. */
    public enum Kind { BLOB, MANIFEST, DELETED }

    /** Checks the parts that are never absent. */
    public EventFact {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(from, "from");
    }

    /** @return a blob pushed, pulled or mounted ({@code from} null unless mounted) */
    public static EventFact blob(String action, String repository, Digest digest, long size, String from) {
        return new EventFact(action, Kind.BLOB, repository, "", digest, MediaType.OCTET_STREAM, size, from == null ? "" : from);
    }

    /** @return a manifest pushed or pulled, with its tag or empty */
    public static EventFact manifest(String action, String repository, String tag, Digest digest, String mediaType, long size) {
        return new EventFact(action, Kind.MANIFEST, repository, tag, digest, mediaType, size, "");
    }

    /** @return a delete: by digest names the digest (tag empty), by tag the tag (digest null) */
    public static EventFact deleted(String repository, Digest digest, String tag) {
        return new EventFact("delete", Kind.DELETED, repository, tag, digest, "", 0, "");
    }
}
