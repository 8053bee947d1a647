package dev.berth.model.manifest;

import dev.berth.model.Descriptor;
import dev.berth.model.Extensions;
import dev.berth.model.MediaType;
import dev.berth.model.internal.DescriptorJson;
import dev.berth.model.internal.Json;
import dev.berth.model.internal.JsonFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An image manifest: an OCI image manifest or a Docker schema 2 manifest (same
 * shape, told apart by {@link #mediaType()}). Describes one image or artifact:
 * its configuration blob and its layers.
 *
 * <pre>{@code
 * ImageManifest m = ImageManifest.builder()
 *         .config(Descriptor.forContent(MediaType.OCI_CONFIG, configBytes))
 *         .layer(Descriptor.forContent(MediaType.OCI_LAYER_TAR_GZIP, layerBytes))
 *         .annotation(Annotations.TITLE, "demo")
 *         .build();
 * byte[] canonical = m.bytes();
 * }</pre>
 */
public final class ImageManifest extends Manifest {
    private static final Set<String> FIELDS =
            Set.of("schemaVersion", "mediaType", "artifactType", "config", "layers", "subject", "annotations");

    private final Descriptor config;
    private final List<Descriptor> layers;

    private ImageManifest(byte[] bytes, String mediaType, Descriptor config, List<Descriptor> layers,
                          Map<String, String> annotations, Descriptor subject, String artifactType, Extensions extensions) {
        super(bytes, mediaType, annotations, subject, artifactType, extensions);
        this.config = config;
        this.layers = List.copyOf(layers);
    }

    static ImageManifest read(byte[] bytes, String mediaType, JsonFields fields) {
        Descriptor config = DescriptorJson.read(fields.object("config"));
        List<Descriptor> layers = new ArrayList<>();
        for (JsonFields layer : fields.objects("layers")) {
            layers.add(DescriptorJson.read(layer));
        }
        Descriptor subject = fields.optionalObject("subject").map(DescriptorJson::read).orElse(null);
        return new ImageManifest(bytes, mediaType, config, layers, fields.stringMap("annotations"), subject,
                fields.optionalString("artifactType").orElse(null), fields.unknown(FIELDS));
    }

    /** @return a builder for a new OCI image manifest */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this manifest's content, unknown fields included */
    public Builder toBuilder() {
        Builder b = new Builder().mediaType(mediaType()).config(config).layers(layers).annotations(annotations())
                .subject(subject().orElse(null)).artifactType(artifactType().orElse(null));
        b.extensions = extensions();
        return b;
    }

    /** @return the configuration blob's descriptor */
    public Descriptor config() {
        return config;
    }

    /** @return the layers, base first */
    public List<Descriptor> layers() {
        return layers;
    }

    /** @return the bytes a pull transfers: manifest, configuration and every layer */
    public long totalSize() {
        long total = size() + config.size();
        for (Descriptor layer : layers) {
            total += layer.size();
        }
        return total;
    }

    /**
     * @return the artifact type as the referrers API reports it: the declared
     *         {@code artifactType}, else the configuration's media type
     */
    public String effectiveArtifactType() {
        return artifactType().orElse(config.mediaType());
    }

    /** Builds an {@link ImageManifest} with canonical bytes. Only the configuration is required. */
    public static final class Builder {
        private String mediaType = MediaType.OCI_MANIFEST;
        private String artifactType;
        private Descriptor config;
        private List<Descriptor> layers = new ArrayList<>();
        private Descriptor subject;
        private Map<String, String> annotations = new LinkedHashMap<>();
        private Extensions extensions = Extensions.none();

        private Builder() {
        }

        /**
         * @param value the manifest's media type
         * @return this builder; {@link MediaType#OCI_MANIFEST} (default) or {@link MediaType#DOCKER_MANIFEST}
         */
        public Builder mediaType(String value) {
            if (!MediaType.isImageManifest(value)) {
                throw new IllegalArgumentException("not an image manifest media type: " + value);
            }
            this.mediaType = MediaType.normalize(value);
            return this;
        }

        /**
         * @param value the artifact type, such as {@code application/vnd.cncf.helm.config.v1+json}, or null
         * @return this builder, with the artifact type (null for none)
         */
        public Builder artifactType(String value) {
            this.artifactType = value;
            return this;
        }

        /**
         * @param value the descriptor of the configuration blob
         * @return this builder, with the configuration descriptor
         */
        public Builder config(Descriptor value) {
            this.config = value;
            return this;
        }

        /**
         * @param value the descriptor of the layer to add
         * @return this builder, with one more layer on top
         */
        public Builder layer(Descriptor value) {
            this.layers.add(Objects.requireNonNull(value, "layer"));
            return this;
        }

        /**
         * @param value the layers' descriptors, bottom first
         * @return this builder, with these layers instead of the current ones
         */
        public Builder layers(List<Descriptor> value) {
            this.layers = new ArrayList<>(value);
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
         * @return the manifest, serialised canonically (compact JSON, fields in
         *         the specification's order, map keys sorted)
         * @throws IllegalStateException if the configuration is missing, or a
         *         Docker manifest is given fields only OCI defines
         */
        public ImageManifest build() {
            if (config == null) {
                throw new IllegalStateException("an image manifest needs a config descriptor"
                        + " (artifacts without one use the empty descriptor, see Artifacts.EMPTY_CONFIG)");
            }
            if (MediaType.isDocker(mediaType) && (subject != null || artifactType != null)) {
                throw new IllegalStateException("Docker schema 2 manifests cannot carry subject or artifactType; use OCI");
            }
            byte[] bytes = Json.write(g -> {
                g.writeStartObject();
                g.writeNumberField("schemaVersion", 2);
                g.writeStringField("mediaType", mediaType);
                if (artifactType != null) {
                    g.writeStringField("artifactType", artifactType);
                }
                g.writeFieldName("config");
                DescriptorJson.write(g, config);
                g.writeArrayFieldStart("layers");
                for (Descriptor layer : layers) {
                    DescriptorJson.write(g, layer);
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
            return (ImageManifest) Manifest.parse(bytes, mediaType);
        }
    }
}
