package dev.berth.events;

import dev.berth.model.Digest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an event is about. Absent text fields are empty strings and absent
 * sizes are 0, as in distribution's own encoding.
 *
 * @param repository     the repository, e.g. {@code team/app}
 * @param tag            the tag, when the request named one
 * @param digest         the content's digest
 * @param mediaType      the content's media type ({@code application/octet-stream} for blobs in distribution)
 * @param size           the content's size in bytes
 * @param length         the same as size (distribution sends both)
 * @param url            where the content can be fetched
 * @param references     digests the content refers to (distribution 3)
 * @param fromRepository the source repository of a mount
 */
public record EventTarget(String repository, String tag, Optional<Digest> digest, String mediaType, long size,
                          long length, String url, List<String> references, String fromRepository) {

    /** Replaces nulls with empty values and copies the list. */
    public EventTarget {
        repository = Objects.requireNonNullElse(repository, "");
        tag = Objects.requireNonNullElse(tag, "");
        digest = Objects.requireNonNullElse(digest, Optional.empty());
        mediaType = Objects.requireNonNullElse(mediaType, "");
        url = Objects.requireNonNullElse(url, "");
        references = references == null ? List.of() : List.copyOf(references);
        fromRepository = Objects.requireNonNullElse(fromRepository, "");
    }

    /** @return a target naming only a repository, tag and digest */
    public static EventTarget of(String repository, String tag, Digest digest) {
        return new EventTarget(repository, tag, Optional.ofNullable(digest), "", 0, 0, "", List.of(), "");
    }
}
