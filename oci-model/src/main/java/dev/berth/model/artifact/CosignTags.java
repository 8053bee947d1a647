package dev.berth.model.artifact;

import dev.berth.model.Digest;
import java.util.Optional;

/**
 * cosign's tag scheme for registries without the referrers API: the
 * signature, attestation and SBOM of {@code sha256:<hex>} live at tags
 * {@code sha256-<hex>.sig}, {@code .att} and {@code .sbom}.
 */
public final class CosignTags {
    private CosignTags() {
    }

    /** The three kinds of cosign attachment, with their tag suffix. */
    public enum Kind {
        /** Signatures: {@code .sig}. */
        SIGNATURE("sig"),
        /** Attestations: {@code .att}. */
        ATTESTATION("att"),
        /** SBOM attachments: {@code .sbom}. */
        SBOM("sbom");

        private final String suffix;

        Kind(String suffix) {
            this.suffix = suffix;
        }

        /** @return the tag suffix without the dot */
        public String suffix() {
            return suffix;
        }
    }

    /**
     * A cosign attachment tag, decoded.
     *
     * @param subject the digest of the image it belongs to
     * @param kind    what it holds
     */
    public record CosignTag(Digest subject, Kind kind) {
        /** @return the tag */
        @Override
        public String toString() {
            return tag(subject, kind);
        }
    }

    /**
     * @param kind what is attached: signatures, attestations or SBOMs
     * @param subject the digest of the manifest the attachments are for
     * @return the tag for {@code kind} attachments of {@code subject}
     */
    public static String tag(Digest subject, Kind kind) {
        return subject.algorithm() + "-" + subject.encoded() + "." + kind.suffix();
    }

    /**
     * @param subject the digest of the manifest the attachments are for
     * @return the signature tag of {@code subject}
     */
    public static String signatureTag(Digest subject) {
        return tag(subject, Kind.SIGNATURE);
    }

    /**
     * @param subject the digest of the manifest the attachments are for
     * @return the attestation tag of {@code subject}
     */
    public static String attestationTag(Digest subject) {
        return tag(subject, Kind.ATTESTATION);
    }

    /**
     * @param subject the digest of the manifest the attachments are for
     * @return the SBOM tag of {@code subject}
     */
    public static String sbomTag(Digest subject) {
        return tag(subject, Kind.SBOM);
    }

    /**
     * @param tag any tag
     * @return the subject and kind if the tag follows cosign's scheme
     */
    public static Optional<CosignTag> parse(String tag) {
        int dot = tag.lastIndexOf('.');
        int dash = tag.indexOf('-');
        if (dot < 0 || dash < 0 || dash > dot) {
            return Optional.empty();
        }
        String suffix = tag.substring(dot + 1);
        for (Kind kind : Kind.values()) {
            if (kind.suffix.equals(suffix)) {
                return Digest.tryParse(tag.substring(0, dash) + ":" + tag.substring(dash + 1, dot))
                        .map(d -> new CosignTag(d, kind));
            }
        }
        return Optional.empty();
    }
}
