package dev.berth.model.manifest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.model.ContentTooLargeException;
import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.DigestAlgorithm;
import dev.berth.model.Extensions;
import dev.berth.model.MalformedContentException;
import dev.berth.model.MediaType;
import dev.berth.model.UnsupportedManifestException;
import dev.berth.model.internal.Json;
import dev.berth.model.internal.JsonFields;
import java.util.Map;
import java.util.Optional;

/**
 * A manifest: its exact bytes, its media type and its digest, with a typed
 * view parsed from those bytes. Either an {@link ImageManifest} (OCI image
 * manifest or Docker schema 2 manifest) or a {@link ManifestIndex} (OCI image
 * index or Docker manifest list).
 *
 * <p>The bytes are the truth: {@link #bytes()} returns exactly what was parsed
 * and {@link #digest()} is computed over them, never over re-serialised JSON.
 * Fields the specification does not define are kept in {@link #extensions()}
 * and survive a trip through {@code toBuilder()}.
 *
 * <pre>{@code
 * Manifest m = Manifest.parse(body, response.contentType());
 * if (m instanceof ManifestIndex index) { ... index.find(Platform.parse("linux/arm64")) ... }
 * }</pre>
 */
public abstract sealed class Manifest permits ImageManifest, ManifestIndex {

    /** The largest manifest Berth reads or writes: 4 MiB, as distribution and containerd. */
    public static final int MAX_BYTES = 4 * 1024 * 1024;

    private final byte[] bytes;
    private final String mediaType;
    private final Digest digest;
    private final Map<String, String> annotations;
    private final Descriptor subject;
    private final String artifactType;
    private final Extensions extensions;

    Manifest(byte[] bytes, String mediaType, Map<String, String> annotations, Descriptor subject,
             String artifactType, Extensions extensions) {
        this.bytes = bytes;
        this.mediaType = mediaType;
        this.digest = Digest.sha256(bytes);
        this.annotations = Map.copyOf(annotations);
        this.subject = subject;
        this.artifactType = artifactType;
        this.extensions = extensions;
    }

    /**
     * Parses a manifest from its exact bytes. The media type is taken from the
     * document's own {@code mediaType} field when it has one, else from
     * {@code contentType} when that names a manifest type that fits the
     * document's shape, else from the shape itself; registries that send
     * {@code application/json}, {@code text/plain} or nothing are thus handled.
     *
     * @param bytes       the exact bytes as received
     * @param contentType the Content-Type header, or null
     * @return the manifest
     * @throws ContentTooLargeException      above {@link #MAX_BYTES}
     * @throws UnsupportedManifestException  for Docker schema 1 and non-manifest types
     * @throws MalformedContentException     naming the first bad field
     */
    public static Manifest parse(byte[] bytes, String contentType) {
        if (bytes.length > MAX_BYTES) {
            throw new ContentTooLargeException("manifest", MAX_BYTES, bytes.length);
        }
        ObjectNode root = Json.readObject(bytes, "manifest");
        String mediaType = ManifestTypes.detect(root, contentType);
        JsonFields fields = JsonFields.root(root, ManifestTypes.documentName(mediaType));
        int schemaVersion = fields.optionalInt("schemaVersion")
                .orElseThrow(() -> fields.error("schemaVersion", "required field is missing"));
        if (schemaVersion != 2) {
            throw fields.error("schemaVersion", "expected 2, found " + schemaVersion);
        }
        byte[] copy = bytes.clone();
        return MediaType.isIndex(mediaType)
                ? ManifestIndex.read(copy, mediaType, fields)
                : ImageManifest.read(copy, mediaType, fields);
    }

    /**
     * Parses a manifest and checks it against the digest it was asked for.
     *
     * @param bytes       the exact bytes as received
     * @param contentType the Content-Type header, or null
     * @param expected    the digest requested or announced by the registry
     * @return the manifest
     * @throws dev.berth.model.DigestMismatchException if the bytes hash to another digest
     */
    public static Manifest parse(byte[] bytes, String contentType, Digest expected) {
        expected.verify(bytes);
        return parse(bytes, contentType);
    }

    /**
     * Works out the media type of a manifest whose Content-Type may be wrong or
     * missing, without building the typed view.
     *
     * @param contentType the Content-Type the registry sent, or null
     * @param bytes the manifest's bytes
     * @return one of {@link MediaType#MANIFEST_TYPES}
     */
    public static String detectMediaType(byte[] bytes, String contentType) {
        return ManifestTypes.detect(Json.readObject(bytes, "manifest"), contentType);
    }

    /** @return a copy of the exact bytes */
    public final byte[] bytes() {
        return bytes.clone();
    }

    /** @return the size of the bytes */
    public final int size() {
        return bytes.length;
    }

    /** @return the media type, one of {@link MediaType#MANIFEST_TYPES} */
    public final String mediaType() {
        return mediaType;
    }

    /** @return the sha256 digest of the exact bytes */
    public final Digest digest() {
        return digest;
    }

    /**
     * @param algorithm the digest algorithm to use
     * @return the digest of the exact bytes with another algorithm
     */
    public final Digest digest(DigestAlgorithm algorithm) {
        return Digest.compute(algorithm, bytes);
    }

    /** @return always 2: the only schema version Berth parses */
    public final int schemaVersion() {
        return 2;
    }

    /** @return the annotations, possibly empty */
    public final Map<String, String> annotations() {
        return annotations;
    }

    /** @return the manifest this one refers to (signatures, SBOMs, attestations) */
    public final Optional<Descriptor> subject() {
        return Optional.ofNullable(subject);
    }

    /** @return the declared artifact type, if any (see {@link ImageManifest#effectiveArtifactType()}) */
    public final Optional<String> artifactType() {
        return Optional.ofNullable(artifactType);
    }

    /** @return fields the specification does not define, kept for round trips */
    public final Extensions extensions() {
        return extensions;
    }

    /** @return whether this is a Docker (not OCI) manifest type */
    public final boolean isDocker() {
        return MediaType.isDocker(mediaType);
    }

    /** @return a descriptor of this manifest: media type, digest and size */
    public Descriptor descriptor() {
        return Descriptor.builder().mediaType(mediaType).digest(digest).size(bytes.length).build();
    }

    @Override
    public final boolean equals(Object o) {
        return o instanceof Manifest && ((Manifest) o).digest.equals(digest) && ((Manifest) o).mediaType.equals(mediaType);
    }

    @Override
    public final int hashCode() {
        return digest.hashCode();
    }

    @Override
    public String toString() {
        return mediaType + " " + digest + " (" + bytes.length + " bytes)";
    }
}
