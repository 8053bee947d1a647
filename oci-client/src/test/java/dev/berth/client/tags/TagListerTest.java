package dev.berth.client.tags;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.client.RegistryClient;
import dev.berth.client.peers.Peer;
import dev.berth.model.manifest.ImageManifest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Tags sorted by name, version and date, and filtered, against both registries. */
class TagListerTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private static List<String> names(List<TagInfo> tags) {
        return tags.stream().map(TagInfo::name).toList();
    }

    @ParameterizedTest
    @EnumSource(Peer.class)
    void tagsSortBySemverAndByDateAndFilter(Peer peer) throws Exception {
        try (Peer.Running registry = peer.start(dir)) {
            RegistryClient client = registry.client();
            // tag -> days after T0 it was built
            Map<String, Integer> builtOn = Map.of("1.10.0", 5, "1.2.0", 1, "1.2.0-rc.1", 0, "v2.0.0", 9, "1.9", 3,
                    "latest", 9, "edge", 12);
            ImageManifest latest = null;
            for (var e : builtOn.entrySet()) {
                ImageManifest m = TinyImages.push(client, "app", e.getKey(), T0.plusSeconds(86_400L * e.getValue()));
                latest = e.getKey().equals("latest") ? m : latest;
            }
            TagLister lister = new TagLister(client, 3);

            assertEquals(List.of("1.10.0", "1.2.0", "1.2.0-rc.1", "1.9", "edge", "latest", "v2.0.0"),
                    names(lister.list("app", TagQuery.byName())));
            assertEquals(List.of("1.2.0-rc.1", "1.2.0", "1.9", "1.10.0", "v2.0.0", "edge", "latest"),
                    names(lister.list("app", TagQuery.bySemver())));
            assertEquals(List.of("v2.0.0", "1.10.0", "1.9", "1.2.0", "1.2.0-rc.1", "edge", "latest"),
                    names(lister.list("app", TagQuery.bySemver().reversed())));

            List<TagInfo> byDate = lister.list("app", TagQuery.byCreated().reversed());
            assertEquals(List.of("edge", "latest", "v2.0.0", "1.10.0", "1.9", "1.2.0", "1.2.0-rc.1"), names(byDate));
            assertEquals(Optional.of(T0.plusSeconds(86_400L * 12)), byDate.get(0).created());
            assertEquals(Optional.of(latest.digest()), byDate.get(1).digest());

            assertEquals(List.of("1.2.0-rc.1", "1.2.0", "1.9", "1.10.0"),
                    names(lister.list("app", TagQuery.bySemver().matching("1.*"))));
            assertEquals(List.of("1.2.0", "1.2.0-rc.1"), names(lister.list("app", TagQuery.byName().matching("1.?.0*"))));
            assertEquals(List.of("1.2.0-rc.1"), names(lister.list("app", TagQuery.byName().matching("RC"))));
            assertTrue(lister.list("app", TagQuery.byName().matching("nothing*")).isEmpty());
        }
    }

    @ParameterizedTest
    @EnumSource(Peer.class)
    void detailsAreCachedByDigestAndDescribedTagsSortWithoutReading(Peer peer) throws Exception {
        try (Peer.Running registry = peer.start(dir)) {
            RegistryClient client = registry.client();
            ImageManifest old = TinyImages.push(client, "app", "old", T0);
            ImageManifest recent = TinyImages.push(client, "app", "new", T0.plusSeconds(3600));
            client.pushManifest("app", "also-new", recent);
            TagDetailsCache cache = new TagDetailsCache(10);
            TagLister lister = new TagLister(client, 2, cache);
            List<TagInfo> described = lister.describe("app", List.of("old", "new", "also-new"));
            assertEquals(List.of("old", "new", "also-new"), names(described));
            assertEquals(Optional.of(old.totalSize()), described.get(0).size());
            assertEquals(2, cache.size(), "one entry per digest");

            client.deleteBlob("app", old.config().digest()); // a second reading must not need the configuration
            List<TagInfo> again = new TagLister(client, 2, cache).describe("app", List.of("old"));
            assertEquals(Optional.of(T0), again.get(0).created(), "from the cache, by the manifest's digest");

            assertEquals(List.of("also-new", "new", "old"), names(TagLister.sort(described, TagQuery.byCreated().reversed())));
            assertEquals(List.of("new"), names(TagLister.sort(described, TagQuery.byName().matching("ne*"))));
        }
    }
}
