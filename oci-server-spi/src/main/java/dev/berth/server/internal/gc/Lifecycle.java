package dev.berth.server.internal.gc;

import dev.berth.model.Digest;
import dev.berth.server.spi.BlobTouches;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * What the registry's pushes and pulls share with garbage collection, retention and quotas: the guard, the
 * quotas, the pull times (recorded only when a retention policy reads them), the blob touches and the clock.
 *
 * @param guard   striped locks and pins between pushes and this process's collector
 * @param quotas  the namespaces' quotas
 * @param pulls   the pull times, or null when nothing reads them
 * @param touches when pushes last relied on each blob and which ones a collector is deleting, shared by every
 *                instance over the storage
 * @param clock   the clock
 */
public record Lifecycle(ContentGuard guard, Quotas quotas, PullTimes pulls, BlobTouches touches, Clock clock) {
    // A collector holds a claim for one blob's unlink and delete: a push waiting on one waits that long, no more.
    private static final Duration CLAIM_WAIT = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 10;

    /**
     * @param blobs    the blob store
     * @param metadata the metadata store
     * @return no quotas, no pull times, the store's touches (or this process's), the system clock: a registry
     *         without lifecycle settings
     */
    public static Lifecycle none(dev.berth.server.spi.BlobStore blobs, dev.berth.server.spi.MetadataStore metadata) {
        return new Lifecycle(new ContentGuard(), new Quotas(List.of(), blobs, metadata), null,
                metadata.blobTouches().orElseGet(BlobTouches::local), Clock.systemUTC());
    }

    /**
     * @param repository the repository
     * @param manifest   the manifest a client pulled (or checked)
     */
    public void pulled(String repository, Digest manifest) {
        if (pulls != null) {
            pulls.pulled(repository, manifest);
        }
    }

    /**
     * Touches blobs a push is about to rely on, before it checks that they are stored: a collector then keeps them
     * for the grace period. A blob a collector has claimed is being deleted; this waits (briefly) for the claim to
     * end, after which the blob is gone or kept, and the caller's check tells which.
     *
     * @param blobs the blobs
     * @return whether all were touched; false when a claim outlasted the wait, and the caller must not rely on them
     */
    public boolean relyOn(Collection<Digest> blobs) {
        long deadline = System.nanoTime() + CLAIM_WAIT.toNanos();
        Collection<Digest> left = blobs;
        while (true) {
            Set<Digest> claimed = touches.touch(left, clock.instant());
            if (claimed.isEmpty()) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            left = claimed;
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /**
     * Touches a blob a client is told exists (HEAD, GET), so it may push a manifest on it without uploading it.
     *
     * @param blob the blob
     * @return whether it was touched; false while a collector deletes it, and the client is told it is not there
     */
    public boolean confirm(Digest blob) {
        return touches.touch(List.of(blob), clock.instant()).isEmpty();
    }
}
