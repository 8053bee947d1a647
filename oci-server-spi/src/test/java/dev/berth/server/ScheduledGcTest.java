package dev.berth.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.model.Digest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** gc.interval: collection runs by itself while the registry serves; a dry run on demand reports and keeps. */
class ScheduledGcTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void theReadmeLifecycleExampleBuildsAndRuns(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        // snippet: server-lifecycle
        EmbeddedRegistry registry = EmbeddedRegistry.builder().storage(Storage.filesystem(dir))
                .garbageCollection(new GcSettings(Duration.ofHours(1), Duration.ofHours(1), true))  // interval, grace, untagged
                .retention(List.of(RetentionPolicy.forRepositories("team/**").keepNewest(10).keepTags("v*", "latest")
                        .keepPulledWithin(Duration.ofDays(30)).keepUntaggedFor(Duration.ofDays(1))))
                .quotas(List.of(new Quota("team", 10L << 30, 100)))          // bytes and repositories under team/
                .start();
        GcReport report = registry.collectGarbage(true);                     // dry run: what would go
        // end snippet
        try (registry) {
            assertTrue(report.dryRun());
            assertEquals(List.of(), report.blobsDeleted());
        }
    }

    @Test
    void settingsRefuseWhatMakesNoSense() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new GcSettings(Duration.ofMinutes(-1), Duration.ZERO, false));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new Quota("Team!", 1, 1));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Quota.ofBytes("team", -1));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> RetentionPolicy.forRepositories(List.of()));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> RetentionPolicy.forRepositories("**").keepNewest(-1));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> RetentionPolicy.forRepositories("**").keepUntaggedFor(Duration.ZERO));
        RetentionPolicy p = RetentionPolicy.forRepositories("team/*");
        assertTrue(p.appliesTo("team/app"));
        assertTrue(!p.appliesTo("team/app/sub"), "* stops at a slash");
        assertTrue(RetentionPolicy.forRepositories("team/**").appliesTo("team/app/sub"), "** spans slashes");
        assertTrue(new Quota("team", 1, 1).covers("team/app") && !new Quota("team", 1, 1).covers("teamwork/app"));
    }

    @Test
    void aDryRunReportsWhatTheScheduleThenRemoves() throws Exception {
        byte[] orphan = "uploaded, never referenced".getBytes(StandardCharsets.UTF_8);
        Digest d = Digest.sha256(orphan);
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder()
                .garbageCollection(new GcSettings(Duration.ofHours(1), Duration.ZERO, true)).start()) {
            assertEquals(201, HTTP.send(HttpRequest.newBuilder(URI.create(registry.baseUri() + "/v2/r/blobs/uploads/?digest=" + d))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(orphan)).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
            GcReport dry = registry.collectGarbage(true);
            assertTrue(dry.dryRun());
            assertEquals(List.of(d), dry.blobsDeleted());
            assertEquals(orphan.length, dry.bytesFreed());
            assertTrue(registry.storage().blobs().stat(d).isPresent(), "a dry run keeps it");
        }
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder()
                .garbageCollection(new GcSettings(Duration.ofMillis(20), Duration.ZERO, true)).start()) {
            assertEquals(201, HTTP.send(HttpRequest.newBuilder(URI.create(registry.baseUri() + "/v2/r/blobs/uploads/?digest=" + d))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(orphan)).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
            // Waits for the schedule, not for a time: the loop ends as soon as the collector has run.
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (registry.storage().blobs().stat(d).isPresent() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(registry.storage().blobs().stat(d).isEmpty(), "the scheduled collection removed the orphan");
        }
    }

    @Test
    void aScheduledRunStopsWhenItsLeaseCannotBeRenewedAndNoneStartsWithoutIt() throws Exception {
        byte[] orphan = "uploaded, never referenced".getBytes(StandardCharsets.UTF_8);
        Digest d = Digest.sha256(orphan);
        java.util.concurrent.atomic.AtomicInteger acquired = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger released = new java.util.concurrent.atomic.AtomicInteger();
        // Granted, then lost at once: as when another instance took it over while this one was paused.
        dev.berth.server.spi.JobLease lostAtOnce = new dev.berth.server.spi.JobLease() {
            @Override
            public boolean tryAcquire(String job) {
                acquired.incrementAndGet();
                return true;
            }

            @Override
            public boolean renew(String job) {
                return false;
            }

            @Override
            public void release(String job) {
                released.incrementAndGet();
            }
        };
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder().jobLease(lostAtOnce)
                .garbageCollection(new GcSettings(Duration.ofMillis(20), Duration.ZERO, true)).start()) {
            assertEquals(201, HTTP.send(HttpRequest.newBuilder(URI.create(registry.baseUri() + "/v2/r/blobs/uploads/?digest=" + d))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(orphan)).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (released.get() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(released.get() >= 3, "runs came round and gave the lease back");
            assertTrue(registry.storage().blobs().stat(d).isPresent(), "no run deleted anything after losing its lease");
        }
        dev.berth.server.spi.JobLease neverGranted = new dev.berth.server.spi.JobLease() {
            @Override
            public boolean tryAcquire(String job) {
                acquired.incrementAndGet();
                return false;
            }

            @Override
            public boolean renew(String job) {
                throw new AssertionError("renewed a lease it never got");
            }

            @Override
            public void release(String job) {
                throw new AssertionError("released a lease it never got");
            }
        };
        acquired.set(0);
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder().jobLease(neverGranted)
                .garbageCollection(new GcSettings(Duration.ofMillis(20), Duration.ZERO, true)).start()) {
            assertEquals(201, HTTP.send(HttpRequest.newBuilder(URI.create(registry.baseUri() + "/v2/r/blobs/uploads/?digest=" + d))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(orphan)).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (acquired.get() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(acquired.get() >= 3, "the schedule came round");
            assertTrue(registry.storage().blobs().stat(d).isPresent(), "another instance holds the lease: this one waits");
            assertEquals(List.of(d), registry.collectGarbage(false).blobsDeleted(), "on demand, it collects all the same");
        }
    }
}
