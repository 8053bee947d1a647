package dev.berth.client.tags;

import dev.berth.model.Digest;
import dev.berth.model.InvalidArgumentException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One tag, with what was fetched about it: nothing but its name, or its manifest's digest and media type, and
 * when the image was built if it says. Made from plain values by the factory for what is known; read back as
 * {@link Optional}s.
 */
public final class TagInfo {
    private final String name;
    private final Digest digest;
    private final String mediaType;
    private final Instant created;
    private final Long size;

    private TagInfo(String name, Digest digest, String mediaType, Instant created) {
        this(name, digest, mediaType, created, null);
    }

    private TagInfo(String name, Digest digest, String mediaType, Instant created, Long size) {
        this.name = InvalidArgumentException.requireNonBlank(name, "name");
        this.digest = digest;
        this.mediaType = mediaType;
        this.created = created;
        this.size = size;
    }

    /**
     * @param bytes the image's size: its manifest, configuration and layers; zero or more
     * @return this tag's details with that size
     * @throws InvalidArgumentException if {@code bytes} is negative or the tag has no digest
     */
    public TagInfo withSize(long bytes) {
        if (bytes < 0) {
            throw new InvalidArgumentException("bytes", "a size is zero or more, not " + bytes);
        }
        if (digest == null) {
            throw new InvalidArgumentException("bytes", "only a tag with details has a size");
        }
        return new TagInfo(name, digest, mediaType, created, bytes);
    }

    /**
     * @param tag another tag name
     * @return these details under another tag name (two tags of one digest have the same details)
     */
    public TagInfo named(String tag) {
        return new TagInfo(tag, digest, mediaType, created, size);
    }

    /**
     * @return the image's size in bytes (manifest, configuration and layers), if known: an index's children
     *         are not fetched to add theirs up, so an index has none
     */
    public Optional<Long> size() {
        return Optional.ofNullable(size);
    }

    /**
     * @param name the tag
     * @return a tag without details
     */
    public static TagInfo of(String name) {
        return new TagInfo(name, null, null, null);
    }

    /**
     * @param name      the tag
     * @param digest    the manifest it points to
     * @param mediaType the manifest's media type
     * @return a tag with its manifest, of an image that does not say when it was built
     */
    public static TagInfo of(String name, Digest digest, String mediaType) {
        return new TagInfo(name, InvalidArgumentException.requireNonNull(digest, "digest"),
                InvalidArgumentException.requireNonNull(mediaType, "mediaType"), null);
    }

    /**
     * @param name      the tag
     * @param digest    the manifest it points to
     * @param mediaType the manifest's media type
     * @param created   when the image was built
     * @return a tag with its manifest and build time
     */
    public static TagInfo of(String name, Digest digest, String mediaType, Instant created) {
        return new TagInfo(name, InvalidArgumentException.requireNonNull(digest, "digest"),
                InvalidArgumentException.requireNonNull(mediaType, "mediaType"),
                InvalidArgumentException.requireNonNull(created, "created"));
    }

    /** @return the tag */
    public String name() {
        return name;
    }

    /** @return the manifest it points to, when details were fetched */
    public Optional<Digest> digest() {
        return Optional.ofNullable(digest);
    }

    /** @return the manifest's media type, when details were fetched */
    public Optional<String> mediaType() {
        return Optional.ofNullable(mediaType);
    }

    /** @return when the image was built, when details were fetched and it says */
    public Optional<Instant> created() {
        return Optional.ofNullable(created);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TagInfo t && name.equals(t.name) && Objects.equals(digest, t.digest)
                && Objects.equals(mediaType, t.mediaType) && Objects.equals(created, t.created) && Objects.equals(size, t.size);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, digest, mediaType, created, size);
    }

    @Override
    public String toString() {
        return "TagInfo[name=" + name + ", digest=" + digest + ", mediaType=" + mediaType + ", created=" + created + ", size=" + size + "]";
    }
}
