package dev.berth.client.copy;

import dev.berth.client.TransferListener;
import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a copy did.
 *
 * @param source      the manifest the source reference named
 * @param destination the manifest now tagged (or pushed by digest) at the destination
 * @param root        whether that is the same manifest, and if not, why not
 * @param manifests   every manifest copied for the image, children before the index
 * @param referrers   the referrers copied, each after its subject
 */
public record CopyResult(Descriptor source, Descriptor destination, Root root, List<CopiedManifest> manifests,
                         List<CopiedManifest> referrers) {

    /** How the manifest at the destination relates to the one at the source. */
    public enum Root {
        /** The same bytes, the same digest. */
        SAME,
        /**
         * A new index holding only the selected platforms' entries: its digest differs from the source's,
         * and referrers of the source index (whose subject is the old digest) were not copied.
         */
        SUBSET_INDEX,
        /** The one selected platform's image manifest, taken out of the source index. */
        PLATFORM_IMAGE
    }

    /**
     * Copies the lists.
     *
     * @param source the manifest the source reference named
     * @param destination the manifest now tagged (or pushed by digest) at the destination
     * @param root whether that is the same manifest, and if not, why not
     * @param manifests every manifest copied for the image, children before the index
     * @param referrers the referrers copied, each after its subject
     */
    public CopyResult {
        manifests = List.copyOf(manifests);
        referrers = List.copyOf(referrers);
    }

    /** @return whether the destination digest differs from the source's */
    public boolean digestChanged() {
        return !source.digest().equals(destination.digest());
    }

    /** @return every distinct blob and how it got there, over the image and its referrers */
    public Map<Digest, CopiedManifest.BlobCopy> blobs() {
        Map<Digest, CopiedManifest.BlobCopy> all = new LinkedHashMap<>();
        List<CopiedManifest> every = new ArrayList<>(manifests);
        every.addAll(referrers);
        for (CopiedManifest m : every) {
            for (CopiedManifest.BlobCopy b : m.blobs()) {
                all.putIfAbsent(b.blob().digest(), b);
            }
        }
        return all;
    }

    /** @return bytes sent, each distinct blob counted once */
    public long bytesTransferred() {
        return blobs().values().stream().filter(b -> b.outcome() == TransferListener.Outcome.TRANSFERRED)
                .mapToLong(b -> b.blob().size()).sum();
    }

    /**
     * @param outcome the outcome to count, such as {@code MOUNTED}
     * @return how many distinct blobs had this outcome
     */
    public long blobCount(TransferListener.Outcome outcome) {
        return blobs().values().stream().filter(b -> b.outcome() == outcome).count();
    }
}
