package dev.berth.model.manifest;

import dev.berth.model.Descriptor;
import dev.berth.model.Extensions;
import dev.berth.model.MediaType;
import dev.berth.model.Platform;
import dev.berth.model.internal.DescriptorJson;
import dev.berth.model.internal.Json;
import dev.berth.model.internal.JsonFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * An index of manifests: an OCI image index or a Docker manifest list. Usually
 * one image per platform; also used for referrers lists and OCI layouts.
 *
 * <pre>{@code
 * Optional<Descriptor> arm = index.find(Platform.parse("linux/arm64"));
 * }</pre>
 */
public final class ManifestIndex extends Manifest {
    private static final Set<String> FIELDS =
            Set.of("schemaVersion", "mediaType", "artifactType", "manifests", "subject", "annotations");

    private final List<Descriptor> manifests;

    private ManifestIndex(byte[] bytes, String mediaType, List<Descriptor> manifests, Map<String, String> annotations,
                          Descriptor subject, String artifactType, Extensions extensions) {
        super(bytes, mediaType, annotations, subject, artifactType, extensions);
        this.manifests = List.copyOf(manifests);
    }

    static ManifestIndex read(byte[] bytes, String mediaType, JsonFields fields) {
        if (!fields.hasArray("manifests")) {
            throw fields.error("manifests", fields.has("manifests") ? "expected an array" : "required field is missing");
        }
        List<Descriptor> manifests = new ArrayList<>();
        for (JsonFields entry : fields.objects("manifests")) {
            manifests.add(DescriptorJson.read(entry));
        }
        Descriptor subject = fields.optionalObject("subject").map(DescriptorJson::read).orElse(null);
        return new ManifestIndex(bytes, mediaType, manifests, fields.stringMap("annotations"), subject,
                fields.optionalString("artifactType").orElse(null), fields.unknown(FIELDS));
    }

    /** @return a builder for a new OCI image index */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this index's content, unknown fields included */
    public Builder toBuilder() {
        Builder b = new Builder().mediaType(mediaType()).manifests(manifests).annotations(annotations())
                .subject(subject().orElse(null)).artifactType(artifactType().orElse(null));
        b.extensions = extensions();
        return b;
    }

    /** @return the entries, in document order */
    public List<Descriptor> manifests() {
        return manifests;
    }

    /** @return the platforms of the entries that declare one, in document order */
    public List<Platform> platforms() {
        List<Platform> platforms = new ArrayList<>();
        for (Descriptor d : manifests) {
            d.platform().ifPresent(platforms::add);
        }
        return platforms;
    }

    /**
     * Picks the entry that runs best on {@code wanted}: an exact match after
     * normalisation if there is one, else the newest compatible variant
     * (an arm/v7 host takes arm/v6 over arm/v5). Ties go to the first entry.
     *
     * @param wanted the platform to run on
     * @return the entry's descriptor, or empty if none fits
     */
    public Optional<Descriptor> find(Platform wanted) {
        Descriptor best = null;
        int bestRank = Integer.MIN_VALUE;
        for (Descriptor d : manifests) {
            if (d.platform().isEmpty()) {
                continue;
            }
            Platform candidate = d.platform().get();
            int rank;
            if (wanted.matches(candidate)) {
                rank = Integer.MAX_VALUE;
            } else {
                OptionalInt r = wanted.compatibilityRank(candidate);
                if (r.isEmpty()) {
                    continue;
                }
                rank = r.getAsInt();
            }
            if (rank > bestRank) {
                best = d;
                bestRank = rank;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Builds a {@link ManifestIndex} with canonical bytes. */
    public static final class Builder {
        private String mediaType = MediaType.OCI_INDEX;
        private String artifactType;
        private List<Descriptor> manifests = new ArrayList<>();
        private Descriptor subject;
        private Map<String, String> annotations = new LinkedHashMap<>();
        private Extensions extensions = Extensions.none();

        private Builder() {
        }

        /**
         * @param value the index's media type
         * @return this builder; {@link MediaType#OCI_INDEX} (default) or {@link MediaType#DOCKER_MANIFEST_LIST}
         */
        public Builder mediaType(String value) {
            if (!MediaType.isIndex(value)) {
                throw new IllegalArgumentException("not an index media type: " + value);
            }
            this.mediaType = MediaType.normalize(value);
            return this;
        }

        /**
         * @param value the artifact type, or null
         * @return this builder, with the artifact type (null for none)
         */
        public Builder artifactType(String value) {
            this.artifactType = value;
            return this;
        }

        /**
         * @param value the descriptor of the manifest to add
         * @return this builder, with one more entry
         */
        public Builder manifest(Descriptor value) {
            this.manifests.add(Objects.requireNonNull(value, "manifest"));
            return this;
        }

        /**
         * @param value the entries' descriptors, in order
         * @return this builder, with these entries instead of the current ones
         */
        public Builder manifests(List<Descriptor> value) {
            this.manifests = new ArrayList<>(value);
            return this;
        }

        /**
         * @param value the descriptor of the manifest this one refers to, or null
         * @return this builder, with the subject (null for none)
         */
        public Builder subject(Descriptor value) {
            this.subject = value;
            return this;
        }

        /**
         * @param value the annotation's value
         * @param key the annotation's key, such as {@code org.opencontainers.image.created}
         * @return this builder, with one annotation added or replaced
         */
        public Builder annotation(String key, String value) {
            this.annotations.put(key, value);
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
         * @return the index, serialised canonically
         * @throws IllegalStateException if a Docker manifest list is given fields only OCI defines
         */
        public ManifestIndex build() {
            if (MediaType.isDocker(mediaType) && (subject != null || artifactType != null)) {
                throw new IllegalStateException("Docker manifest lists cannot carry subject or artifactType; use OCI");
            }
            byte[] bytes = Json.write(g -> {
                g.writeStartObject();
                g.writeNumberField("schemaVersion", 2);
                g.writeStringField("mediaType", mediaType);
                if (artifactType != null) {
                    g.writeStringField("artifactType", artifactType);
                }
                g.writeArrayFieldStart("manifests");
                for (Descriptor d : manifests) {
                    DescriptorJson.write(g, d);
                }
                g.writeEndArray();
                if (subject != null) {
                    g.writeFieldName("subject");
                    DescriptorJson.write(g, subject);
                }
                DescriptorJson.writeStringMap(g, "annotations", annotations);
                DescriptorJson.writeExtensions(g, extensions);
                g.writeEndObject();
            });
            return (ManifestIndex) Manifest.parse(bytes, mediaType);
        }
    }
}
