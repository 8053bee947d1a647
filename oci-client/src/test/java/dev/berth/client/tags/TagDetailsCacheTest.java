package dev.berth.client.tags;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.client.RegistryClient;
import dev.berth.client.peers.Peer;
import dev.berth.model.Digest;
import dev.berth.model.MediaType;
import dev.berth.model.manifest.ImageManifest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A persistent cache of tag details: kept across restarts, robust to a torn or hostile file. */
class TagDetailsCacheTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private static TagInfo details(int i) {
        return TagInfo.of("t" + i, Digest.sha256(("m" + i).getBytes(StandardCharsets.UTF_8)), MediaType.OCI_MANIFEST,
                T0.plusSeconds(i)).withSize(100 + i);
    }

    @Test
    void whatWasReadBeforeARestartIsKnownAfterIt() throws Exception {
        Path file = dir.resolve("details.tsv");
        try (Peer.Running registry = Peer.EMBEDDED.start(dir)) {
            RegistryClient client = registry.client();
            ImageManifest image = TinyImages.push(client, "app", "1.0", T0);
            new TagLister(client, 2, TagDetailsCache.persistent(file, 10)).describe("app", List.of("1.0"));

            client.deleteBlob("app", image.config().digest()); // the restarted lister must not need it
            TagDetailsCache restarted = TagDetailsCache.persistent(file, 10);
            assertEquals(1, restarted.size());
            TagInfo again = new TagLister(client, 2, restarted).describe("app", List.of("1.0")).get(0);
            assertEquals(Optional.of(T0), again.created(), "from the file, by the manifest's digest");
            assertEquals(Optional.of(image.totalSize()), again.size());
            assertEquals("1.0", again.name());
        }
    }

    @Test
    void aTornLineAndAHostileMediaTypeAreSkipped() throws Exception {
        Path file = dir.resolve("details.tsv");
        TagDetailsCache cache = TagDetailsCache.persistent(file, 10);
        cache.put(details(1));
        cache.put(TagInfo.of("evil", Digest.sha256(new byte[] {9}), "text/plain\n" + details(2).digest().get() + "\tx"));
        assertEquals(1, Files.readAllLines(file).size(), "a media type with a line break is kept in memory only");
        Files.writeString(file, Files.readString(file) + "sha256:00\tapplication/x\t", java.nio.file.StandardOpenOption.APPEND);

        TagDetailsCache restarted = TagDetailsCache.persistent(file, 10);
        assertEquals(1, restarted.size());
        assertEquals(Optional.of(details(1).named("x")), restarted.get(details(1).digest().get(), "x"));
    }

    @Test
    void theFileIsRewrittenToTheNewestEntriesOnceItHoldsTwiceAsMany() throws Exception {
        Path file = dir.resolve("details.tsv");
        TagDetailsCache cache = TagDetailsCache.persistent(file, 3);
        for (int i = 0; i < 7; i++) {
            cache.put(details(i));
        }
        assertTrue(Files.readAllLines(file).size() <= 6, Files.readString(file));
        TagDetailsCache restarted = TagDetailsCache.persistent(file, 3);
        assertEquals(3, restarted.size());
        for (int i = 4; i < 7; i++) {
            assertEquals(Optional.of(T0.plusSeconds(i)), restarted.get(details(i).digest().get(), "t").flatMap(TagInfo::created));
        }
        assertEquals(Optional.empty(), restarted.get(details(0).digest().get(), "t"));
    }

    @Test
    void anUnreadableFileLeavesAnEmptyCacheThatStillWorks() throws Exception {
        Path notAFile = Files.createDirectories(dir.resolve("a-directory"));
        TagDetailsCache cache = TagDetailsCache.persistent(notAFile, 3);
        assertEquals(0, cache.size());
        cache.put(details(1));
        assertEquals(1, cache.size(), "in memory, with a warning");
    }
}
