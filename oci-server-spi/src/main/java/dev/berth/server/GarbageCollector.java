package dev.berth.server;

import dev.berth.server.internal.gc.ContentGuard;
import dev.berth.server.internal.gc.OnlineCollector;
import dev.berth.server.internal.gc.PullTimes;
import dev.berth.server.internal.gc.Quotas;
import dev.berth.server.spi.BlobTouches;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Mark and sweep over a registry's storage, for a registry that is not
 * serving (run it before starting, or on a stopped {@code berth serve}):
 * blobs no manifest references are deleted and unlinked, with no grace period;
 * with {@code deleteUntagged}, manifests reachable from no tag (directly, through
 * an index, or as a referrer of a kept manifest) go first. A serving registry
 * collects its own garbage: {@link EmbeddedRegistry#collectGarbage(boolean)}.
 *
 * <pre>{@code
 * GarbageCollector.Report report = new GarbageCollector(Storage.filesystem(dir)).collect(false, true);
 * }</pre>
 */
public final class GarbageCollector {
    private final Storage storage;

    /** @param storage the stores to clean */
    public GarbageCollector(Storage storage) {
        this.storage = storage;
    }

    /**
     * What a collection found (and, unless it was a dry run, removed).
     *
     * @param manifestsDeleted untagged manifests removed
     * @param blobsDeleted     unreferenced blobs removed
     * @param bytesFreed       their size
     */
    public record Report(int manifestsDeleted, int blobsDeleted, long bytesFreed) {
    }

    /**
     * @param dryRun         report only, change nothing
     * @param deleteUntagged also remove manifests no tag reaches
     * @return what was (or would be) removed
     */
    public Report collect(boolean dryRun, boolean deleteUntagged) {
        Clock clock = Clock.systemUTC();
        // The online collector with nothing to share: no pushes run, so no grace is needed.
        GcReport r = new OnlineCollector(storage.blobs(), storage.metadata(), new ContentGuard(),
                storage.metadata().blobTouches().orElseGet(BlobTouches::local),
                new GcSettings(Duration.ZERO, Duration.ZERO, deleteUntagged), List.of(), new PullTimes(clock),
                new Quotas(List.of(), storage.blobs(), storage.metadata()), clock).collect(dryRun);
        return new Report(r.manifestsDeleted().size(), r.blobsDeleted().size(), r.bytesFreed());
    }
}
