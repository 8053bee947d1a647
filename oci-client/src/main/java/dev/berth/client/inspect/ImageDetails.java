package dev.berth.client.inspect;

import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.InvalidArgumentException;
import dev.berth.model.Platform;
import dev.berth.model.artifact.ArtifactKind;
import dev.berth.model.artifact.CosignTags;
import dev.berth.model.artifact.HelmChart;
import dev.berth.model.config.Annotations;
import dev.berth.model.config.ImageMetadata;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a registry browser's detail view shows of one manifest: identity, size,
 * layers or platforms, configuration, metadata, what kind of artifact it is, and
 * what refers to it. {@link ImageInspector} gathers it; {@link #builder} makes one
 * from plain values (for a view's tests, say). What a manifest does not have reads
 * back as an empty {@link Optional}, or an empty list or map.
 */
public final class ImageDetails {
    private final String repository;
    private final String reference;
    private final Descriptor descriptor;
    private final int schemaVersion;
    private final ArtifactKind kind;
    private final String artifactType;
    private final long totalSize;
    private final List<Layer> layers;
    private final List<PlatformEntry> platforms;
    private final Instant created;
    private final String author;
    private final ContainerDetails config;
    private final Map<String, String> annotations;
    private final ImageMetadata metadata;
    private final HelmChart helmChart;
    private final Digest subject;
    private final List<Referrer> referrers;

    private ImageDetails(Builder b) {
        this.repository = b.repository;
        this.reference = b.reference;
        this.descriptor = b.descriptor;
        this.schemaVersion = b.schemaVersion;
        this.kind = b.kind;
        this.artifactType = b.artifactType;
        this.totalSize = b.totalSize;
        this.layers = b.layers;
        this.platforms = b.platforms;
        this.created = b.created;
        this.author = b.author;
        this.config = b.config;
        this.annotations = b.annotations;
        this.metadata = b.metadata;
        this.helmChart = b.helmChart;
        this.subject = b.subject;
        this.referrers = b.referrers;
    }

    /**
     * @param repository the repository's name within the registry, such as {@code library/alpine}
     * @param reference  the tag or digest it was asked by
     * @param descriptor media type, digest and size of the manifest
     * @param kind       image, index, Helm chart, SBOM, signature, attestation or other artifact
     * @return a builder of details with nothing else known: schema version 2, the manifest's own size as the
     *         total, no layers, platforms, annotations, metadata or referrers
     * @throws InvalidArgumentException if an argument is null or {@code repository} or {@code reference} blank
     */
    public static Builder builder(String repository, String reference, Descriptor descriptor, ArtifactKind kind) {
        return new Builder(InvalidArgumentException.requireNonBlank(repository, "repository"),
                InvalidArgumentException.requireNonBlank(reference, "reference"),
                InvalidArgumentException.requireNonNull(descriptor, "descriptor"),
                InvalidArgumentException.requireNonNull(kind, "kind"));
    }

    /** @return the repository */
    public String repository() {
        return repository;
    }

    /** @return the tag or digest it was asked by */
    public String reference() {
        return reference;
    }

    /** @return media type, digest and size of the manifest */
    public Descriptor descriptor() {
        return descriptor;
    }

    /** @return the manifest's digest */
    public Digest digest() {
        return descriptor.digest();
    }

    /** @return the manifest's media type */
    public String mediaType() {
        return descriptor.mediaType();
    }

    /** @return the manifest's schema version (2) */
    public int schemaVersion() {
        return schemaVersion;
    }

    /** @return image, index, Helm chart, SBOM, signature, attestation or other artifact */
    public ArtifactKind kind() {
        return kind;
    }

    /** @return the declared artifact type, else the configuration's media type (images and artifacts) */
    public Optional<String> artifactType() {
        return Optional.ofNullable(artifactType);
    }

    /**
     * @return bytes of the manifest and every distinct manifest and blob it references (for an index: over all
     *         its platforms, shared blobs counted once)
     */
    public long totalSize() {
        return totalSize;
    }

    /** @return the layers, base first (empty for an index) */
    public List<Layer> layers() {
        return layers;
    }

    /** @return the entries of an index, each with its own digest and size (empty for an image) */
    public List<PlatformEntry> platforms() {
        return platforms;
    }

    /** @return when it was built: the configuration's time, else the created annotation, if either says */
    public Optional<Instant> created() {
        return Optional.ofNullable(created);
    }

    /** @return the configuration's author, if it names one */
    public Optional<String> author() {
        return Optional.ofNullable(author);
    }

    /** @return how a container of it runs, for images (secret-looking values masked) */
    public Optional<ContainerDetails> config() {
        return Optional.ofNullable(config);
    }

    /** @return the manifest's annotations */
    public Map<String, String> annotations() {
        return annotations;
    }

    /** @return the well-known facts from annotations and labels (title, version, source, ...) */
    public ImageMetadata metadata() {
        return metadata;
    }

    /** @return the chart's metadata, for a Helm chart */
    public Optional<HelmChart> helmChart() {
        return Optional.ofNullable(helmChart);
    }

    /** @return the manifest this one refers to, for a signature, SBOM or attestation */
    public Optional<Digest> subject() {
        return Optional.ofNullable(subject);
    }

    /** @return the artifacts that refer to this manifest */
    public List<Referrer> referrers() {
        return referrers;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageDetails d && repository.equals(d.repository) && reference.equals(d.reference)
                && descriptor.equals(d.descriptor) && schemaVersion == d.schemaVersion && kind == d.kind
                && Objects.equals(artifactType, d.artifactType) && totalSize == d.totalSize && layers.equals(d.layers)
                && platforms.equals(d.platforms) && Objects.equals(created, d.created) && Objects.equals(author, d.author)
                && Objects.equals(config, d.config) && annotations.equals(d.annotations) && metadata.asMap().equals(d.metadata.asMap())
                && Objects.equals(helmChart, d.helmChart) && Objects.equals(subject, d.subject)
                && referrers.equals(d.referrers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(repository, reference, descriptor, schemaVersion, kind, artifactType, totalSize, layers,
                platforms, created, author, config, annotations, metadata.asMap(), helmChart, subject, referrers);
    }

    @Override
    public String toString() {
        return "ImageDetails[repository=" + repository + ", reference=" + reference + ", descriptor=" + descriptor
                + ", schemaVersion=" + schemaVersion + ", kind=" + kind + ", artifactType=" + artifactType
                + ", totalSize=" + totalSize + ", layers=" + layers + ", platforms=" + platforms + ", created=" + created
                + ", author=" + author + ", config=" + config + ", annotations=" + annotations + ", metadata=" + metadata.asMap()
                + ", helmChart=" + helmChart + ", subject=" + subject + ", referrers=" + referrers + "]";
    }

    /** Sets what is known of the manifest; whatever is not set is absent (or empty). */
    public static final class Builder {
        private final String repository;
        private final String reference;
        private final Descriptor descriptor;
        private final ArtifactKind kind;
        private int schemaVersion = 2;
        private String artifactType;
        private long totalSize;
        private List<Layer> layers = List.of();
        private List<PlatformEntry> platforms = List.of();
        private Instant created;
        private String author;
        private ContainerDetails config;
        private Map<String, String> annotations = Map.of();
        private ImageMetadata metadata = ImageMetadata.of(Map.of(), Map.of());
        private HelmChart helmChart;
        private Digest subject;
        private List<Referrer> referrers = List.of();

        private Builder(String repository, String reference, Descriptor descriptor, ArtifactKind kind) {
            this.repository = repository;
            this.reference = reference;
            this.descriptor = descriptor;
            this.kind = kind;
            this.totalSize = descriptor.size();
        }

        /**
         * @param value the manifest's schema version
         * @return this builder
         */
        public Builder schemaVersion(int value) {
            this.schemaVersion = value;
            return this;
        }

        /**
         * @param value the declared artifact type, else the configuration's media type
         * @return this builder
         * @throws InvalidArgumentException if {@code value} is null or blank
         */
        public Builder artifactType(String value) {
            this.artifactType = InvalidArgumentException.requireNonBlank(value, "artifactType");
            return this;
        }

        /**
         * @param value bytes of the manifest and every distinct manifest and blob it references
         * @return this builder
         * @throws InvalidArgumentException if {@code value} is negative
         */
        public Builder totalSize(long value) {
            this.totalSize = InvalidArgumentException.requireNonNegative(value, "totalSize");
            return this;
        }

        /**
         * @param value the layers, base first; copied
         * @return this builder
         * @throws InvalidArgumentException if {@code value} is null or holds a null
         */
        public Builder layers(List<Layer> value) {
            this.layers = copy(value, "layers");
            return this;
        }

        /**
         * @param value the entries of an index; copied
         * @return this builder
         * @throws InvalidArgumentException if {@code value} is null or holds a null
         */
        public Builder platforms(List<PlatformEntry> value) {
            this.platforms = copy(value, "platforms");
            return this;
        }

        /**
         * @param value when it was built
         * @return this builder
         * @throws InvalidArgumentException if {@code value} is null
         */
        public Builder created(Instant value) {
            this.created = InvalidArgumentException.requireNonNull(value, "created");
            return this;
        }

        /**
         * @param value the configuration's author
         * @return this builder
         * @throws InvalidArgumentException if {@code value} is null
         */
        public Builder author(String value) {
            this.author = InvalidArgumentException.requireNonNull(value, "author");
            return this;
        }

        /**
         * @param value how a container of it runs
         * @return this builder
         * @throws InvalidArgumentException if {@code value} is null
         */
        public Builder config(ContainerDetails value) {
            this.config = InvalidArgumentException.requireNonNull(value, "config");
            return this;
        }

        /**
         * @param value the manifest's annotations; copied
         * @return this builder
         * @throws InvalidArgumentException if {@code value} is null
         */
        public Builder annotations(Map<String, String> value) {
            this.annotations = Map.copyOf(InvalidArgumentException.requireNonNull(value, "annotations"));
            return this;
        }

        /**
         * @param value the well-known facts from annotations and labels
         * @return this builder
         * @throws InvalidArgumentException if {@code value} is null
         */
        public Builder metadata(ImageMetadata value) {
            this.metadata = InvalidArgumentException.requireNonNull(value, "metadata");
            return this;
        }

        /**
         * @param value the chart's metadata, for a Helm chart
         * @return this builder
         * @throws InvalidArgumentException if {@code value} is null
         */
        public Builder helmChart(HelmChart value) {
            this.helmChart = InvalidArgumentException.requireNonNull(value, "helmChart");
            return this;
        }

        /**
         * @param value the manifest this one refers to
         * @return this builder
         * @throws InvalidArgumentException if {@code value} is null
         */
        public Builder subject(Digest value) {
            this.subject = InvalidArgumentException.requireNonNull(value, "subject");
            return this;
        }

        /**
         * @param value the artifacts that refer to this manifest; copied
         * @return this builder
         * @throws InvalidArgumentException if {@code value} is null or holds a null
         */
        public Builder referrers(List<Referrer> value) {
            this.referrers = copy(value, "referrers");
            return this;
        }

        /** @return the details */
        public ImageDetails build() {
            return new ImageDetails(this);
        }

        private static <T> List<T> copy(List<T> value, String name) {
            if (InvalidArgumentException.requireNonNull(value, name).stream().anyMatch(Objects::isNull)) {
                throw new InvalidArgumentException(name, "must not hold null");
            }
            return List.copyOf(value);
        }
    }

    /**
     * One layer: its digest, size and media type, and the file name an artifact pushed as files gives it.
     *
     * <pre>{@code
     * ImageDetails.Layer layer = ImageDetails.Layer.of(image.layers().get(0));
     * }</pre>
     */
    public static final class Layer {
        private final Descriptor descriptor;

        private Layer(Descriptor descriptor) {
            this.descriptor = descriptor;
        }

        /**
         * @param layer a layer's descriptor, as the manifest lists it
         * @return the layer, titled by its {@code org.opencontainers.image.title} annotation if it has one
         * @throws InvalidArgumentException if {@code layer} is null
         */
        public static Layer of(Descriptor layer) {
            return new Layer(InvalidArgumentException.requireNonNull(layer, "layer"));
        }

        /** @return its digest */
        public Digest digest() {
            return descriptor.digest();
        }

        /** @return its size in bytes (compressed, as stored) */
        public long size() {
            return descriptor.size();
        }

        /** @return its media type */
        public String mediaType() {
            return descriptor.mediaType();
        }

        /** @return its file name, for artifacts pushed as files ({@code org.opencontainers.image.title}) */
        public Optional<String> title() {
            return Optional.ofNullable(descriptor.annotations().get(Annotations.TITLE));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Layer l && digest().equals(l.digest()) && size() == l.size()
                    && mediaType().equals(l.mediaType()) && title().equals(l.title());
        }

        @Override
        public int hashCode() {
            return Objects.hash(digest(), size(), mediaType(), title());
        }

        @Override
        public String toString() {
            return "Layer[digest=" + digest() + ", size=" + size() + ", mediaType=" + mediaType() + ", title="
                    + title().orElse(null) + "]";
        }
    }

    /** One entry of an index: the platform it declares, its manifest, that manifest's whole size and its kind. */
    public static final class PlatformEntry {
        private final Descriptor entry;
        private final long size;
        private final ArtifactKind kind;

        private PlatformEntry(Descriptor entry, long size, ArtifactKind kind) {
            this.entry = entry;
            this.size = size;
            this.kind = kind;
        }

        /**
         * @param entry the entry's descriptor, as the index lists it
         * @param size  bytes of its manifest, configuration and layers
         * @param kind  an image, or e.g. an attestation BuildKit stored in the index
         * @return the entry
         * @throws InvalidArgumentException if {@code entry} or {@code kind} is null, or {@code size} negative
         */
        public static PlatformEntry of(Descriptor entry, long size, ArtifactKind kind) {
            return new PlatformEntry(InvalidArgumentException.requireNonNull(entry, "entry"),
                    InvalidArgumentException.requireNonNegative(size, "size"),
                    InvalidArgumentException.requireNonNull(kind, "kind"));
        }

        /** @return the platform it declares, if any */
        public Optional<Platform> platform() {
            return entry.platform();
        }

        /** @return the entry's manifest digest */
        public Digest digest() {
            return entry.digest();
        }

        /** @return the entry's manifest media type */
        public String mediaType() {
            return entry.mediaType();
        }

        /** @return bytes of its manifest, configuration and layers */
        public long size() {
            return size;
        }

        /** @return an image, or e.g. an attestation BuildKit stored in the index */
        public ArtifactKind kind() {
            return kind;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PlatformEntry p && platform().equals(p.platform()) && digest().equals(p.digest())
                    && mediaType().equals(p.mediaType()) && size == p.size && kind == p.kind;
        }

        @Override
        public int hashCode() {
            return Objects.hash(platform(), digest(), mediaType(), size, kind);
        }

        @Override
        public String toString() {
            return "PlatformEntry[platform=" + platform().orElse(null) + ", digest=" + digest() + ", mediaType="
                    + mediaType() + ", size=" + size + ", kind=" + kind + "]";
        }
    }

    /**
     * One artifact that refers to the manifest: an entry of its referrers list, or an attachment cosign stored
     * at one of its tags ({@code sha256-<hex>.sig}, {@code .att}, {@code .sbom}: cosign's default on registries,
     * distribution 2.8 among them, that have no referrers API).
     */
    public static final class Referrer {
        private final Descriptor entry;
        private final ArtifactKind kind;
        private final Optional<String> tag;

        private Referrer(Descriptor entry, ArtifactKind kind, Optional<String> tag) {
            this.entry = entry;
            this.kind = kind;
            this.tag = tag;
        }

        /**
         * @param entry an entry of a referrers list
         * @return the entry of a referrers list, classified
         * @throws InvalidArgumentException if {@code entry} is null
         */
        public static Referrer of(Descriptor entry) {
            InvalidArgumentException.requireNonNull(entry, "entry");
            return new Referrer(entry, ArtifactKind.of(entry.artifactType().orElse(""), entry.mediaType()), Optional.empty());
        }

        /**
         * @param tag      the cosign tag the attachment was found at, e.g. {@code sha256-<hex>.sig}
         * @param manifest the descriptor of the manifest at that tag
         * @return the attachment, of the kind its tag names
         * @throws InvalidArgumentException if an argument is null or {@code tag} is not a cosign attachment tag
         */
        public static Referrer ofCosignTag(String tag, Descriptor manifest) {
            InvalidArgumentException.requireNonNull(tag, "tag");
            InvalidArgumentException.requireNonNull(manifest, "manifest");
            CosignTags.Kind kind = CosignTags.parse(tag).map(CosignTags.CosignTag::kind).orElseThrow(() ->
                    new InvalidArgumentException("tag", "is not a cosign attachment tag (sha256-<hex>.sig, .att or .sbom): " + tag));
            ArtifactKind artifactKind = switch (kind) {
                case SIGNATURE -> ArtifactKind.SIGNATURE;
                case ATTESTATION -> ArtifactKind.ATTESTATION;
                case SBOM -> ArtifactKind.SBOM;
            };
            return new Referrer(manifest, artifactKind, Optional.of(tag));
        }

        /** @return the cosign tag it was found at; empty for an entry of the referrers list */
        public Optional<String> tag() {
            return tag;
        }

        /** @return its manifest's digest */
        public Digest digest() {
            return entry.digest();
        }

        /** @return its manifest's media type */
        public String mediaType() {
            return entry.mediaType();
        }

        /** @return its manifest's size */
        public long size() {
            return entry.size();
        }

        /** @return its artifact type, if the registry reports one */
        public Optional<String> artifactType() {
            return entry.artifactType();
        }

        /** @return what it is, from its artifact type */
        public ArtifactKind kind() {
            return kind;
        }

        /** @return its annotations, as the referrers list carries them */
        public Map<String, String> annotations() {
            return entry.annotations();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Referrer r && digest().equals(r.digest()) && mediaType().equals(r.mediaType())
                    && size() == r.size() && artifactType().equals(r.artifactType()) && kind == r.kind
                    && annotations().equals(r.annotations()) && tag.equals(r.tag);
        }

        @Override
        public int hashCode() {
            return Objects.hash(digest(), mediaType(), size(), artifactType(), kind, annotations(), tag);
        }

        @Override
        public String toString() {
            return "Referrer[digest=" + digest() + ", mediaType=" + mediaType() + ", size=" + size() + ", artifactType="
                    + artifactType().orElse(null) + ", kind=" + kind + ", annotations=" + annotations()
                    + tag.map(t -> ", tag=" + t).orElse("") + "]";
        }
    }
}
