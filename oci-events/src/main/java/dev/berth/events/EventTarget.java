package dev.berth.events;

import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.Extensions;
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
 * @param references     the descriptors a manifest refers to (its config and layers, or an index's manifests), as
 *                       distribution sends them with {@code notifications.events.includereferences: true}; empty
 *                       otherwise
 * @param fromRepository the source repository of a mount
 * @param extensions     fields of the target object that Berth does not read, kept so that a stored or
 *                       forwarded event loses nothing
 */
public record EventTarget(String repository, String tag, Optional<Digest> digest, String mediaType, long size,
                          long length, String url, List<Descriptor> references, String fromRepository,
                          Extensions extensions) {

    /**
     * Replaces nulls with empty values and copies the list.
     *
     * @param repository the repository's name within the registry, such as {@code library/alpine}
     * @param tag the tag, such as {@code latest}
     * @param digest the content's digest
     * @param mediaType the media type, such as {@code application/vnd.oci.image.manifest.v1+json}
     * @param size the content's size in bytes
     * @param length the same as size (distribution sends both)
     * @param url where the content can be fetched
     * @param references the descriptors a manifest refers to (its config and layers, or an index's manifests), as distribution sends them with {@code notifications.events.includereferences: true}; empty otherwise
     * @param fromRepository the source repository of a mount
     * @param extensions fields of the target object that Berth does not read, kept so that a stored or forwarded event loses nothing
     */
    public EventTarget {
        repository = Objects.requireNonNullElse(repository, "");
        tag = Objects.requireNonNullElse(tag, "");
        digest = Objects.requireNonNullElse(digest, Optional.empty());
        mediaType = Objects.requireNonNullElse(mediaType, "");
        url = Objects.requireNonNullElse(url, "");
        references = references == null ? List.of() : List.copyOf(references);
        fromRepository = Objects.requireNonNullElse(fromRepository, "");
        extensions = Objects.requireNonNullElse(extensions, Extensions.none());
    }

    /**
     * A target without extension fields.
     *
     * @param repository the repository's name within the registry, such as {@code library/alpine}
     * @param tag the tag, such as {@code latest}
     * @param digest the content's digest
     * @param mediaType the media type, such as {@code application/vnd.oci.image.manifest.v1+json}
     * @param size the content's size in bytes
     * @param length the same as size (distribution sends both)
     * @param url where the content can be fetched
     * @param references the descriptors a manifest refers to (its config and layers, or an index's manifests), as distribution sends them with {@code notifications.events.includereferences: true}; empty otherwise
     * @param fromRepository the source repository of a mount
     */
    public EventTarget(String repository, String tag, Optional<Digest> digest, String mediaType, long size,
                       long length, String url, List<Descriptor> references, String fromRepository) {
        this(repository, tag, digest, mediaType, size, length, url, references, fromRepository, Extensions.none());
    }

    /**
     * @param digest the content's digest, or null if the event names none
     * @param tag the tag, or null if the event names none
     * @param repository the repository's name within the registry, such as {@code library/alpine}
     * @return a target naming only a repository, tag and digest
     */
    public static EventTarget of(String repository, String tag, Digest digest) {
        return new EventTarget(repository, tag, Optional.ofNullable(digest), "", 0, 0, "", List.of(), "");
    }
}
