package dev.berth.server.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The names of every meter the registry publishes, in Micrometer's dotted form, in one place. A Prometheus
 * registry writes them with underscores, a unit suffix ({@code _seconds}, {@code _bytes}) from the meter's base
 * unit, and {@code _total} on counters, which gives distribution's names where it has them:
 *
 * <ul>
 * <li>{@value #HTTP_REQUEST_DURATION}: {@code registry_http_request_duration_seconds} (timer: histogram
 *     buckets, count and sum), tags {@code method}, {@code route}, {@code status}</li>
 * <li>{@value #HTTP_REQUESTS}: {@code registry_http_requests_total}, same tags</li>
 * <li>{@value #HTTP_IN_FLIGHT}: {@code registry_http_in_flight_requests}</li>
 * <li>{@value #HTTP_REQUEST_SIZE} / {@value #HTTP_RESPONSE_SIZE}: {@code registry_http_request_size_bytes} /
 *     {@code registry_http_response_size_bytes} (summaries: their {@code _sum} is the bytes in and out),
 *     tags {@code method}, {@code route}</li>
 * <li>{@value #BLOB_UPLOADS}: {@code registry_storage_blob_upload_total}, finished blob uploads (mounts not counted)</li>
 * <li>{@value #BLOB_REDIRECTS}: {@code registry_storage_blob_redirect_total}, blob pulls sent to the blob store's
 *     URL (307) instead of served</li>
 * <li>{@value #STORAGE_SIZE} / {@value #STORAGE_BLOBS}: {@code registry_storage_size_bytes} /
 *     {@code registry_storage_blobs}, the bytes and number of stored blobs</li>
 * <li>{@value #EVENTS_SENT}, {@value #EVENTS_FAILED}, {@value #EVENTS_DROPPED}:
 *     {@code registry_notifications_sent_total}, {@code ..._failed_total}, {@code ..._dropped_total}, and
 *     {@value #EVENTS_PENDING}: {@code registry_notifications_pending}, tag {@code endpoint}</li>
 * <li>{@value #GC_RUNS}, {@value #GC_RECLAIMED}, {@value #GC_BLOBS_DELETED}, {@value #GC_MANIFESTS_DELETED},
 *     {@value #GC_DURATION}, {@value #GC_SKIPPED}: {@code registry_gc_runs_total},
 *     {@code registry_gc_reclaimed_bytes_total}, {@code registry_gc_blobs_deleted_total},
 *     {@code registry_gc_manifests_deleted_total}, {@code registry_gc_duration_seconds},
 *     {@code registry_gc_skipped_total} (scheduled runs left to the instance that holds the lease)</li>
 * </ul>
 */
public final class Meters {
    public static final String HTTP_REQUEST_DURATION = "registry.http.request.duration";
    public static final String HTTP_REQUESTS = "registry.http.requests";
    public static final String HTTP_IN_FLIGHT = "registry.http.in.flight.requests";
    public static final String HTTP_REQUEST_SIZE = "registry.http.request.size";
    public static final String HTTP_RESPONSE_SIZE = "registry.http.response.size";
    public static final String BLOB_UPLOADS = "registry.storage.blob.upload";
    public static final String BLOB_REDIRECTS = "registry.storage.blob.redirect";
    public static final String STORAGE_SIZE = "registry.storage.size";
    public static final String STORAGE_BLOBS = "registry.storage.blobs";
    public static final String STORAGE_ACTION = "registry.storage.action";
    public static final String EVENTS_SENT = "registry.notifications.sent";
    public static final String EVENTS_FAILED = "registry.notifications.failed";
    public static final String EVENTS_DROPPED = "registry.notifications.dropped";
    public static final String EVENTS_PENDING = "registry.notifications.pending";
    public static final String GC_RUNS = "registry.gc.runs";
    public static final String GC_RECLAIMED = "registry.gc.reclaimed";
    public static final String GC_BLOBS_DELETED = "registry.gc.blobs.deleted";
    public static final String GC_MANIFESTS_DELETED = "registry.gc.manifests.deleted";
    public static final String GC_DURATION = "registry.gc.duration";
    public static final String GC_SKIPPED = "registry.gc.skipped";

    public static final String BYTES = "bytes";

    private Meters() {
    }

    /**
     * @param registry where the meters go, or null for none
     * @return what a garbage collection run reports its work to
     */
    public static GcMeters gc(MeterRegistry registry) {
        return registry == null ? GcMeters.NONE : new GcMeters(registry);
    }

    /** The garbage collector's meters: one {@link #run} per mark and sweep (dry runs are not counted). */
    public static class GcMeters {
        static final GcMeters NONE = new GcMeters();

        private final Counter runs;
        private final Counter reclaimed;
        private final Counter blobs;
        private final Counter manifests;
        private final Timer duration;
        private final Counter skipped;

        private GcMeters() {
            runs = null;
            reclaimed = null;
            blobs = null;
            manifests = null;
            duration = null;
            skipped = null;
        }

        GcMeters(MeterRegistry registry) {
            runs = Counter.builder(GC_RUNS).description("Garbage collection runs").register(registry);
            reclaimed = Counter.builder(GC_RECLAIMED).baseUnit(BYTES).description("Bytes of blobs garbage collection deleted")
                    .register(registry);
            blobs = Counter.builder(GC_BLOBS_DELETED).description("Blobs garbage collection deleted").register(registry);
            manifests = Counter.builder(GC_MANIFESTS_DELETED).description("Manifests garbage collection deleted")
                    .register(registry);
            duration = Timer.builder(GC_DURATION).description("How long garbage collection runs took").register(registry);
            skipped = Counter.builder(GC_SKIPPED).description("Scheduled garbage collections left to the instance"
                    + " holding the lease").register(registry);
        }

        /** A scheduled run did not start: another instance holds the lease. */
        public void skipped() {
            if (skipped != null) {
                skipped.increment();
            }
        }

        /**
         * @param took             how long the run took
         * @param bytesReclaimed   bytes of the blobs it deleted
         * @param blobsDeleted     blobs it deleted
         * @param manifestsDeleted manifests it deleted
         */
        public void run(Duration took, long bytesReclaimed, long blobsDeleted, long manifestsDeleted) {
            if (runs == null) {
                return;
            }
            runs.increment();
            reclaimed.increment(bytesReclaimed);
            blobs.increment(blobsDeleted);
            manifests.increment(manifestsDeleted);
            duration.record(took);
        }
    }
}
