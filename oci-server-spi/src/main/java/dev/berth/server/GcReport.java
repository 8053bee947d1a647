package dev.berth.server;

import dev.berth.model.InvalidArgumentException;
import dev.berth.model.Digest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one garbage collection removed (or, in a dry run, would have removed).
 *
 * @param dryRun           whether nothing was changed
 * @param started          when the collection started
 * @param took             how long it ran
 * @param tagsDeleted      tags retention removed, as {@code repository:tag}
 * @param manifestsDeleted manifests removed (by retention or as untagged), as {@code repository@digest}
 * @param blobsDeleted     blobs removed: referenced by no manifest kept and older than the grace period
 * @param bytesFreed       the removed blobs' size
 */
public record GcReport(boolean dryRun, Instant started, Duration took, List<String> tagsDeleted,
                       List<String> manifestsDeleted, List<Digest> blobsDeleted, long bytesFreed) {
    /**
     * Copies the lists.
     *
     * @param dryRun           whether nothing was changed
     * @param started          when the collection started
     * @param took             how long it ran
     * @param tagsDeleted      tags removed, as {@code repository:tag}
     * @param manifestsDeleted manifests removed, as {@code repository@digest}
     * @param blobsDeleted     blobs removed
     * @param bytesFreed       their size
     */
    public GcReport {
        InvalidArgumentException.requireNonNull(started, "started");
        InvalidArgumentException.requireNonNull(took, "took");
        tagsDeleted = List.copyOf(tagsDeleted);
        manifestsDeleted = List.copyOf(manifestsDeleted);
        blobsDeleted = List.copyOf(blobsDeleted);
    }
}
