package dev.berth.client.image;

import dev.berth.model.Platform;
import dev.berth.model.manifest.ManifestIndex;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A multi-platform image built in memory: several {@link Image}s, one per platform, and the OCI image index
 * that lists them. Copied like an image, in one call:
 * {@code copier.copy(ImageLocation.of(index), ImageLocation.registry(client, "team/app", "1.0"))}.
 */
public final class ImageIndex {
    private final List<Image> images;
    private final ManifestIndex manifest;

    private ImageIndex(List<Image> images, Map<String, String> annotations) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("an image index needs at least one image");
        }
        Set<Platform> seen = new HashSet<>();
        for (Image i : images) {
            if (!seen.add(i.platform())) {
                throw new IllegalArgumentException("two images of the index are for " + i.platform());
            }
        }
        this.images = List.copyOf(images);
        ManifestIndex.Builder b = ManifestIndex.builder().annotations(annotations);
        for (Image i : images) {
            b.manifest(i.descriptor());
        }
        this.manifest = b.build();
    }

    /**
     * @param images the images, each for another platform, in the order the index lists them
     * @return the index
     * @throws IllegalArgumentException if there is none, or two share a platform
     */
    public static ImageIndex of(List<Image> images) {
        return new ImageIndex(List.copyOf(images), Map.of());
    }

    /**
     * @param images the images, each for another platform, in the order the index lists them
     * @return the index
     * @throws IllegalArgumentException if there is none, or two share a platform
     */
    public static ImageIndex of(Image... images) {
        return of(List.of(images));
    }

    /** @return a builder, for an index with annotations */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the images, in index order */
    public List<Image> images() {
        return images;
    }

    /** @return the OCI image index listing the images' manifests with their platforms */
    public ManifestIndex manifest() {
        return manifest;
    }

    @Override
    public String toString() {
        return "image index " + manifest.digest() + " " + manifest.platforms();
    }

    /** Builds an {@link ImageIndex}. */
    public static final class Builder {
        private final List<Image> images = new ArrayList<>();
        private final Map<String, String> annotations = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * @param value one more image, for a platform no other image of the index has
         * @return this builder
         */
        public Builder image(Image value) {
            images.add(Objects.requireNonNull(value, "image"));
            return this;
        }

        /**
         * @param key   an annotation of the index
         * @param value its value
         * @return this builder
         */
        public Builder annotation(String key, String value) {
            annotations.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * @return the index
         * @throws IllegalArgumentException if there is no image, or two share a platform
         */
        public ImageIndex build() {
            return new ImageIndex(images, annotations);
        }
    }
}
