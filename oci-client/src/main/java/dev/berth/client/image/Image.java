package dev.berth.client.image;

import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.MalformedContentException;
import dev.berth.model.Platform;
import dev.berth.model.config.ContainerConfig;
import dev.berth.model.config.HistoryEntry;
import dev.berth.model.config.ImageConfig;
import dev.berth.model.manifest.ImageManifest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A container image built in memory: a configuration, its layers and the OCI manifest that lists them, for
 * one platform. Push it, or write it to a layout or an archive, with the copier in one call:
 *
 * <pre>{@code
 * Image image = Image.builder(Platform.parse("linux/amd64"))
 *         .config(ContainerConfig.builder().entrypoint("/app").env("MODE", "prod").build())
 *         .layer(Layer.gzip(Path.of("app.tar")))
 *         .build();
 * ImageCopier.withDefaults().copy(ImageLocation.of(image), ImageLocation.registry(client, "team/app", "1.0"));
 * }</pre>
 *
 * Several images, one per platform, make an {@link ImageIndex}. Immutable; the layers' content is read only
 * when the image is copied.
 */
public final class Image {
    private final ImageConfig config;
    private final List<Layer> layers;
    private final ImageManifest manifest;

    private Image(ImageConfig config, List<Layer> layers, Map<String, String> annotations) {
        this.config = config;
        this.layers = List.copyOf(layers);
        ImageManifest.Builder b = ImageManifest.builder().config(config.descriptor()).annotations(annotations);
        for (Layer l : layers) {
            b.layer(l.descriptor());
        }
        this.manifest = b.build();
    }

    /**
     * @param platform the platform the image runs on
     * @return a builder whose configuration Berth writes, with the layers' diff IDs
     */
    public static Builder builder(Platform platform) {
        return new Builder(Objects.requireNonNull(platform, "platform"));
    }

    /**
     * An image from a configuration made elsewhere, kept byte for byte.
     *
     * @param config its configuration, whose {@code rootfs.diff_ids} must be the layers' diff IDs, in order
     * @param layers its layers, base first
     * @return the image
     * @throws MalformedContentException if the configuration's diff IDs are not the layers'
     */
    public static Image of(ImageConfig config, List<Layer> layers) {
        Objects.requireNonNull(config, "config");
        List<Digest> have = layers.stream().map(Layer::diffId).toList();
        if (!config.diffIds().equals(have)) {
            throw new MalformedContentException("image configuration " + config.digest(), "rootfs.diff_ids",
                    "lists " + config.diffIds() + " but the layers' uncompressed digests are " + have);
        }
        return new Image(config, layers, Map.of());
    }

    /** @return the configuration */
    public ImageConfig config() {
        return config;
    }

    /** @return the layers, base first */
    public List<Layer> layers() {
        return layers;
    }

    /** @return the platform, from the configuration */
    public Platform platform() {
        return config.platform();
    }

    /** @return the OCI image manifest listing the configuration and the layers */
    public ImageManifest manifest() {
        return manifest;
    }

    /** @return the manifest's descriptor with the platform, as an index lists it */
    public Descriptor descriptor() {
        return manifest.descriptor().withPlatform(config.platform());
    }

    @Override
    public String toString() {
        return "image " + manifest.digest() + " " + config.platform() + ", " + layers.size() + " layers";
    }

    /** Builds an {@link Image}. */
    public static final class Builder {
        private final ImageConfig.Builder config;
        private final List<Layer> layers = new ArrayList<>();
        private final Map<String, String> annotations = new LinkedHashMap<>();

        private Builder(Platform platform) {
            this.config = ImageConfig.builder(platform);
        }

        /**
         * @param value how a container of the image runs (default: {@link ContainerConfig#EMPTY})
         * @return this builder
         */
        public Builder config(ContainerConfig value) {
            config.config(Objects.requireNonNull(value, "config"));
            return this;
        }

        /**
         * @param value when the image was made (default: not recorded, so the same input gives the same digest)
         * @return this builder
         */
        public Builder created(Instant value) {
            config.created(Objects.requireNonNull(value, "created"));
            return this;
        }

        /**
         * @param value who made the image
         * @return this builder
         */
        public Builder author(String value) {
            config.author(Objects.requireNonNull(value, "author"));
            return this;
        }

        /**
         * @param value one more step of the build history
         * @return this builder
         */
        public Builder history(HistoryEntry value) {
            config.history(Objects.requireNonNull(value, "history"));
            return this;
        }

        /**
         * @param value the next layer, on top of those added before
         * @return this builder
         */
        public Builder layer(Layer value) {
            layers.add(Objects.requireNonNull(value, "layer"));
            return this;
        }

        /**
         * @param key   an annotation of the manifest, such as {@code org.opencontainers.image.source}
         * @param value its value
         * @return this builder
         */
        public Builder annotation(String key, String value) {
            annotations.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** @return the image, its configuration listing the layers' diff IDs */
        public Image build() {
            for (Layer l : layers) {
                config.diffId(l.diffId());
            }
            ImageConfig built = config.build();
            return new Image(built, layers, annotations);
        }
    }
}
