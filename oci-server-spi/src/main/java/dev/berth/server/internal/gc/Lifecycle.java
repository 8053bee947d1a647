package dev.berth.server.internal.gc;

import dev.berth.model.Digest;
import java.time.Clock;
import java.util.List;

/**
 * What the registry's pushes and pulls share with garbage collection, retention and quotas: the guard, the
 * quotas, the pull times (recorded only when a retention policy reads them) and the clock.
 *
 * @param guard  striped locks and pins between pushes and the collector
 * @param quotas the namespaces' quotas
 * @param pulls  the pull times, or null when nothing reads them
 * @param clock  the clock
 */
public record Lifecycle(ContentGuard guard, Quotas quotas, PullTimes pulls, Clock clock) {
    /**
     * @param blobs    the blob store
     * @param metadata the metadata store
     * @return no quotas, no pull times, the system clock: a registry without lifecycle settings
     */
    public static Lifecycle none(dev.berth.server.spi.BlobStore blobs, dev.berth.server.spi.MetadataStore metadata) {
        return new Lifecycle(new ContentGuard(), new Quotas(List.of(), blobs, metadata), null, Clock.systemUTC());
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
}
