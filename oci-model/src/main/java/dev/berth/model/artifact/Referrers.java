package dev.berth.model.artifact;

import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.InvalidArgumentException;
import dev.berth.model.MediaType;
import dev.berth.model.manifest.ImageManifest;
import dev.berth.model.manifest.Manifest;
import dev.berth.model.manifest.ManifestIndex;
import java.util.ArrayList;
import java.util.List;

/**
 * The referrers of a manifest: the artifacts (signatures, SBOMs, attestations)
 * whose {@code subject} is that manifest, as the referrers API lists them and
 * as the tag-schema fallback stores them for registries without the API.
 */
public final class Referrers {
    private Referrers() {
    }

    /**
     * The fallback tag for registries without the referrers API:
     * {@code <alg>-<encoded>}, the algorithm cut to 32 and the encoded value to
     * 64 characters, as the distribution specification defines.
     *
     * @param subject the subject's digest
     * @return e.g. {@code sha256-6c3c...}
     */
    public static String fallbackTag(Digest subject) {
        String alg = subject.algorithm().replaceAll("[^a-zA-Z0-9_.-]", "-");
        String ref = subject.encoded().replaceAll("[^a-zA-Z0-9_.-]", "-");
        return alg.substring(0, Math.min(32, alg.length())) + "-" + ref.substring(0, Math.min(64, ref.length()));
    }

    /**
     * How a referrer appears in a referrers index: media type, digest and size
     * of its manifest, its artifact type (falling back to the config media
     * type) and its annotations.
     *
     * @param referrer a manifest with a subject
     * @return its entry
     */
    public static Descriptor entryOf(Manifest referrer) {
        String artifactType = referrer instanceof ImageManifest
                ? ((ImageManifest) referrer).effectiveArtifactType()
                : referrer.artifactType().orElse(null);
        return referrer.descriptor().toBuilder().artifactType(artifactType).annotations(referrer.annotations()).build();
    }

    /**
     * @param entries the referrers' entries
     * @return an OCI image index listing them, as the referrers API answers
     */
    public static ManifestIndex index(List<Descriptor> entries) {
        return ManifestIndex.builder().mediaType(MediaType.OCI_INDEX).manifests(entries).build();
    }

    /**
     * @param entries      the referrers' entries
     * @param artifactType the type to keep, such as {@code application/spdx+json}
     * @return the entries of that artifact type, in order
     * @throws InvalidArgumentException if an argument is null, or {@code artifactType} blank
     */
    public static List<Descriptor> filter(List<Descriptor> entries, String artifactType) {
        InvalidArgumentException.requireNonNull(entries, "entries");
        InvalidArgumentException.requireNonBlank(artifactType, "artifactType");
        List<Descriptor> kept = new ArrayList<>();
        for (Descriptor d : entries) {
            if (d.artifactType().map(t -> MediaType.normalize(t).equals(MediaType.normalize(artifactType))).orElse(false)) {
                kept.add(d);
            }
        }
        return kept;
    }
}
