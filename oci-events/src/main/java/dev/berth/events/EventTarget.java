package dev.berth.events;

import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.Extensions;
import dev.berth.model.InvalidArgumentException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What an event is about: a repository, and whatever else the registry said about the content. Everything
 * but the repository may be missing, and every missing part reads back the same way: as an empty
 * {@link Optional} or {@link OptionalLong} (the references and the extensions as empty).
 *
 * <p>Built with {@link #builder(String)} from values in distribution's own encoding, which leaves out a
 * field whose value is empty or zero: so an empty text or a size of 0 given to the builder leaves that part
 * absent, exactly as it would read back from the JSON.
 *
 * <pre>{@code
 * EventTarget target = EventTarget.builder("team/app").tag("1.0").digest(manifest.digest())
 *         .mediaType(manifest.mediaType()).size(manifest.size()).build();
 * String shown = target.repository() + target.tag().map(t -> ":" + t).orElse("");
 * }</pre>
 */
public final class EventTarget {
    private final String repository;
    private final String tag;
    private final Digest digest;
    private final String mediaType;
    private final long size;
    private final long length;
    private final String url;
    private final List<Descriptor> references;
    private final String fromRepository;
    private final Extensions extensions;

    private EventTarget(Builder b) {
        this.repository = b.repository;
        this.tag = b.tag;
        this.digest = b.digest;
        this.mediaType = b.mediaType;
        this.size = b.size;
        this.length = b.length;
        this.url = b.url;
        this.references = b.references;
        this.fromRepository = b.fromRepository;
        this.extensions = b.extensions;
    }

    /**
     * @param repository the repository's name within the registry, such as {@code library/alpine}
     * @return a builder of a target naming only that repository
     * @throws InvalidArgumentException if {@code repository} is null
     */
    public static Builder builder(String repository) {
        return new Builder(InvalidArgumentException.requireNonNull(repository, "repository"));
    }

    /** @return a builder holding this target's values, to change some of them */
    public Builder toBuilder() {
        Builder b = new Builder(repository);
        b.tag = tag;
        b.digest = digest;
        b.mediaType = mediaType;
        b.size = size;
        b.length = length;
        b.url = url;
        b.references = references;
        b.fromRepository = fromRepository;
        b.extensions = extensions;
        return b;
    }

    /** @return the repository, such as {@code team/app}; an event always names one */
    public String repository() {
        return repository;
    }

    /** @return the tag, when the request named one */
    public Optional<String> tag() {
        return Optional.ofNullable(tag);
    }

    /** @return the content's digest, when the event names it */
    public Optional<Digest> digest() {
        return Optional.ofNullable(digest);
    }

    /** @return the content's media type ({@code application/octet-stream} for blobs in distribution), when given */
    public Optional<String> mediaType() {
        return Optional.ofNullable(mediaType);
    }

    /** @return the content's size in bytes, when given */
    public OptionalLong size() {
        return size > 0 ? OptionalLong.of(size) : OptionalLong.empty();
    }

    /** @return the same as {@link #size()}, when given (distribution sends both) */
    public OptionalLong length() {
        return length > 0 ? OptionalLong.of(length) : OptionalLong.empty();
    }

    /** @return where the content can be fetched, when given */
    public Optional<String> url() {
        return Optional.ofNullable(url);
    }

    /**
     * @return the descriptors a manifest refers to (its config and layers, or an index's manifests), as
     *         distribution sends them with {@code notifications.events.includereferences: true}; empty otherwise
     */
    public List<Descriptor> references() {
        return references;
    }

    /** @return the source repository, for a mount */
    public Optional<String> fromRepository() {
        return Optional.ofNullable(fromRepository);
    }

    /** @return fields of the target object that Berth does not read, kept so that a stored or forwarded event loses nothing */
    public Extensions extensions() {
        return extensions;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EventTarget t && repository.equals(t.repository) && Objects.equals(tag, t.tag)
                && Objects.equals(digest, t.digest) && Objects.equals(mediaType, t.mediaType) && size == t.size
                && length == t.length && Objects.equals(url, t.url) && references.equals(t.references)
                && Objects.equals(fromRepository, t.fromRepository) && extensions.equals(t.extensions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(repository, tag, digest, mediaType, size, length, url, references, fromRepository, extensions);
    }

    @Override
    public String toString() {
        return "EventTarget[repository=" + repository + ", tag=" + tag + ", digest=" + digest + ", mediaType=" + mediaType
                + ", size=" + size + ", length=" + length + ", url=" + url + ", references=" + references
                + ", fromRepository=" + fromRepository + ", extensions=" + extensions + "]";
    }

    /**
     * Sets what the registry said about the content; whatever is not set, or set to an empty text or a size of
     * 0 (distribution's encoding of "none"), is absent.
     */
    public static final class Builder {
        private final String repository;
        private String tag;
        private Digest digest;
        private String mediaType;
        private long size;
        private long length;
        private String url;
        private List<Descriptor> references = List.of();
        private String fromRepository;
        private Extensions extensions = Extensions.none();

        private Builder(String repository) {
            this.repository = repository;
        }

        /**
         * @param tag the tag, such as {@code latest}; empty for none
         * @return this builder
         * @throws InvalidArgumentException if {@code tag} is null
         */
        public Builder tag(String tag) {
            this.tag = emptyIsAbsent(tag, "tag");
            return this;
        }

        /**
         * @param digest the content's digest
         * @return this builder
         * @throws InvalidArgumentException if {@code digest} is null
         */
        public Builder digest(Digest digest) {
            this.digest = InvalidArgumentException.requireNonNull(digest, "digest");
            return this;
        }

        /**
         * @param mediaType the media type, such as {@code application/vnd.oci.image.manifest.v1+json}; empty for none
         * @return this builder
         * @throws InvalidArgumentException if {@code mediaType} is null
         */
        public Builder mediaType(String mediaType) {
            this.mediaType = emptyIsAbsent(mediaType, "mediaType");
            return this;
        }

        /**
         * @param size the content's size in bytes; 0 for none
         * @return this builder
         * @throws InvalidArgumentException if {@code size} is negative
         */
        public Builder size(long size) {
            this.size = InvalidArgumentException.requireNonNegative(size, "size");
            return this;
        }

        /**
         * @param length the same as the size (distribution sends both); 0 for none
         * @return this builder
         * @throws InvalidArgumentException if {@code length} is negative
         */
        public Builder length(long length) {
            this.length = InvalidArgumentException.requireNonNegative(length, "length");
            return this;
        }

        /**
         * @param url where the content can be fetched; empty for none
         * @return this builder
         * @throws InvalidArgumentException if {@code url} is null
         */
        public Builder url(String url) {
            this.url = emptyIsAbsent(url, "url");
            return this;
        }

        /**
         * @param references the descriptors a manifest refers to (its config and layers, or an index's manifests); copied
         * @return this builder
         * @throws InvalidArgumentException if {@code references} is null or holds a null
         */
        public Builder references(List<Descriptor> references) {
            InvalidArgumentException.requireNonNull(references, "references");
            if (references.stream().anyMatch(Objects::isNull)) {
                throw new InvalidArgumentException("references", "must not hold null");
            }
            this.references = List.copyOf(references);
            return this;
        }

        /**
         * @param fromRepository the source repository of a mount; empty for none
         * @return this builder
         * @throws InvalidArgumentException if {@code fromRepository} is null
         */
        public Builder fromRepository(String fromRepository) {
            this.fromRepository = emptyIsAbsent(fromRepository, "fromRepository");
            return this;
        }

        /**
         * @param extensions fields of the target object that Berth does not read, written back with it
         * @return this builder
         * @throws InvalidArgumentException if {@code extensions} is null
         */
        public Builder extensions(Extensions extensions) {
            this.extensions = InvalidArgumentException.requireNonNull(extensions, "extensions");
            return this;
        }

        /** @return the target */
        public EventTarget build() {
            return new EventTarget(this);
        }

        private static String emptyIsAbsent(String value, String name) {
            return InvalidArgumentException.requireNonNull(value, name).isEmpty() ? null : value;
        }
    }
}
