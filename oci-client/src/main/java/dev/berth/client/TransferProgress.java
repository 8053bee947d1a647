package dev.berth.client;

import java.time.Duration;
import java.util.Objects;

/**
 * Where a transfer of several blobs stands (a whole copy, or one blob): a snapshot a {@link ProgressTracker}
 * hands its {@link ProgressListener}. Successive snapshots of one transfer never go backwards.
 *
 * <p>Totals are what is known so far: a copy knows every blob of an image before it moves the first, but it
 * finds referrers only once their subject is copied, so their blobs add to the totals then.
 *
 * @param totalBytes     bytes of every blob known so far
 * @param doneBytes      bytes of blobs complete (sent, already present or mounted) plus bytes moved of blobs in flight
 * @param sentBytes      bytes actually moved; a retried part counts once
 * @param totalBlobs     blobs known so far
 * @param doneBlobs      blobs complete, whatever their outcome
 * @param skippedBlobs   of the complete blobs, those not sent because the destination had them or mounted them
 * @param bytesPerSecond the recent rate of {@code sentBytes} (over the last seconds); in the finished snapshot,
 *                       the average over the whole transfer
 * @param elapsed        time since the transfer started
 * @param finished       true in the last snapshot of a transfer that succeeded
 */
public record TransferProgress(long totalBytes, long doneBytes, long sentBytes, int totalBlobs, int doneBlobs,
                               int skippedBlobs, double bytesPerSecond, Duration elapsed, boolean finished) {

    /**
     * Checks the values are consistent.
     *
     * @param totalBytes     bytes of every blob known so far
     * @param doneBytes      bytes complete or moved, at most {@code totalBytes}
     * @param sentBytes      bytes actually moved, at most {@code doneBytes}
     * @param totalBlobs     blobs known so far
     * @param doneBlobs      blobs complete, at most {@code totalBlobs}
     * @param skippedBlobs   blobs complete without being sent, at most {@code doneBlobs}
     * @param bytesPerSecond the rate, zero or more
     * @param elapsed        time since the start
     * @param finished       whether this is the last snapshot of a transfer that succeeded
     */
    public TransferProgress {
        Objects.requireNonNull(elapsed, "elapsed");
        if (doneBytes < 0 || doneBytes > totalBytes || sentBytes < 0 || sentBytes > doneBytes) {
            throw new IllegalArgumentException("inconsistent bytes: sent " + sentBytes + ", done " + doneBytes
                    + ", total " + totalBytes);
        }
        if (skippedBlobs < 0 || skippedBlobs > doneBlobs || doneBlobs > totalBlobs) {
            throw new IllegalArgumentException("inconsistent blobs: skipped " + skippedBlobs + ", done " + doneBlobs
                    + ", total " + totalBlobs);
        }
        if (!(bytesPerSecond >= 0)) {
            throw new IllegalArgumentException("rate must be zero or more, not " + bytesPerSecond);
        }
    }

    /** @return how much of the known bytes is done, from 0 to 1 (1 when there is nothing to move) */
    public double fraction() {
        return totalBytes == 0 ? (doneBlobs == totalBlobs ? 1 : 0) : (double) doneBytes / totalBytes;
    }
}
