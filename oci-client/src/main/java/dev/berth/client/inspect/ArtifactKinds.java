package dev.berth.client.inspect;

import dev.berth.model.MediaType;
import dev.berth.model.artifact.ArtifactKind;

/** Classifies an artifact from its type alone, as a referrers list gives nothing more. */
final class ArtifactKinds {
    private ArtifactKinds() {
    }

    static ArtifactKind ofType(String artifactType, String manifestMediaType) {
        if (MediaType.normalize(artifactType).equals(MediaType.HELM_CONFIG)) {
            return ArtifactKind.HELM_CHART;
        }
        if (MediaType.isSbom(artifactType)) {
            return ArtifactKind.SBOM;
        }
        if (MediaType.isSignature(artifactType)) {
            return ArtifactKind.SIGNATURE;
        }
        if (MediaType.isAttestation(artifactType)) {
            return ArtifactKind.ATTESTATION;
        }
        if (MediaType.isImageConfig(artifactType)) {
            return ArtifactKind.IMAGE;
        }
        return MediaType.isIndex(manifestMediaType) ? ArtifactKind.INDEX : ArtifactKind.OTHER_ARTIFACT;
    }
}
