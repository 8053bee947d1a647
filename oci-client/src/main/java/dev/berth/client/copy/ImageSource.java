package dev.berth.client.copy;

import dev.berth.client.BlobSource;
import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.manifest.Manifest;
import java.util.List;
import java.util.Optional;

/**
 * Where {@link ImageCopier} reads an image from, seen through the few operations a copy needs: manifests by
 * reference or descriptor, blobs by descriptor, and referrers. Berth has one for a registry repository, an OCI
 * image layout, {@link InMemoryImages} and the two tar archives; see {@link ImageLocation} for how to plug in
 * another.
 *
 * <p>Implementations must be safe for several threads: blobs are read in parallel. A source need not verify
 * what it returns: the copier's destinations check every blob and manifest against its digest as it arrives.
 * A source opened for one copy by {@link ImageLocation#openSource()} is closed when the copy ends.
 */
public interface ImageSource extends AutoCloseable {

    /**
     * @param reference a tag or a digest, as the source names its manifests
     * @return the manifest {@code reference} names, its exact bytes kept
     * @throws dev.berth.model.OciException (a subtype naming the problem) if there is no such manifest or it cannot
     *                                      be read
     */
    Manifest getManifest(String reference);

    /**
     * @param descriptor a manifest's descriptor, from an index or a referrers list
     * @return the manifest, verified against the descriptor's digest
     * @throws dev.berth.model.DigestMismatchException if its bytes do not match the digest
     */
    Manifest getManifest(Descriptor descriptor);

    /**
     * @param subject the digest of a manifest of this source
     * @return the referrers of {@code subject}, as referrers-index entries; empty if the source keeps none
     */
    List<Descriptor> referrers(Digest subject);

    /**
     * @param blob a configuration or layer of one of this source's manifests
     * @return the blob's content, reopenable at an offset (an upload resumes where the registry stopped)
     * @throws dev.berth.model.OciException (a subtype naming the problem) if the source lacks the blob
     */
    BlobSource getBlob(Descriptor blob);

    /**
     * @param blob a configuration or layer
     * @return the blob's content: the bytes embedded in its descriptor when they match its digest (the empty
     *         config of artifacts; some registries accept a manifest without that blob), else {@link #getBlob}
     */
    default BlobSource contentOf(Descriptor blob) {
        Optional<byte[]> data = blob.data().filter(d -> d.length == blob.size() && blob.digest().matches(d));
        return data.isPresent() ? BlobSource.of(data.get()) : getBlob(blob);
    }

    /** @return where this is, for messages, e.g. {@code oci-archive:/tmp/app.tar} */
    String describe();

    /** Releases what reading needed (an open archive, ...); nothing by default. */
    @Override
    default void close() {
    }
}
