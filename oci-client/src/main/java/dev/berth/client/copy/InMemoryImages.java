package dev.berth.client.copy;

import dev.berth.client.BlobSource;
import dev.berth.client.TransferListener;
import dev.berth.client.image.Image;
import dev.berth.client.image.ImageIndex;
import dev.berth.client.image.Layer;
import dev.berth.client.internal.Streams;
import dev.berth.client.layout.UnknownTagException;
import dev.berth.model.ContentTooLargeException;
import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.MalformedContentException;
import dev.berth.model.MediaType;
import dev.berth.model.OciException;
import dev.berth.model.VerifyingInputStream;
import dev.berth.model.artifact.Referrers;
import dev.berth.model.config.ImageConfig;
import dev.berth.model.manifest.ImageManifest;
import dev.berth.model.manifest.Manifest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Images held in memory: blobs, manifests and tags, as a source and a destination of copies
 * ({@link ImageLocation#memory}). {@link #add(Image)} puts an image built in memory here (its layers stay where
 * they are, a file is not read until copied); a copy into the store reads each blob into memory, verified.
 * {@link #image(String)} turns a stored image back into an {@link Image}.
 *
 * <p>Thread-safe.
 */
public final class InMemoryImages implements ImageSource, ImageTarget {
    private final Map<Digest, BlobSource> blobs = new ConcurrentHashMap<>();
    private final Map<Digest, Manifest> manifests = new ConcurrentHashMap<>();
    private final Map<String, Digest> tags = new LinkedHashMap<>();

    /** An empty store. */
    public InMemoryImages() {
    }

    /**
     * Holds an image: its configuration, its layers (their content as the {@link Layer} gives it) and its
     * manifest, untagged.
     *
     * @param image the image
     * @return its manifest's descriptor
     */
    public Descriptor add(Image image) {
        blobs.put(image.config().digest(), BlobSource.of(image.config().bytes()));
        for (Layer l : image.layers()) {
            blobs.put(l.descriptor().digest(), l.content());
        }
        manifests.put(image.manifest().digest(), image.manifest());
        return image.descriptor();
    }

    /**
     * Holds an index and its images, untagged.
     *
     * @param index the index
     * @return the index's descriptor
     */
    public Descriptor add(ImageIndex index) {
        index.images().forEach(this::add);
        manifests.put(index.manifest().digest(), index.manifest());
        return index.manifest().descriptor();
    }

    /**
     * @param tag    the tag
     * @param digest a manifest held here
     * @throws UnknownTagException if no manifest has that digest
     */
    public void tag(String tag, Digest digest) {
        if (tag == null || tag.isBlank() || Digest.tryParse(tag).isPresent()) {
            throw new IllegalArgumentException("a tag must be a non-blank name, not a digest: " + tag);
        }
        if (!manifests.containsKey(digest)) {
            throw new UnknownTagException(describe(), digest.toString(), tags());
        }
        synchronized (tags) {
            tags.put(tag, digest);
        }
    }

    /** @return the tags, in the order they were first given */
    public List<String> tags() {
        synchronized (tags) {
            return List.copyOf(tags.keySet());
        }
    }

    /**
     * @param digest a blob's digest
     * @return whether the store holds it
     */
    public boolean hasBlob(Digest digest) {
        return blobs.containsKey(digest);
    }

    /**
     * An image held here, as an {@link Image}: the configuration kept byte for byte, each layer with its diff ID
     * from the configuration. Its manifest is written afresh as OCI's (Docker's layer media types become their
     * OCI twins): a stored manifest of Docker's media types, or with annotations, gets another digest.
     *
     * @param reference a tag or digest of an image manifest held here, with its configuration and layers
     * @return the image
     * @throws UnknownTagException     if there is no such manifest
     * @throws MalformedContentException if it is an index, or its layers and diff IDs do not pair up
     */
    public Image image(String reference) {
        Manifest m = getManifest(reference);
        if (!(m instanceof ImageManifest manifest)) {
            throw new MalformedContentException(describe() + " " + reference, "", "is an index, not an image");
        }
        byte[] configBytes = read(manifest.config(), ImageConfig.MAX_BYTES);
        ImageConfig config = ImageConfig.parse(configBytes);
        if (config.diffIds().size() != manifest.layers().size()) {
            throw new MalformedContentException(describe() + " " + reference, "layers", manifest.layers().size()
                    + " layers but " + config.diffIds().size() + " diff IDs in the configuration");
        }
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < manifest.layers().size(); i++) {
            Descriptor d = manifest.layers().get(i);
            Descriptor oci = d.toBuilder().mediaType(ociLayerType(d.mediaType())).build();
            layers.add(Layer.of(oci, config.diffIds().get(i), getBlob(d)));
        }
        return Image.of(config, layers);
    }

    // An Image's manifest is OCI's: Docker's layer types become their OCI twins.
    private static String ociLayerType(String mediaType) {
        return switch (mediaType) {
            case MediaType.DOCKER_LAYER -> MediaType.OCI_LAYER_TAR_GZIP;
            case MediaType.DOCKER_LAYER_TAR -> MediaType.OCI_LAYER_TAR;
            case MediaType.DOCKER_FOREIGN_LAYER -> MediaType.OCI_LAYER_NONDISTRIBUTABLE_TAR_GZIP;
            default -> mediaType;
        };
    }

    private byte[] read(Descriptor blob, int limit) {
        if (blob.size() > limit) {
            throw new ContentTooLargeException(describe() + " blob " + blob.digest(), limit, blob.size());
        }
        try (InputStream in = new VerifyingInputStream(contentOf(blob).open(0), blob)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new OciException("cannot read blob " + blob.digest() + " of " + describe(), e);
        }
    }

    // ---------------------------------------------------------------- as a source

    @Override
    public Manifest getManifest(String reference) {
        Optional<Digest> digest = Digest.tryParse(reference);
        Digest d;
        if (digest.isPresent()) {
            d = digest.get();
        } else {
            synchronized (tags) {
                d = tags.get(reference);
            }
        }
        Manifest m = d == null ? null : manifests.get(d);
        if (m == null) {
            throw new UnknownTagException(describe(), reference, tags());
        }
        return m;
    }

    @Override
    public Manifest getManifest(Descriptor descriptor) {
        Manifest m = manifests.get(descriptor.digest());
        if (m == null) {
            throw new UnknownTagException(describe(), descriptor.digest().toString(), tags());
        }
        return m;
    }

    @Override
    public List<Descriptor> referrers(Digest subject) {
        List<Descriptor> found = new ArrayList<>();
        for (Manifest m : manifests.values()) {
            if (m.subject().map(s -> s.digest().equals(subject)).orElse(false)) {
                found.add(Referrers.entryOf(m));
            }
        }
        return found;
    }

    @Override
    public BlobSource getBlob(Descriptor blob) {
        BlobSource b = blobs.get(blob.digest());
        if (b == null) {
            throw new MalformedContentException(describe(), "blob " + blob.digest(), "is missing");
        }
        return b;
    }

    // ---------------------------------------------------------------- as a target

    @Override
    public TransferListener.Outcome pushBlob(Descriptor blob, ImageSource from, TransferListener listener) {
        if (blobs.containsKey(blob.digest())) {
            listener.done(blob, TransferListener.Outcome.ALREADY_PRESENT);
            return TransferListener.Outcome.ALREADY_PRESENT;
        }
        if (blob.size() > Integer.MAX_VALUE - 8) {
            throw new ContentTooLargeException("blob " + blob.digest() + " held in memory", Integer.MAX_VALUE - 8,
                    blob.size());
        }
        byte[] bytes;
        try (InputStream in = new VerifyingInputStream(
                Streams.reportingProgress(from.contentOf(blob).open(0), blob, 0, listener), blob)) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new OciException("cannot read blob " + blob.digest() + " from " + from.describe(), e);
        }
        blobs.put(blob.digest(), BlobSource.of(bytes));
        listener.done(blob, TransferListener.Outcome.TRANSFERRED);
        return TransferListener.Outcome.TRANSFERRED;
    }

    @Override
    public void pushManifest(Manifest manifest, Role role, Optional<String> tag) {
        manifests.put(manifest.digest(), manifest);
        if (role == Role.ROOT && tag.isPresent() && Digest.tryParse(tag.get()).isEmpty()) {
            tag(tag.get(), manifest.digest());
        }
    }

    @Override
    public String describe() {
        return "images in memory";
    }

    @Override
    public void close() {
        // the store outlives the copy
    }
}
