package dev.berth.model.config;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * One typed view of what an image says about itself, gathered from the places
 * tools put it: manifest annotations first, then configuration labels with OCI
 * keys, then label-schema.org labels, then Docker conventions (the
 * {@code maintainer} label, the configuration's {@code author} and {@code created}).
 *
 * <pre>{@code
 * ImageMetadata meta = ImageMetadata.of(manifest.annotations(), config);
 * meta.version().ifPresent(v -> System.out.println("version " + v));
 * }</pre>
 */
public final class ImageMetadata {

    /** The facts this view collects, with the keys each is read from, in precedence order. */
    public enum Field {
        /** Human-readable title. */
        TITLE(Annotations.TITLE, LabelSchema.NAME),
        /** Description. */
        DESCRIPTION(Annotations.DESCRIPTION, LabelSchema.DESCRIPTION),
        /** Software version. */
        VERSION(Annotations.VERSION, LabelSchema.VERSION),
        /** Source control revision. */
        REVISION(Annotations.REVISION, LabelSchema.VCS_REF),
        /** Source code URL. */
        SOURCE(Annotations.SOURCE, LabelSchema.VCS_URL),
        /** Home page URL. */
        URL(Annotations.URL, LabelSchema.URL),
        /** Documentation URL. */
        DOCUMENTATION(Annotations.DOCUMENTATION, LabelSchema.USAGE),
        /** Vendor. */
        VENDOR(Annotations.VENDOR, LabelSchema.VENDOR),
        /** Licenses, SPDX expression. */
        LICENSES(Annotations.LICENSES, null),
        /** Build time, as written. */
        CREATED(Annotations.CREATED, LabelSchema.BUILD_DATE),
        /** Authors or maintainers. */
        AUTHORS(Annotations.AUTHORS, null);

        private final String ociKey;
        private final String labelSchemaKey;

        Field(String ociKey, String labelSchemaKey) {
            this.ociKey = ociKey;
            this.labelSchemaKey = labelSchemaKey;
        }

        /** @return the OCI annotation key */
        public String ociKey() {
            return ociKey;
        }
    }

    private final Map<Field, String> values;

    private ImageMetadata(Map<Field, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * @param annotations manifest annotations (highest precedence)
     * @param labels      configuration labels
     * @return the merged view
     */
    public static ImageMetadata of(Map<String, String> annotations, Map<String, String> labels) {
        Map<Field, String> values = new EnumMap<>(Field.class);
        for (Field f : Field.values()) {
            String v = firstNonBlank(annotations.get(f.ociKey), labels.get(f.ociKey),
                    f.labelSchemaKey == null ? null : labels.get(f.labelSchemaKey));
            if (v == null && f == Field.AUTHORS) {
                v = firstNonBlank(labels.get("maintainer"), labels.get("MAINTAINER"));
            }
            if (v != null) {
                values.put(f, v);
            }
        }
        return new ImageMetadata(values);
    }

    /**
     * @param annotations manifest annotations (highest precedence)
     * @param config      the image configuration: its labels, then its author and creation time
     * @return the merged view
     */
    public static ImageMetadata of(Map<String, String> annotations, ImageConfig config) {
        ImageMetadata base = of(annotations, config.config().labels());
        Map<Field, String> values = new EnumMap<>(Field.class);
        values.putAll(base.values);
        config.author().filter(a -> !a.isBlank()).ifPresent(a -> values.putIfAbsent(Field.AUTHORS, a));
        config.created().ifPresent(c -> values.putIfAbsent(Field.CREATED, c.toString()));
        return new ImageMetadata(values);
    }

    private static String firstNonBlank(String... candidates) {
        for (String c : candidates) {
            if (c != null && !c.isBlank()) {
                return c;
            }
        }
        return null;
    }

    /**
     * @param field the field wanted
     * @return the value of a field, if any source had it
     */
    public Optional<String> get(Field field) {
        return Optional.ofNullable(values.get(field));
    }

    /** @return every field found, in {@link Field} order */
    public Map<Field, String> asMap() {
        return values;
    }

    /** @return the title */
    public Optional<String> title() {
        return get(Field.TITLE);
    }

    /** @return the description */
    public Optional<String> description() {
        return get(Field.DESCRIPTION);
    }

    /** @return the software version */
    public Optional<String> version() {
        return get(Field.VERSION);
    }

    /** @return the source control revision */
    public Optional<String> revision() {
        return get(Field.REVISION);
    }

    /** @return the source code URL */
    public Optional<String> source() {
        return get(Field.SOURCE);
    }

    /** @return the home page URL */
    public Optional<String> url() {
        return get(Field.URL);
    }

    /** @return the vendor */
    public Optional<String> vendor() {
        return get(Field.VENDOR);
    }

    /** @return the licenses */
    public Optional<String> licenses() {
        return get(Field.LICENSES);
    }

    /** @return the build time, as written */
    public Optional<String> created() {
        return get(Field.CREATED);
    }

    /** @return the authors */
    public Optional<String> authors() {
        return get(Field.AUTHORS);
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
