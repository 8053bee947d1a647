package dev.berth.server.internal.ops;

import dev.berth.server.internal.Meters;
import dev.berth.server.spi.BlobStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The stored bytes and blobs as gauges. Counting means walking every blob (a directory walk on disk), so a
 * count is reused for {@link #MAX_AGE}: a scrape every few seconds costs one walk per half minute.
 */
public final class StorageMeters {
    static final Duration MAX_AGE = Duration.ofSeconds(30);

    private final BlobStore blobs;
    private final LongSupplier clock;
    private long countedAt;
    private boolean counted;
    private long bytes;
    private long count;

    private StorageMeters(BlobStore blobs, LongSupplier clock) {
        this.blobs = blobs;
        this.clock = clock;
    }

    /**
     * @param blobs    the store whose blobs are counted
     * @param registry where the gauges go
     */
    public static void register(BlobStore blobs, MeterRegistry registry) {
        StorageMeters meters = new StorageMeters(blobs, System::nanoTime);
        Gauge.builder(Meters.STORAGE_SIZE, meters, StorageMeters::bytes).baseUnit(Meters.BYTES)
                .description("Bytes of the stored blobs (counted at most every 30 s)").strongReference(true).register(registry);
        Gauge.builder(Meters.STORAGE_BLOBS, meters, StorageMeters::blobs)
                .description("Stored blobs (counted at most every 30 s)").strongReference(true).register(registry);
    }

    private synchronized double bytes() {
        refresh();
        return bytes;
    }

    private synchronized double blobs() {
        refresh();
        return count;
    }

    private void refresh() {
        long now = clock.getAsLong();
        if (counted && now - countedAt < MAX_AGE.toNanos()) {
            return;
        }
        long[] totals = new long[2];
        blobs.forEach(b -> {
            totals[0] += b.size();
            totals[1]++;
        });
        bytes = totals[0];
        count = totals[1];
        countedAt = now;
        counted = true;
    }
}
