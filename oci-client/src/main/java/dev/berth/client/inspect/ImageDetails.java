package dev.berth.client.inspect;

import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.Platform;
import dev.berth.model.artifact.ArtifactKind;
import dev.berth.model.artifact.HelmChart;
import dev.berth.model.config.ImageMetadata;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a registry browser's detail view shows of one manifest: identity, size,
 * layers or platforms, configuration, metadata, what kind of artifact it is, and
 * what refers to it.
 *
 * @param repository    the repository
 * @param reference     the tag or digest it was asked by
 * @param descriptor    media type, digest and size of the manifest
 * @param schemaVersion the manifest's schema version (2)
 * @param kind          image, index, Helm chart, SBOM, signature, attestation or other artifact
 * @param artifactType  the declared artifact type, else the configuration's media type (images and artifacts)
 * @param totalSize     bytes of the manifest and every distinct manifest and blob it references (for an
 *                      index: over all its platforms, shared blobs counted once)
 * @param layers        the layers, base first (empty for an index)
 * @param platforms     the entries of an index, each with its own digest and size (empty for an image)
 * @param created       when it was built: the configuration's time, else the created annotation
 * @param author        the configuration's author
 * @param config        how a container of it runs, for images (secret-looking values masked)
 * @param annotations   the manifest's annotations
 * @param metadata      the well-known facts from annotations and labels (title, version, source, ...)
 * @param helmChart     the chart's metadata, for a Helm chart
 * @param subject       the manifest this one refers to, for a signature, SBOM or attestation
 * @param referrers     the artifacts that refer to this manifest
 */
public record ImageDetails(String repository, String reference, Descriptor descriptor, int schemaVersion,
                           ArtifactKind kind, Optional<String> artifactType, long totalSize, List<Layer> layers,
                           List<PlatformEntry> platforms, Optional<Instant> created, Optional<String> author,
                           Optional<ContainerDetails> config, Map<String, String> annotations, ImageMetadata metadata,
                           Optional<HelmChart> helmChart, Optional<Digest> subject, List<Referrer> referrers) {

    /**
     * Copies the collections.
     *
     * @param repository the repository's name within the registry, such as {@code library/alpine}
     * @param reference the tag or digest it was asked by
     * @param descriptor media type, digest and size of the manifest
     * @param schemaVersion the manifest's schema version (2)
     * @param kind image, index, Helm chart, SBOM, signature, attestation or other artifact
     * @param artifactType the declared artifact type, else the configuration's media type (images and artifacts)
     * @param totalSize bytes of the manifest and every distinct manifest and blob it references (for an index: over all its platforms, shared blobs counted once)
     * @param layers the layers, base first (empty for an index)
     * @param platforms the entries of an index, each with its own digest and size (empty for an image)
     * @param created when it was built: the configuration's time, else the created annotation
     * @param author the configuration's author
     * @param config how a container of it runs, for images (secret-looking values masked)
     * @param annotations the manifest's annotations
     * @param metadata the well-known facts from annotations and labels (title, version, source, ...)
     * @param helmChart the chart's metadata, for a Helm chart
     * @param subject the manifest this one refers to, for a signature, SBOM or attestation
     * @param referrers the artifacts that refer to this manifest
     */
    public ImageDetails {
        layers = List.copyOf(layers);
        platforms = List.copyOf(platforms);
        annotations = Map.copyOf(annotations);
        referrers = List.copyOf(referrers);
    }

    /** @return the manifest's digest */
    public Digest digest() {
        return descriptor.digest();
    }

    /** @return the manifest's media type */
    public String mediaType() {
        return descriptor.mediaType();
    }

    /**
     * One layer.
     *
     * @param digest    its digest
     * @param size      its size in bytes (compressed, as stored)
     * @param mediaType its media type
     * @param title     its file name, for artifacts pushed as files ({@code org.opencontainers.image.title})
     */
    public record Layer(Digest digest, long size, String mediaType, Optional<String> title) {
    }

    /**
     * One entry of an index.
     *
     * @param platform  the platform it declares, if any
     * @param digest    the entry's manifest digest
     * @param mediaType the entry's manifest media type
     * @param size      bytes of its manifest, configuration and layers
     * @param kind      an image, or e.g. an attestation BuildKit stored in the index
     */
    public record PlatformEntry(Optional<Platform> platform, Digest digest, String mediaType, long size,
                                ArtifactKind kind) {
    }

    /**
     * One artifact that refers to the manifest.
     *
     * @param digest       its manifest's digest
     * @param mediaType    its manifest's media type
     * @param size         its manifest's size
     * @param artifactType its artifact type, if the registry reports one
     * @param kind         what it is, from its artifact type
     * @param annotations  its annotations, as the referrers list carries them
     */
    public record Referrer(Digest digest, String mediaType, long size, Optional<String> artifactType, ArtifactKind kind,
                           Map<String, String> annotations) {
        /**
         * @param entry an entry of a referrers list
         * @return the entry of a referrers list, classified
         */
        public static Referrer of(Descriptor entry) {
            return new Referrer(entry.digest(), entry.mediaType(), entry.size(), entry.artifactType(),
                    ArtifactKind.of(entry.artifactType().orElse(""), entry.mediaType()), entry.annotations());
        }
    }
}
