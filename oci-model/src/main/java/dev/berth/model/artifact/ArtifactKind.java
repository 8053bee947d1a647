package dev.berth.model.artifact;

import dev.berth.model.Descriptor;
import dev.berth.model.MediaType;
import dev.berth.model.manifest.ImageManifest;
import dev.berth.model.manifest.Manifest;
import dev.berth.model.manifest.ManifestIndex;

/** What a manifest holds, as a registry browser shows it. */
public enum ArtifactKind {
    /** A runnable container image. */
    IMAGE,
    /** A multi-platform image or other index. */
    INDEX,
    /** A Helm chart. */
    HELM_CHART,
    /** A software bill of materials. */
    SBOM,
    /** A signature (cosign, Notary Project, Sigstore bundle). */
    SIGNATURE,
    /** An attestation (in-toto statement in a DSSE envelope). */
    ATTESTATION,
    /** Any other OCI artifact. */
    OTHER_ARTIFACT;

    /**
     * Classifies a manifest from its artifact type, configuration media type
     * and layer media types, in that order.
     *
     * @param manifest the manifest
     * @return its kind
     */
    public static ArtifactKind of(Manifest manifest) {
        if (manifest instanceof ManifestIndex) {
            return INDEX;
        }
        ImageManifest m = (ImageManifest) manifest;
        String type = m.effectiveArtifactType();
        ArtifactKind byType = ofType(type);
        if (byType != null) {
            return byType;
        }
        if (MediaType.isImageConfig(type)) {
            return IMAGE;
        }
        for (Descriptor layer : m.layers()) {
            ArtifactKind byLayer = ofType(layer.mediaType());
            if (byLayer != null) {
                return byLayer;
            }
        }
        return OTHER_ARTIFACT;
    }

    /**
     * Classifies an entry of a referrers list or an index from what it carries: its artifact type and the
     * media type of its manifest.
     *
     * @param artifactType      the entry's artifact type, or empty
     * @param manifestMediaType the media type of the entry's manifest
     * @return its kind
     */
    public static ArtifactKind of(String artifactType, String manifestMediaType) {
        ArtifactKind byType = ofType(artifactType);
        if (byType != null) {
            return byType;
        }
        if (MediaType.isImageConfig(artifactType)) {
            return IMAGE;
        }
        return MediaType.isIndex(manifestMediaType) ? INDEX : OTHER_ARTIFACT;
    }

    private static ArtifactKind ofType(String type) {
        if (MediaType.normalize(type).equals(MediaType.HELM_CONFIG)) {
            return HELM_CHART;
        }
        if (MediaType.isSbom(type)) {
            return SBOM;
        }
        if (MediaType.isSignature(type)) {
            return SIGNATURE;
        }
        if (MediaType.isAttestation(type)) {
            return ATTESTATION;
        }
        return null;
    }
}
