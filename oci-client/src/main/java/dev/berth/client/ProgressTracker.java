package dev.berth.client;

import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Adds up the progress of many blobs into one {@link TransferProgress} and hands it to a {@link ProgressListener}
 * at most once per interval, plus once when the transfer {@link #finish() finishes}. Pass it wherever a
 * {@link TransferListener} goes; {@link #expect} blobs up front so that the totals are known before bytes move
 * (a blob first heard of in {@link #progress} or {@link #done} is expected then).
 *
 * <p>Thread-safe: blobs moving in parallel report from their own threads. Counting is per digest, so a blob
 * reported twice, or retried from its start, is counted once; snapshots never go backwards.
 */
public final class ProgressTracker implements TransferListener {
    /** How often a listener hears about a transfer unless told otherwise: ten times a second. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(100);

    // The rate is measured between two marks at least this far apart, so it follows the last few seconds.
    private static final long RATE_WINDOW_NANOS = Duration.ofSeconds(2).toNanos();

    /** What is known of one blob. */
    private static final class Blob {
        final long size;
        long moved;
        boolean done;

        Blob(long size) {
            this.size = size;
        }
    }

    private final ProgressListener listener;
    private final long intervalNanos;
    private final LongSupplier clock;
    private final long started;
    private final Map<Digest, Blob> blobs = new HashMap<>();
    private long totalBytes;
    private long doneBytes;
    private long sentBytes;
    private int doneBlobs;
    private int skippedBlobs;
    private boolean emitted;
    private long lastEmitted;
    private boolean finished;
    private long markAt;
    private long markSent;
    private long previousMarkAt;
    private long previousMarkSent;

    /**
     * @param listener hears the snapshots
     * @param interval the least time between two snapshots (zero: after every change), the last one excepted
     */
    public ProgressTracker(ProgressListener listener, Duration interval) {
        this(listener, interval, System::nanoTime);
    }

    ProgressTracker(ProgressListener listener, Duration interval, LongSupplier clock) {
        this.listener = Objects.requireNonNull(listener, "listener");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("the progress interval must not be negative: " + interval);
        }
        this.intervalNanos = interval.toNanos();
        this.clock = clock;
        this.started = clock.getAsLong();
        this.markAt = started;
        this.previousMarkAt = started;
    }

    /**
     * Adds blobs to the totals, each digest once; the listener hears of them if the interval allows.
     *
     * @param blobs blobs the transfer will move or find present
     */
    public synchronized void expect(Collection<Descriptor> blobs) {
        blobs.forEach(this::blob);
        changed();
    }

    @Override
    public synchronized void progress(Descriptor blob, long transferred) {
        Blob b = blob(blob);
        if (b.done) {
            return;
        }
        long at = Math.min(transferred, b.size);
        if (at > b.moved) {
            doneBytes += at - b.moved;
            sentBytes += at - b.moved;
            b.moved = at;
            changed();
        }
    }

    @Override
    public synchronized void done(Descriptor blob, Outcome outcome) {
        Blob b = blob(blob);
        if (b.done) {
            return;
        }
        b.done = true;
        doneBlobs++;
        if (outcome != Outcome.TRANSFERRED) {
            skippedBlobs++;
        }
        if (b.size > b.moved) {
            doneBytes += b.size - b.moved;
            if (outcome == Outcome.TRANSFERRED) {
                sentBytes += b.size - b.moved; // the last bytes may go without a progress report
            }
        }
        changed();
    }

    /** Ends the transfer: the listener hears its last snapshot, {@link TransferProgress#finished() finished}. */
    public synchronized void finish() {
        if (finished) {
            return;
        }
        finished = true;
        emit(clock.getAsLong());
    }

    /** @return where the transfer stands now */
    public synchronized TransferProgress snapshot() {
        return snapshotAt(clock.getAsLong());
    }

    private Blob blob(Descriptor blob) {
        return blobs.computeIfAbsent(blob.digest(), d -> {
            totalBytes += blob.size();
            return new Blob(blob.size());
        });
    }

    private void changed() {
        if (finished) {
            return;
        }
        long now = clock.getAsLong();
        if (!emitted || now - lastEmitted >= intervalNanos) {
            emit(now);
        }
    }

    private void emit(long now) {
        emitted = true;
        lastEmitted = now;
        listener.onProgress(snapshotAt(now));
    }

    private TransferProgress snapshotAt(long now) {
        long elapsed = Math.max(now - started, 0);
        double rate;
        if (finished) {
            rate = elapsed == 0 ? 0 : sentBytes * 1e9 / elapsed;
        } else {
            if (now - markAt >= RATE_WINDOW_NANOS) {
                previousMarkAt = markAt;
                previousMarkSent = markSent;
                markAt = now;
                markSent = sentBytes;
            }
            long span = now - previousMarkAt;
            rate = span <= 0 ? 0 : (sentBytes - previousMarkSent) * 1e9 / span;
        }
        return new TransferProgress(totalBytes, doneBytes, sentBytes, blobs.size(), doneBlobs, skippedBlobs, rate,
                Duration.ofNanos(elapsed), finished);
    }
}
