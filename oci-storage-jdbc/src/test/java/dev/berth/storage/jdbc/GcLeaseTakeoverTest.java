package dev.berth.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.model.Digest;
import dev.berth.server.EmbeddedRegistry;
import dev.berth.server.GcSettings;
import dev.berth.server.Storage;
import dev.berth.server.storage.fs.FileBlobStore;
import dev.berth.testsupport.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An instance that took the garbage collection lease and died (it never renews nor releases it) keeps the others
 * from collecting until the lease's time to live has passed; then the next one takes it over and collects.
 */
class GcLeaseTakeoverTest {
    private static final Duration TTL = Duration.ofMinutes(1);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void aLeaseItsHolderNeverRenewsIsTakenOverAfterItsTimeToLive() throws Exception {
        String url = Postgres.newDatabase();
        // The leases' expiry is read on this clock; the blobs' ages on the real one (no grace here).
        MutableClock clock = new MutableClock(Instant.now());
        JdbcLease seenByTheDeadOne = JdbcMetadataStore.open(Postgres.dataSource(url), clock).lease();
        assertTrue(seenByTheDeadOne.tryAcquire("gc", "instance-that-died", TTL));

        JdbcMetadataStore metadata = JdbcMetadataStore.open(Postgres.pooled(url), clock);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (EmbeddedRegistry survivor = EmbeddedRegistry.builder()
                .storage(new Storage(new FileBlobStore(dir), metadata)).meterRegistry(meters)
                .garbageCollection(new GcSettings(Duration.ofMillis(20), Duration.ZERO, false))
                .jobLease(metadata.lease().forInstance("survivor", TTL)).start()) {
            byte[] orphan = "uploaded, never referenced".getBytes(StandardCharsets.UTF_8);
            Digest d = Digest.sha256(orphan);
            assertEquals(201, HTTP.send(HttpRequest.newBuilder(URI.create(survivor.baseUri() + "/v2/r/blobs/uploads/?digest=" + d))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(orphan)).build(), HttpResponse.BodyHandlers.discarding()).statusCode());

            assertTrue(waitFor(() -> meters.counter("registry.gc.skipped").count() >= 3), "the schedule came round");
            assertEquals(0, meters.counter("registry.gc.runs").count(), "no run while the dead instance's lease lives");
            assertTrue(survivor.storage().blobs().stat(d).isPresent());
            assertEquals(Optional.of("instance-that-died"), metadata.lease().holder("gc"));

            clock.advance(TTL);
            assertTrue(waitFor(() -> survivor.storage().blobs().stat(d).isEmpty()), "taken over, the orphan collected");
            assertTrue(waitFor(() -> meters.counter("registry.gc.runs").count() >= 1), "and the run counted");
        }
    }

    // Waits for the schedule, not for a time: returns as soon as the condition holds.
    private static boolean waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }
}
