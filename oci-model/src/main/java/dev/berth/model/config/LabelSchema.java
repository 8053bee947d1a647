package dev.berth.model.config;

/**
 * Labels of the older label-schema.org convention, still found on many images.
 * {@link ImageMetadata} maps them onto the OCI annotation keys.
 */
public final class LabelSchema {
    private LabelSchema() {
    }

    /** Name of the image. */
    public static final String NAME = "org.label-schema.name";
    /** Description of the image. */
    public static final String DESCRIPTION = "org.label-schema.description";
    /** Version of the packaged software. */
    public static final String VERSION = "org.label-schema.version";
    /** Source control revision. */
    public static final String VCS_REF = "org.label-schema.vcs-ref";
    /** Source control URL. */
    public static final String VCS_URL = "org.label-schema.vcs-url";
    /** Home page of the software. */
    public static final String URL = "org.label-schema.url";
    /** Organisation that produces the image. */
    public static final String VENDOR = "org.label-schema.vendor";
    /** Date and time of the build. */
    public static final String BUILD_DATE = "org.label-schema.build-date";
    /** Documentation on how to use the image. */
    public static final String USAGE = "org.label-schema.usage";
    /** Version of the label-schema convention. */
    public static final String SCHEMA_VERSION = "org.label-schema.schema-version";
}
