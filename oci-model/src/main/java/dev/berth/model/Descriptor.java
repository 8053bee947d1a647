package dev.berth.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A content descriptor: what a piece of content is (media type), how to find
 * and verify it (digest, size), and optional facts about it (URLs,
 * annotations, platform, artifact type, embedded data). Immutable.
 *
 * <pre>{@code
 * Descriptor layer = Descriptor.forContent(MediaType.OCI_LAYER_TAR_GZIP, bytes);
 * Descriptor entry = Descriptor.of(MediaType.OCI_MANIFEST, digest, size)
 *         .toBuilder().platform(Platform.parse("linux/amd64")).build();
 * }</pre>
 */
public final class Descriptor {
    private final String mediaType;
    private final Digest digest;
    private final long size;
    private final List<String> urls;
    private final Map<String, String> annotations;
    private final Platform platform;
    private final String artifactType;
    private final byte[] data;
    private final Extensions extensions;

    private Descriptor(Builder b) {
        this.mediaType = requireText(b.mediaType, "mediaType");
        this.digest = Objects.requireNonNull(b.digest, "digest");
        if (b.size < 0) {
            throw new IllegalArgumentException("descriptor size must not be negative: " + b.size);
        }
        this.size = b.size;
        this.urls = List.copyOf(b.urls);
        this.annotations = Collections.unmodifiableMap(new TreeMap<>(b.annotations));
        this.platform = b.platform;
        this.artifactType = b.artifactType;
        this.data = b.data == null ? null : b.data.clone();
        this.extensions = b.extensions;
        if (data != null) {
            if (data.length != size) {
                throw new SizeMismatchException(size, data.length);
            }
            if (digest.isVerifiable()) {
                digest.verify(data);
            }
        }
    }

    private static String requireText(String value, String field) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("descriptor " + field + " must not be empty");
        }
        return value;
    }

    /**
     * @param size the content's size in bytes; not negative
     * @param digest the content's digest
     * @param mediaType the content's media type
     * @return a descriptor of the given media type, digest and size
     */
    public static Descriptor of(String mediaType, Digest digest, long size) {
        return builder().mediaType(mediaType).digest(digest).size(size).build();
    }

    /**
     * @param content the exact bytes described
     * @param mediaType the content's media type
     * @return a descriptor of {@code content}, with its sha256 digest and size
     */
    public static Descriptor forContent(String mediaType, byte[] content) {
        return of(mediaType, Digest.sha256(content), content.length);
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this descriptor's values, extensions included */
    public Builder toBuilder() {
        Builder b = new Builder().mediaType(mediaType).digest(digest).size(size).urls(urls).annotations(annotations)
                .platform(platform).artifactType(artifactType).data(data);
        b.extensions = extensions;
        return b;
    }

    /** @return the media type of the referenced content */
    public String mediaType() {
        return mediaType;
    }

    /** @return the digest of the referenced content */
    public Digest digest() {
        return digest;
    }

    /** @return the size in bytes of the referenced content */
    public long size() {
        return size;
    }

    /** @return alternative download URLs (foreign layers), possibly empty */
    public List<String> urls() {
        return urls;
    }

    /** @return annotations, sorted by key, possibly empty */
    public Map<String, String> annotations() {
        return annotations;
    }

    /** @return the platform, for entries of an index */
    public Optional<Platform> platform() {
        return Optional.ofNullable(platform);
    }

    /** @return the artifact type, for referrers and artifact manifests */
    public Optional<String> artifactType() {
        return Optional.ofNullable(artifactType);
    }

    /** @return a copy of the embedded content, if the descriptor carries it */
    public Optional<byte[]> data() {
        return data == null ? Optional.empty() : Optional.of(data.clone());
    }

    /** @return fields the specification does not define, kept for round trips */
    public Extensions extensions() {
        return extensions;
    }

    /**
     * @param newPlatform the platform of the copy, or null for none
     * @return a copy with this platform
     */
    public Descriptor withPlatform(Platform newPlatform) {
        return toBuilder().platform(newPlatform).build();
    }

    /**
     * @param newAnnotations the annotations of the copy; empty for none
     * @return a copy with these annotations instead of the current ones
     */
    public Descriptor withAnnotations(Map<String, String> newAnnotations) {
        return toBuilder().annotations(newAnnotations).build();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Descriptor)) {
            return false;
        }
        Descriptor d = (Descriptor) o;
        return size == d.size && mediaType.equals(d.mediaType) && digest.equals(d.digest) && urls.equals(d.urls)
                && annotations.equals(d.annotations) && Objects.equals(platform, d.platform)
                && Objects.equals(artifactType, d.artifactType) && Arrays.equals(data, d.data)
                && extensions.equals(d.extensions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mediaType, digest, size, urls, annotations, platform, artifactType);
    }

    @Override
    public String toString() {
        return mediaType + " " + digest + " (" + size + " bytes)" + (platform == null ? "" : " " + platform);
    }

    /** Builds a {@link Descriptor}; {@code mediaType}, {@code digest} and {@code size} are required. */
    public static final class Builder {
        private String mediaType;
        private Digest digest;
        private long size = -1;
        private List<String> urls = new ArrayList<>();
        private Map<String, String> annotations = new LinkedHashMap<>();
        private Platform platform;
        private String artifactType;
        private byte[] data;
        private Extensions extensions = Extensions.none();

        private Builder() {
        }

        /**
         * @param value the content's media type
         * @return this builder, with the media type set
         */
        public Builder mediaType(String value) {
            this.mediaType = value;
            return this;
        }

        /**
         * @param value the content's digest
         * @return this builder, with the digest set
         */
        public Builder digest(Digest value) {
            this.digest = value;
            return this;
        }

        /**
         * @param value the content's size in bytes; not negative
         * @return this builder, with the size set
         */
        public Builder size(long value) {
            this.size = value;
            return this;
        }

        /**
         * @param value URLs the content may also be fetched from
         * @return this builder, with these URLs instead of the current ones
         */
        public Builder urls(List<String> value) {
            this.urls = new ArrayList<>(value);
            return this;
        }

        /**
         * @param value the annotations, by key
         * @return this builder, with these annotations instead of the current ones
         */
        public Builder annotations(Map<String, String> value) {
            this.annotations = new LinkedHashMap<>(value);
            return this;
        }

        /**
         * @param value the annotation's value
         * @param key the annotation's key, such as {@code org.opencontainers.image.title}
         * @return this builder, with one annotation added or replaced
         */
        public Builder annotation(String key, String value) {
            this.annotations.put(key, value);
            return this;
        }

        /**
         * @param value the platform a manifest is for, or null
         * @return this builder, with the platform set (null for none)
         */
        public Builder platform(Platform value) {
            this.platform = value;
            return this;
        }

        /**
         * @param value the artifact type of the manifest described, or null
         * @return this builder, with the artifact type set (null for none)
         */
        public Builder artifactType(String value) {
            this.artifactType = value;
            return this;
        }

        /**
         * @param value the content itself, embedded in the descriptor, or null
         * @return this builder, with embedded data set (null for none); it must match digest and size
         */
        public Builder data(byte[] value) {
            this.data = value == null ? null : value.clone();
            return this;
        }

        /**
         * @param value fields the specification does not define, kept for round trips
         * @return this builder, with extension fields set
         */
        public Builder extensions(Extensions value) {
            this.extensions = Objects.requireNonNull(value, "extensions");
            return this;
        }

        /**
         * @return the descriptor
         * @throws IllegalArgumentException if a required value is missing or negative
         * @throws ContentVerificationException if embedded data does not match digest and size
         */
        public Descriptor build() {
            return new Descriptor(this);
        }
    }
}
