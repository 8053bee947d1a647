package dev.berth.model.artifact;

import dev.berth.model.Descriptor;
import dev.berth.model.MediaType;
import dev.berth.model.manifest.ImageManifest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Building blocks for OCI artifacts: the empty configuration and a one-call
 * way to describe an artifact manifest that refers to a subject.
 */
public final class Artifacts {
    private Artifacts() {
    }

    /** The content of the empty descriptor: the two bytes {@code {}}. */
    public static final byte[] EMPTY_JSON = "{}".getBytes(StandardCharsets.US_ASCII);

    /**
     * The empty descriptor ({@code application/vnd.oci.empty.v1+json}, sha256 of
     * {@code {}}, size 2) with its data embedded, as image-spec 1.1 recommends for
     * the config of artifacts that need none.
     */
    public static final Descriptor EMPTY_CONFIG = Descriptor.forContent(MediaType.OCI_EMPTY, EMPTY_JSON)
            .toBuilder().data(EMPTY_JSON).build();

    /**
     * An artifact manifest in the image-spec 1.1 form: {@code artifactType} set,
     * the empty config, the given blobs as layers and an optional subject.
     *
     * @param artifactType e.g. {@link MediaType#SPDX_JSON}
     * @param blobs        the artifact's files
     * @param subject      the manifest it refers to, or null
     * @param annotations  annotations, e.g. {@code org.opencontainers.image.created}
     * @return the manifest
     */
    public static ImageManifest manifest(String artifactType, List<Descriptor> blobs, Descriptor subject,
                                         Map<String, String> annotations) {
        return ImageManifest.builder().artifactType(artifactType).config(EMPTY_CONFIG).layers(blobs)
                .subject(subject).annotations(annotations).build();
    }
}
