package dev.berth.client.copy;

import dev.berth.client.TransferListener;
import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.Platform;
import java.util.List;
import java.util.Optional;

/**
 * One manifest now at the destination, with what happened to each blob it references.
 *
 * @param manifest its media type, digest and size
 * @param platform its platform, for an entry of an index
 * @param subject  the manifest it refers to, for a referrer
 * @param blobs    its configuration and layers (none for an index)
 */
public record CopiedManifest(Descriptor manifest, Optional<Platform> platform, Optional<Digest> subject,
                             List<BlobCopy> blobs) {

    /**
     * Copies the list.
     *
     * @param manifest its media type, digest and size
     * @param platform its platform, for an entry of an index
     * @param subject the manifest it refers to, for a referrer
     * @param blobs its configuration and layers (none for an index)
     */
    public CopiedManifest {
        blobs = List.copyOf(blobs);
    }

    /**
     * One blob and how it reached the destination.
     *
     * @param blob    the blob
     * @param outcome sent, already there, or mounted from another repository
     */
    public record BlobCopy(Descriptor blob, TransferListener.Outcome outcome) {
    }

    /** @return the bytes of this manifest's blobs that were sent (a blob shared with another image counts for both) */
    public long bytesTransferred() {
        return blobs.stream().filter(b -> b.outcome() == TransferListener.Outcome.TRANSFERRED)
                .mapToLong(b -> b.blob().size()).sum();
    }

    /** @return the size of the manifest's blobs, whatever happened to them */
    public long blobsSize() {
        return blobs.stream().mapToLong(b -> b.blob().size()).sum();
    }
}
