package dev.berth.server.storage.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.model.Digest;
import dev.berth.server.spi.ManifestRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store answers from memory what it read before; what it answers must stay what its folder says. */
class FileMetadataStoreCacheTest {
    @TempDir
    Path dir;

    private static ManifestRecord manifest(int n) {
        byte[] bytes = ("{\"schemaVersion\":2,\"n\":" + n + ",\"pad\":\"" + "x".repeat(200) + "\"}").getBytes(StandardCharsets.UTF_8);
        return ManifestRecord.of(Digest.sha256(bytes), "application/vnd.oci.image.manifest.v1+json", bytes);
    }

    @Test
    void readsAfterWritesAgreeWithAFreshStoreOverTheSameFolder() {
        FileMetadataStore store = new FileMetadataStore(dir);
        ManifestRecord one = manifest(1);
        ManifestRecord two = manifest(2);
        store.putManifest("team/app", one, List.of("latest", "v1"));
        store.putManifest("team/app", two, List.of());
        // Read everything once, so the next answers can come from memory.
        assertEquals(Optional.of(one.digest()), store.resolveTag("team/app", "latest"));
        assertEquals(Optional.of(one), store.getManifest("team/app", one.digest()));
        assertEquals(Optional.of(two), store.getManifest("team/app", two.digest()));

        store.putManifest("team/app", two, List.of("latest")); // a tag move
        assertEquals(Optional.of(two.digest()), store.resolveTag("team/app", "latest"));
        assertTrue(store.deleteTag("team/app", "v1"));
        assertEquals(Optional.empty(), store.resolveTag("team/app", "v1"));
        assertTrue(store.deleteManifest("team/app", two.digest()));
        assertEquals(Optional.empty(), store.getManifest("team/app", two.digest()));
        assertEquals(Optional.empty(), store.resolveTag("team/app", "latest"), "the tag went with its manifest");
        assertEquals(Optional.of(one), store.getManifest("team/app", one.digest()));
        store.putManifest("team/app", one, List.of("again"));
        assertTrue(store.deleteRepository("team/app"));
        assertEquals(Optional.empty(), store.getManifest("team/app", one.digest()));
        assertEquals(Optional.empty(), store.resolveTag("team/app", "again"));

        FileMetadataStore fresh = new FileMetadataStore(dir);
        for (String tag : List.of("latest", "v1", "again")) {
            assertEquals(fresh.resolveTag("team/app", tag), store.resolveTag("team/app", tag), tag);
        }
        assertEquals(fresh.getManifest("team/app", one.digest()), store.getManifest("team/app", one.digest()));
    }

    @Test
    void tagMovesRacingReadsEndWhereTheFolderSays() throws Exception {
        FileMetadataStore store = new FileMetadataStore(dir);
        List<ManifestRecord> manifests = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            manifests.add(manifest(i));
            store.putManifest("r", manifests.get(i), List.of());
        }
        Set<Digest> pushed = Set.copyOf(manifests.stream().map(ManifestRecord::digest).toList());
        Set<Digest> seen = ConcurrentHashMap.newKeySet();
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                int first = w;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 300; i++) {
                        store.putManifest("r", manifests.get((first + i) % manifests.size()), List.of("latest"));
                    }
                }));
            }
            List<Future<?>> readers = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                readers.add(pool.submit(() -> {
                    while (writing.get()) {
                        store.resolveTag("r", "latest").ifPresent(seen::add);
                    }
                }));
            }
            for (Future<?> f : writers) {
                f.get(60, TimeUnit.SECONDS);
            }
            writing.set(false);
            for (Future<?> f : readers) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(pushed.containsAll(seen), "readers saw only pushed manifests: " + seen);
        assertEquals(new FileMetadataStore(dir).resolveTag("r", "latest"), store.resolveTag("r", "latest"));
    }

    @Test
    void manifestsBeyondTheByteBudgetAreStillAnsweredRight() {
        FileMetadataStore store = new FileMetadataStore(dir, java.time.Clock.systemUTC(), 1024);
        List<ManifestRecord> manifests = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            manifests.add(manifest(i));
            store.putManifest("r", manifests.get(i), List.of("t" + i));
        }
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < manifests.size(); i++) {
                assertEquals(Optional.of(manifests.get(i).digest()), store.resolveTag("r", "t" + i));
                assertEquals(Optional.of(manifests.get(i)), store.getManifest("r", manifests.get(i).digest()));
            }
        }
    }
}
