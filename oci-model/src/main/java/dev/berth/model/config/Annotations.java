package dev.berth.model.config;

/** The pre-defined annotation keys of the OCI image specification. */
public final class Annotations {
    private Annotations() {
    }

    /** Date and time the image was built, RFC 3339. */
    public static final String CREATED = "org.opencontainers.image.created";
    /** Contact details of the people or organisation responsible for the image. */
    public static final String AUTHORS = "org.opencontainers.image.authors";
    /** URL to find more information on the image. */
    public static final String URL = "org.opencontainers.image.url";
    /** URL to get documentation on the image. */
    public static final String DOCUMENTATION = "org.opencontainers.image.documentation";
    /** URL to the source code for building the image. */
    public static final String SOURCE = "org.opencontainers.image.source";
    /** Version of the packaged software. */
    public static final String VERSION = "org.opencontainers.image.version";
    /** Source control revision identifier. */
    public static final String REVISION = "org.opencontainers.image.revision";
    /** Name of the distributing entity, organisation or individual. */
    public static final String VENDOR = "org.opencontainers.image.vendor";
    /** License(s) of the contained software, as an SPDX expression. */
    public static final String LICENSES = "org.opencontainers.image.licenses";
    /** Name of the reference for a target: the tag in an OCI image layout's index. */
    public static final String REF_NAME = "org.opencontainers.image.ref.name";
    /** Human-readable title of the image. */
    public static final String TITLE = "org.opencontainers.image.title";
    /** Human-readable description of the software packaged in the image. */
    public static final String DESCRIPTION = "org.opencontainers.image.description";
    /** Digest of the image this image is based on. */
    public static final String BASE_DIGEST = "org.opencontainers.image.base.digest";
    /** Reference of the image this image is based on. */
    public static final String BASE_NAME = "org.opencontainers.image.base.name";
}
