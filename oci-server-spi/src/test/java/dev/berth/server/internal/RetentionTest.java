package dev.berth.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.MediaType;
import dev.berth.model.manifest.ImageManifest;
import dev.berth.server.GcReport;
import dev.berth.server.GcSettings;
import dev.berth.server.RetentionPolicy;
import dev.berth.server.internal.gc.ContentGuard;
import dev.berth.server.internal.gc.Lifecycle;
import dev.berth.server.internal.gc.OnlineCollector;
import dev.berth.server.internal.gc.PullTimes;
import dev.berth.server.internal.gc.Quotas;
import dev.berth.server.spi.BlobStore;
import dev.berth.server.spi.BlobTouches;
import dev.berth.server.spi.MetadataStore;
import dev.berth.server.storage.fs.FileBlobStore;
import dev.berth.server.storage.fs.FileMetadataStore;
import dev.berth.testsupport.MutableClock;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention policies, applied by garbage collection on the filesystem store, on a clock the test moves. */
class RetentionTest {
    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private BlobStore blobs;
    private MetadataStore metadata;
    private RegistryService registry;
    private PullTimes pulls;
    private ContentGuard guard;
    private BlobTouches touches;

    @BeforeEach
    void open() {
        blobs = new FileBlobStore(dir, clock);
        metadata = new FileMetadataStore(dir, clock);
        guard = new ContentGuard();
        touches = BlobTouches.local();
        pulls = new PullTimes(clock);
        registry = new RegistryService(blobs, metadata, new RegistryService.Rules(false, false, true),
                new Lifecycle(guard, new Quotas(List.of(), blobs, metadata), pulls, touches, clock));
    }

    private OnlineCollector collector(RetentionPolicy... policies) {
        return new OnlineCollector(blobs, metadata, guard, touches, new GcSettings(Duration.ZERO, Duration.ZERO, false),
                List.of(policies), pulls, new Quotas(List.of(), blobs, metadata), clock);
    }

    // One image per tag, pushed a minute after the previous one.
    private Map<String, Digest> push(String repo, String... tags) {
        Map<String, Digest> pushed = new TreeMap<>();
        for (String tag : tags) {
            clock.advance(Duration.ofMinutes(1));
            byte[] config = ("{\"tag\":\"" + tag + "\"}").getBytes(StandardCharsets.UTF_8);
            byte[] layer = ("layer of " + repo + ":" + tag).getBytes(StandardCharsets.UTF_8);
            upload(repo, config);
            upload(repo, layer);
            ImageManifest m = ImageManifest.builder().config(Descriptor.forContent(MediaType.OCI_CONFIG, config))
                    .layer(Descriptor.forContent(MediaType.OCI_LAYER_TAR_GZIP, layer)).build();
            pushed.put(tag, registry.putManifest(repo, tag, List.of(), m.mediaType(), m.bytes()).digest());
        }
        return pushed;
    }

    private void upload(String repo, byte[] content) {
        String id = registry.startUpload(repo);
        registry.append(repo, id, 0L, new ByteArrayInputStream(content));
        registry.finishUpload(repo, id, Digest.sha256(content));
    }

    private List<String> tags(String repo) {
        return metadata.listTags(repo).items();
    }

    @Test
    void keepsTheNewestAndTheMatchingTagsAndDeletesTheRest() {
        push("team/app", "v1", "a", "b", "c", "d");
        push("other/app", "a", "b");
        OnlineCollector gc = collector(RetentionPolicy.forRepositories("team/**").keepNewest(2).keepTags("v*"));

        GcReport dry = gc.collect(true);
        assertEquals(List.of("team/app:a", "team/app:b"), dry.tagsDeleted());
        assertEquals(List.of("a", "b", "c", "d", "v1"), tags("team/app"), "a dry run changes nothing");

        GcReport report = gc.collect(false);
        assertEquals(List.of("team/app:a", "team/app:b"), report.tagsDeleted());
        assertEquals(List.of("c", "d", "v1"), tags("team/app"));
        assertEquals(List.of("a", "b"), tags("other/app"), "a repository no policy matches keeps everything");
        assertEquals(List.of(), report.manifestsDeleted(), "without untaggedFor or gc.untagged, untagged manifests stay");
    }

    @Test
    void untaggedManifestsGoOnceOlderThanTheWindowWithTheirBlobs() {
        Map<String, Digest> pushed = push("team/app", "a", "b", "c");
        OnlineCollector gc = collector(RetentionPolicy.forRepositories("team/*").keepNewest(1)
                .keepUntaggedFor(Duration.ofHours(1)));
        GcReport first = gc.collect(false);
        assertEquals(List.of("team/app:a", "team/app:b"), first.tagsDeleted());
        assertEquals(List.of(), first.manifestsDeleted(), "untagged for less than an hour: kept");
        assertEquals(3, metadata.manifests("team/app").size());

        clock.advance(Duration.ofHours(2));
        GcReport later = gc.collect(false);
        assertEquals(List.of("team/app@" + pushed.get("a"), "team/app@" + pushed.get("b")).stream().sorted().toList(),
                later.manifestsDeleted().stream().sorted().toList());
        assertEquals(4, later.blobsDeleted().size(), "their configs and layers went with them");
        assertEquals(List.of(pushed.get("c")), metadata.manifests("team/app"));
        assertTrue(blobs.stat(Digest.sha256("layer of team/app:c".getBytes(StandardCharsets.UTF_8))).isPresent());
    }

    @Test
    void anythingPulledWithinTheWindowIsKept() {
        push("team/app", "old", "older", "new");
        clock.advance(Duration.ofDays(10));
        registry.getManifest("team/app", "old");
        clock.advance(Duration.ofHours(1));
        OnlineCollector gc = collector(RetentionPolicy.forRepositories("team/app").keepNewest(1)
                .keepPulledWithin(Duration.ofDays(1)));
        GcReport report = gc.collect(false);
        assertEquals(List.of("team/app:older"), report.tagsDeleted());
        assertTrue(tags("team/app").contains("old"), "pulled an hour ago: kept");
        assertTrue(tags("team/app").contains("new"), "the newest: kept");
    }

    @Test
    void aRestartCountsEveryManifestAsPulledAtTheStart() {
        push("team/app", "a", "b");
        clock.advance(Duration.ofHours(2));
        pulls = new PullTimes(clock); // a fresh registry: no pull known
        OnlineCollector gc = collector(RetentionPolicy.forRepositories("team/app").keepNewest(0)
                .keepPulledWithin(Duration.ofHours(1)));
        assertEquals(List.of(), gc.collect(false).tagsDeleted(), "within an hour of the start, nothing looks unused");
        clock.advance(Duration.ofHours(2));
        assertEquals(List.of("team/app:a", "team/app:b"), gc.collect(false).tagsDeleted());
    }
}
