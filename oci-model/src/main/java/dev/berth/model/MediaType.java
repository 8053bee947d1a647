package dev.berth.model;

import java.util.Locale;
import java.util.Set;

/**
 * Media types of OCI and Docker content and of the artifacts seen in the wild,
 * with helpers to classify them. Media types travel as strings on the wire, so
 * they are string constants here.
 */
public final class MediaType {
    private MediaType() {
    }

    // OCI image specification
    /** OCI image manifest. */
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    /** OCI image index. */
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    /** OCI image configuration. */
    public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    /** OCI layer, uncompressed tar. */
    public static final String OCI_LAYER_TAR = "application/vnd.oci.image.layer.v1.tar";
    /** OCI layer, gzip-compressed tar. */
    public static final String OCI_LAYER_TAR_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
    /** OCI layer, zstd-compressed tar. */
    public static final String OCI_LAYER_TAR_ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd";
    /** OCI non-distributable layer, uncompressed (deprecated by image-spec 1.1). */
    public static final String OCI_LAYER_NONDISTRIBUTABLE_TAR = "application/vnd.oci.image.layer.nondistributable.v1.tar";
    /** OCI non-distributable layer, gzip (deprecated by image-spec 1.1). */
    public static final String OCI_LAYER_NONDISTRIBUTABLE_TAR_GZIP = "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip";
    /** OCI non-distributable layer, zstd (deprecated by image-spec 1.1). */
    public static final String OCI_LAYER_NONDISTRIBUTABLE_TAR_ZSTD = "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd";
    /** The empty descriptor's media type: the two bytes {@code {}}, used as config of artifacts. */
    public static final String OCI_EMPTY = "application/vnd.oci.empty.v1+json";
    /** The OCI image layout's {@code oci-layout} file. */
    public static final String OCI_LAYOUT_HEADER = "application/vnd.oci.layout.header.v1+json";

    // Docker image manifest v2
    /** Docker image manifest, schema 2. */
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    /** Docker manifest list (multi-platform), schema 2. */
    public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    /** Docker image manifest, schema 1 (recognised only to be refused). */
    public static final String DOCKER_MANIFEST_SCHEMA1 = "application/vnd.docker.distribution.manifest.v1+json";
    /** Docker image manifest, schema 1, signed (recognised only to be refused). */
    public static final String DOCKER_MANIFEST_SCHEMA1_SIGNED = "application/vnd.docker.distribution.manifest.v1+prettyjws";
    /** Docker container image configuration. */
    public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
    /** Docker layer, gzip-compressed tar. */
    public static final String DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    /** Docker layer, uncompressed tar (buildah writes it to {@code dir:} destinations). */
    public static final String DOCKER_LAYER_TAR = "application/vnd.docker.image.rootfs.diff.tar";
    /** Docker foreign (non-distributable) layer. */
    public static final String DOCKER_FOREIGN_LAYER = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";
    /** Docker plugin configuration. */
    public static final String DOCKER_PLUGIN_CONFIG = "application/vnd.docker.plugin.v1+json";

    // Helm
    /** Helm chart configuration (the Chart.yaml metadata as JSON). */
    public static final String HELM_CONFIG = "application/vnd.cncf.helm.config.v1+json";
    /** Helm chart archive layer. */
    public static final String HELM_CHART_CONTENT = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";
    /** Helm chart provenance layer. */
    public static final String HELM_PROVENANCE = "application/vnd.cncf.helm.chart.provenance.v1.prov";

    // Signatures and attestations
    /** cosign simple-signing payload layer. */
    public static final String COSIGN_SIMPLE_SIGNING = "application/vnd.dev.cosign.simplesigning.v1+json";
    /** cosign signature artifact type (referrers mode). */
    public static final String COSIGN_SIGNATURE_ARTIFACT = "application/vnd.dev.cosign.artifact.sig.v1+json";
    /** Sigstore bundle. */
    public static final String SIGSTORE_BUNDLE = "application/vnd.dev.sigstore.bundle.v0.3+json";
    /** Notary Project (notation) signature artifact type. */
    public static final String NOTARY_SIGNATURE = "application/vnd.cncf.notary.signature";
    /** DSSE envelope, used by cosign attestations. */
    public static final String DSSE_ENVELOPE = "application/vnd.dsse.envelope.v1+json";
    /** in-toto statement. */
    public static final String IN_TOTO = "application/vnd.in-toto+json";

    // SBOMs
    /** SPDX document, JSON. */
    public static final String SPDX_JSON = "application/spdx+json";
    /** SPDX document, tag-value text. */
    public static final String SPDX_TEXT = "text/spdx";
    /** CycloneDX document, JSON. */
    public static final String CYCLONEDX_JSON = "application/vnd.cyclonedx+json";
    /** CycloneDX document, XML. */
    public static final String CYCLONEDX_XML = "application/vnd.cyclonedx+xml";
    /** Syft's native SBOM format. */
    public static final String SYFT_JSON = "application/vnd.syft+json";
    /** cosign's SBOM attachment artifact type. */
    public static final String COSIGN_SBOM_ARTIFACT = "application/vnd.dev.cosign.artifact.sbom.v1+json";

    // Other artifacts
    /** WebAssembly module configuration (wasm-to-oci). */
    public static final String WASM_CONFIG = "application/vnd.wasm.config.v0+json";
    /** Plain JSON, as sent by registries that do not know better. */
    public static final String JSON = "application/json";
    /** Opaque bytes: what registries send for blobs. */
    public static final String OCTET_STREAM = "application/octet-stream";

    /** Every manifest and index media type Berth parses, in preference order for an Accept header. */
    public static final Set<String> MANIFEST_TYPES = Set.of(OCI_MANIFEST, OCI_INDEX, DOCKER_MANIFEST, DOCKER_MANIFEST_LIST);

    private static final Set<String> SBOM_TYPES = Set.of(SPDX_JSON, SPDX_TEXT, CYCLONEDX_JSON, CYCLONEDX_XML, SYFT_JSON,
            COSIGN_SBOM_ARTIFACT, "application/vnd.cyclonedx", "application/vnd.spdx+json");

    /**
     * The Accept header value listing every manifest type Berth can read; send it
     * on manifest requests, or distribution answers 404 for OCI manifests.
     */
    public static final String MANIFEST_ACCEPT = String.join(", ", OCI_INDEX, OCI_MANIFEST, DOCKER_MANIFEST_LIST, DOCKER_MANIFEST);

    /**
     * Strips parameters and whitespace and lower-cases, so that
     * {@code "Application/JSON; charset=utf-8"} compares equal to {@code application/json}.
     *
     * @param mediaType a media type or Content-Type header value, may be null
     * @return the bare type, or an empty string for null
     */
    public static String normalize(String mediaType) {
        if (mediaType == null) {
            return "";
        }
        int semicolon = mediaType.indexOf(';');
        String bare = semicolon >= 0 ? mediaType.substring(0, semicolon) : mediaType;
        return bare.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * @param mediaType the media type to classify, without parameters; null gives {@code false}
     * @return whether the type is an image manifest (OCI or Docker schema 2)
     */
    public static boolean isImageManifest(String mediaType) {
        String t = normalize(mediaType);
        return t.equals(OCI_MANIFEST) || t.equals(DOCKER_MANIFEST);
    }

    /**
     * @param mediaType the media type to classify, without parameters; null gives {@code false}
     * @return whether the type is an index (OCI index or Docker manifest list)
     */
    public static boolean isIndex(String mediaType) {
        String t = normalize(mediaType);
        return t.equals(OCI_INDEX) || t.equals(DOCKER_MANIFEST_LIST);
    }

    /**
     * @param mediaType the media type to classify, without parameters; null gives {@code false}
     * @return whether the type is any manifest Berth parses
     */
    public static boolean isManifest(String mediaType) {
        return isImageManifest(mediaType) || isIndex(mediaType);
    }

    /**
     * @param mediaType the media type to classify, without parameters; null gives {@code false}
     * @return whether the type is Docker schema 1, which Berth recognises but refuses
     */
    public static boolean isSchema1(String mediaType) {
        String t = normalize(mediaType);
        return t.equals(DOCKER_MANIFEST_SCHEMA1) || t.equals(DOCKER_MANIFEST_SCHEMA1_SIGNED);
    }

    /**
     * @param mediaType the media type to classify, without parameters; null gives {@code false}
     * @return whether the type is a Docker (not OCI) manifest type
     */
    public static boolean isDocker(String mediaType) {
        String t = normalize(mediaType);
        return t.equals(DOCKER_MANIFEST) || t.equals(DOCKER_MANIFEST_LIST);
    }

    /**
     * @param mediaType the media type to classify, without parameters; null gives {@code false}
     * @return whether the type is a container image configuration (OCI or Docker)
     */
    public static boolean isImageConfig(String mediaType) {
        String t = normalize(mediaType);
        return t.equals(OCI_CONFIG) || t.equals(DOCKER_CONFIG);
    }

    /**
     * @param mediaType the media type to classify, without parameters; null gives {@code false}
     * @return whether the type is a filesystem layer of an image (any compression, OCI or Docker)
     */
    public static boolean isImageLayer(String mediaType) {
        String t = normalize(mediaType);
        return t.startsWith("application/vnd.oci.image.layer.") || t.equals(DOCKER_LAYER) || t.equals(DOCKER_LAYER_TAR)
                || t.equals(DOCKER_FOREIGN_LAYER);
    }

    /**
     * @param mediaType the media type to classify, without parameters; null gives {@code false}
     * @return whether the type is an SBOM format
     */
    public static boolean isSbom(String mediaType) {
        return SBOM_TYPES.contains(normalize(mediaType));
    }

    /**
     * @param mediaType the media type to classify, without parameters; null gives {@code false}
     * @return whether the type is a signature format (cosign, Notary Project, Sigstore bundle)
     */
    public static boolean isSignature(String mediaType) {
        String t = normalize(mediaType);
        return t.equals(COSIGN_SIMPLE_SIGNING) || t.equals(COSIGN_SIGNATURE_ARTIFACT) || t.equals(NOTARY_SIGNATURE)
                || t.startsWith("application/vnd.dev.sigstore.bundle");
    }

    /**
     * @param mediaType the media type to classify, without parameters; null gives {@code false}
     * @return whether the type is an attestation (DSSE envelope or in-toto statement)
     */
    public static boolean isAttestation(String mediaType) {
        String t = normalize(mediaType);
        return t.equals(DSSE_ENVELOPE) || t.equals(IN_TOTO) || t.startsWith("application/vnd.in-toto.");
    }
}
