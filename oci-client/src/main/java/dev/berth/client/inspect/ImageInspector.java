package dev.berth.client.inspect;

import dev.berth.client.RegistryClient;
import dev.berth.client.TransferListener;
import dev.berth.model.ContentTooLargeException;
import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.InvalidArgumentException;
import dev.berth.model.MediaType;
import dev.berth.model.OciException;
import dev.berth.model.Reference;
import dev.berth.model.RegistryException;
import dev.berth.model.artifact.ArtifactKind;
import dev.berth.model.artifact.CosignTags;
import dev.berth.model.artifact.HelmChart;
import dev.berth.model.config.Annotations;
import dev.berth.model.config.ImageConfig;
import dev.berth.model.config.ImageMetadata;
import dev.berth.model.manifest.ImageManifest;
import dev.berth.model.manifest.Manifest;
import dev.berth.model.manifest.ManifestIndex;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gathers what a registry browser shows about one tag or digest: the manifest,
 * its configuration (or Helm chart metadata), the platforms of an index, the
 * well-known metadata and the referrers, as one {@link ImageDetails}.
 *
 * <pre>{@code
 * ImageDetails d = new ImageInspector(client).inspect("team/app", "1.0");
 * d.kind();                       // IMAGE
 * d.config().get().env();         // [PATH=/usr/bin, DB_PASSWORD=********]
 * }</pre>
 *
 * <p>Thread-safe. Reads the manifest, the configuration (at most
 * {@link ImageConfig#MAX_BYTES}), each entry of an index, and the referrers list.
 */
public final class ImageInspector {
    // BuildKit marks the attestation entries it adds to an index this way.
    private static final String REFERENCE_TYPE = "vnd.docker.reference.type";

    private final RegistryClient client;

    /** @param client the registry to read */
    public ImageInspector(RegistryClient client) {
        this.client = InvalidArgumentException.requireNonNull(client, "client");
    }

    /**
     * @param reference names the image, index or artifact, in the inspector's registry
     * @return the details of what {@code reference} names, by its {@link Reference#identifier() identifier}
     *         (its digest if it has one, else its tag, else {@code latest})
     * @throws dev.berth.client.ForeignReferenceException if it names another registry than the client's
     */
    public ImageDetails inspect(Reference reference) {
        client.requireServes(reference);
        return inspect(reference.repository(), reference.identifier());
    }

    /**
     * @param repository e.g. {@code team/app}
     * @param reference  a tag or a digest
     * @return the details
     * @throws dev.berth.model.RegistryException e.g. 404 {@code MANIFEST_UNKNOWN}
     */
    public ImageDetails inspect(String repository, String reference) {
        Manifest manifest = client.getManifest(repository, reference);
        List<ImageDetails.Referrer> referrers = new java.util.ArrayList<>(client.referrers(repository, manifest.digest())
                .stream().map(ImageDetails.Referrer::of).toList());
        referrers.addAll(cosignAttachments(repository, manifest.digest()));
        ArtifactKind kind = ArtifactKind.of(manifest);
        ImageDetails.Builder details = ImageDetails.builder(repository, reference, manifest.descriptor(), kind)
                .schemaVersion(manifest.schemaVersion()).annotations(manifest.annotations()).referrers(referrers);
        manifest.subject().map(Descriptor::digest).ifPresent(details::subject);
        if (manifest instanceof ManifestIndex index) {
            return inspectIndex(repository, index, details);
        }
        ImageManifest image = (ImageManifest) manifest;
        details.artifactType(image.effectiveArtifactType()).totalSize(image.totalSize())
                .layers(image.layers().stream().map(ImageDetails.Layer::of).toList());
        Optional<ImageConfig> config = Optional.empty();
        if (MediaType.isImageConfig(image.config().mediaType())) {
            config = imageConfig(configBytes(repository, image.config()));
        } else if (kind == ArtifactKind.HELM_CHART) {
            details.helmChart(HelmChart.parse(configBytes(repository, image.config())));
        }
        details.metadata(config.map(c -> ImageMetadata.of(image.annotations(), c))
                .orElseGet(() -> ImageMetadata.of(image.annotations(), Map.of())));
        config.map(ContainerDetails::of).ifPresent(details::config);
        config.flatMap(ImageConfig::author).ifPresent(details::author);
        config.flatMap(ImageConfig::created).or(() -> createdAnnotation(image)).ifPresent(details::created);
        return details.build();
    }

    // A configuration typed as an image's that is not one (cosign's signatures carry one with an empty os and
    // architecture) shows no container details; the rest of the detail stands.
    private static Optional<ImageConfig> imageConfig(byte[] bytes) {
        try {
            return Optional.of(ImageConfig.parse(bytes));
        } catch (OciException notAnImages) {
            return Optional.empty();
        }
    }

    // cosign's tags beside the referrers API: one HEAD each (HEADs do not count against Docker Hub's pull limit).
    // A registry that refuses the look-up (401/403 for a name it does not have, as some do) has none to show.
    private List<ImageDetails.Referrer> cosignAttachments(String repository, Digest subject) {
        List<ImageDetails.Referrer> found = new java.util.ArrayList<>();
        for (CosignTags.Kind kind : CosignTags.Kind.values()) {
            String tag = CosignTags.tag(subject, kind);
            try {
                client.statManifest(repository, tag).ifPresent(d -> found.add(ImageDetails.Referrer.ofCosignTag(tag, d)));
            } catch (RegistryException e) {
                if (e.status() != 401 && e.status() != 403) {
                    throw e;
                }
            }
        }
        return found;
    }

    private ImageDetails inspectIndex(String repository, ManifestIndex index, ImageDetails.Builder details) {
        Map<Digest, Long> distinct = new LinkedHashMap<>();
        distinct.put(index.digest(), (long) index.size());
        List<ImageDetails.PlatformEntry> platforms = new ArrayList<>();
        for (Descriptor entry : index.manifests()) {
            Manifest child = client.getManifest(repository, entry.digest().toString());
            long size = child.size();
            distinct.put(child.digest(), (long) child.size());
            if (child instanceof ImageManifest image) {
                size = image.totalSize();
                distinct.put(image.config().digest(), image.config().size());
                image.layers().forEach(l -> distinct.put(l.digest(), l.size()));
            }
            ArtifactKind entryKind = "attestation-manifest".equals(entry.annotations().get(REFERENCE_TYPE))
                    ? ArtifactKind.ATTESTATION : ArtifactKind.of(child);
            platforms.add(ImageDetails.PlatformEntry.of(entry, size, entryKind));
        }
        index.artifactType().ifPresent(details::artifactType);
        createdAnnotation(index).ifPresent(details::created);
        return details.totalSize(distinct.values().stream().mapToLong(Long::longValue).sum()).platforms(platforms)
                .metadata(ImageMetadata.of(index.annotations(), Map.of())).build();
    }

    private byte[] configBytes(String repository, Descriptor config) {
        if (config.size() > ImageConfig.MAX_BYTES) {
            throw new ContentTooLargeException("configuration " + config.digest(), ImageConfig.MAX_BYTES, config.size());
        }
        Optional<byte[]> embedded = config.data().filter(config.digest()::matches);
        if (embedded.isPresent()) {
            return embedded.get();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) config.size());
        client.getBlob(repository, config, out, TransferListener.NONE);
        return out.toByteArray();
    }

    // Artifacts and indexes have no configuration time; tools put it in this annotation. A malformed one is no time.
    private static Optional<Instant> createdAnnotation(Manifest manifest) {
        String text = manifest.annotations().get(Annotations.CREATED);
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
