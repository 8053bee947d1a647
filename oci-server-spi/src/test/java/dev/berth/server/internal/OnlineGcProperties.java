package dev.berth.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.ErrorCode;
import dev.berth.model.MediaType;
import dev.berth.model.manifest.ImageManifest;
import dev.berth.model.manifest.Manifest;
import dev.berth.server.GcSettings;
import dev.berth.server.internal.gc.ContentGuard;
import dev.berth.server.internal.gc.Lifecycle;
import dev.berth.server.internal.gc.OnlineCollector;
import dev.berth.server.internal.gc.PullTimes;
import dev.berth.server.internal.gc.Quotas;
import dev.berth.server.spi.BlobInfo;
import dev.berth.server.spi.BlobStore;
import dev.berth.server.spi.BlobTouches;
import dev.berth.server.spi.ManifestRecord;
import dev.berth.server.spi.MetadataStore;
import dev.berth.server.storage.fs.FileBlobStore;
import dev.berth.server.storage.fs.FileMetadataStore;
import dev.berth.testsupport.MutableClock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Online garbage collection on the filesystem store, with pushes split into
 * their two halves (blobs first, the manifest later, as clients do), tag moves,
 * deletes, GC runs and the clock moving between them:
 * <ul>
 *   <li>after every step, every tag's manifest has every blob it needs, stored and linked;</li>
 *   <li>a manifest push whose blobs were uploaded or confirmed (HEAD) less than the grace ago always succeeds;</li>
 *   <li>once quiet (the clock past the grace, one more run), no blob is left that no kept manifest references.</li>
 * </ul>
 */
class OnlineGcProperties {
    private static final Duration GRACE = Duration.ofMinutes(10);
    private static final List<String> REPOS = List.of("team/a", "team/b");
    private static final List<String> TAGS = List.of("latest", "v1", "v2");
    private static final int CONTENTS = 8;

    /** One step; its numbers pick what it acts on. */
    record Step(int kind, int x, int y) {
    }

    @Provide
    Arbitrary<List<Step>> scripts() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.integers().between(0, 7), Arbitraries.integers().between(0, 63),
                Arbitraries.integers().between(0, 63)).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(40);
    }

    /** An image being pushed: its blobs are up (or were confirmed), the manifest is not yet. */
    private record Pending(String repo, ImageManifest image, String tag, Instant oldestReliance) {
    }

    @Property(tries = 60)
    void neverLosesABlobATaggedManifestNeedsAndReclaimsTheRestOnceQuiet(@ForAll("scripts") List<Step> script,
                                                                       @ForAll boolean deleteUntagged) throws IOException {
        Path dir = Files.createTempDirectory("berth-gc-property");
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        BlobStore blobs = new FileBlobStore(dir, clock);
        MetadataStore metadata = new FileMetadataStore(dir, clock);
        try {
            ContentGuard guard = new ContentGuard();
            Lifecycle lifecycle = new Lifecycle(guard, new Quotas(List.of(), blobs, metadata), null, BlobTouches.local(), clock);
            RegistryService registry = new RegistryService(blobs, metadata, new RegistryService.Rules(false, false, true), lifecycle);
            OnlineCollector gc = new OnlineCollector(blobs, metadata, guard, lifecycle.touches(), new GcSettings(Duration.ZERO, GRACE, deleteUntagged),
                    List.of(), new PullTimes(clock), lifecycle.quotas(), clock);
            List<Pending> pending = new ArrayList<>();
            for (Step s : script) {
                String repo = REPOS.get(s.x() % REPOS.size());
                switch (s.kind()) {
                    case 0, 1 -> pending.add(startPush(registry, clock, repo, s.x(), s.y()));
                    case 2 -> {
                        if (!pending.isEmpty()) {
                            finishPush(registry, clock, pending.remove(s.y() % pending.size()));
                        }
                    }
                    case 3 -> moveTag(registry, metadata, repo, TAGS.get(s.y() % TAGS.size()), s.x());
                    case 4 -> deleteSomething(registry, metadata, repo, s.y());
                    case 5 -> upload(registry, repo, content(s.y()));
                    case 6 -> gc.collect(s.y() % 4 == 0);
                    default -> clock.advance(Duration.ofMinutes(1 + s.y() % 15));
                }
                assertTagsComplete(blobs, metadata);
            }
            // Quiet: the pushes left half done are abandoned; past the grace, one run reclaims all that is unreferenced.
            clock.advance(GRACE.plusMinutes(1));
            gc.collect(false);
            assertTagsComplete(blobs, metadata);
            Set<Digest> referenced = referencedByKept(metadata, deleteUntagged);
            List<Digest> stored = new ArrayList<>();
            blobs.forEach(b -> stored.add(b.digest()));
            for (Digest d : stored) {
                assertTrue(referenced.contains(d), "unreferenced blob " + d + " survived a quiet collection");
            }
        } finally {
            blobs.close();
            metadata.close();
            deleteTree(dir);
        }
    }

    private static byte[] content(int n) {
        return ("content-" + (n % CONTENTS)).getBytes(StandardCharsets.UTF_8);
    }

    // A client pushing an image: each blob it HEADs first and uploads only when missing.
    private static Pending startPush(RegistryService registry, MutableClock clock, String repo, int x, int y) {
        byte[] config = ("{\"image\":" + (x % 5) + "}").getBytes(StandardCharsets.UTF_8);
        List<byte[]> layers = List.of(content(y), content(y / 8 + 3));
        ensure(registry, repo, config);
        layers.forEach(l -> ensure(registry, repo, l));
        ImageManifest.Builder b = ImageManifest.builder().config(Descriptor.forContent(MediaType.OCI_CONFIG, config));
        layers.forEach(l -> b.layer(Descriptor.forContent(MediaType.OCI_LAYER_TAR_GZIP, l)));
        return new Pending(repo, b.build(), TAGS.get(x % TAGS.size()), clock.instant());
    }

    private static void ensure(RegistryService registry, String repo, byte[] content) {
        try {
            registry.statBlob(repo, Digest.sha256(content));
        } catch (ApiError e) {
            assertEquals(ErrorCode.BLOB_UNKNOWN, e.code);
            upload(registry, repo, content);
        }
    }

    private static void upload(RegistryService registry, String repo, byte[] content) {
        String id = registry.startUpload(repo);
        registry.append(repo, id, 0L, new ByteArrayInputStream(content));
        registry.finishUpload(repo, id, Digest.sha256(content));
    }

    private static void finishPush(RegistryService registry, MutableClock clock, Pending p) {
        boolean withinGrace = Duration.between(p.oldestReliance(), clock.instant()).compareTo(GRACE) < 0;
        try {
            registry.putManifest(p.repo(), p.tag(), List.of(), p.image().mediaType(), p.image().bytes());
        } catch (ApiError e) {
            if (withinGrace || e.code != ErrorCode.MANIFEST_BLOB_UNKNOWN) {
                fail("a push whose blobs went up " + Duration.between(p.oldestReliance(), clock.instant())
                        + " ago failed: " + e.code + " " + e.getMessage());
            }
        }
    }

    // Another push of a manifest the repository holds, under a tag: the tag moves to it.
    private static void moveTag(RegistryService registry, MetadataStore metadata, String repo, String tag, int pick) {
        List<Digest> manifests = sorted(metadata.manifests(repo));
        if (manifests.isEmpty()) {
            return;
        }
        ManifestRecord m = metadata.getManifest(repo, manifests.get(pick % manifests.size())).orElseThrow();
        registry.putManifest(repo, tag, List.of(), m.mediaType(), m.bytes());
    }

    private static void deleteSomething(RegistryService registry, MetadataStore metadata, String repo, int pick) {
        List<String> tags = metadata.listTags(repo).items();
        if (tags.isEmpty()) {
            return;
        }
        String tag = tags.get(pick % tags.size());
        if (pick % 2 == 0) {
            registry.deleteManifest(repo, tag);
        } else {
            registry.deleteManifest(repo, metadata.resolveTag(repo, tag).orElseThrow().toString());
        }
    }

    private static List<Digest> sorted(List<Digest> digests) {
        List<Digest> copy = new ArrayList<>(digests);
        copy.sort(Comparator.comparing(Digest::toString));
        return copy;
    }

    private static void assertTagsComplete(BlobStore blobs, MetadataStore metadata) {
        for (String repo : metadata.listRepositories().items()) {
            for (String tag : metadata.listTags(repo).items()) {
                Digest target = metadata.resolveTag(repo, tag).orElseThrow();
                ManifestRecord m = metadata.getManifest(repo, target).orElseThrow(() ->
                        new AssertionError(repo + ":" + tag + " points at a manifest that is gone"));
                for (Descriptor d : blobsOf(m)) {
                    Optional<BlobInfo> stored = blobs.stat(d.digest());
                    assertTrue(stored.isPresent(), repo + ":" + tag + " lost blob " + d.digest());
                    assertTrue(metadata.isBlobLinked(repo, d.digest()), repo + ":" + tag + " lost the link to " + d.digest());
                }
            }
        }
    }

    private static List<Descriptor> blobsOf(ManifestRecord m) {
        ImageManifest image = (ImageManifest) Manifest.parse(m.bytes(), m.mediaType());
        List<Descriptor> all = new ArrayList<>(image.layers());
        all.add(image.config());
        return all;
    }

    // What a quiet collection must keep: the blobs of every manifest (only the tagged ones when untagged go).
    private static Set<Digest> referencedByKept(MetadataStore metadata, boolean deleteUntagged) {
        Set<Digest> referenced = new HashSet<>();
        for (String repo : metadata.listRepositories().items()) {
            Map<Digest, ManifestRecord> kept = new HashMap<>();
            for (Digest d : metadata.manifests(repo)) {
                metadata.getManifest(repo, d).ifPresent(m -> kept.put(d, m));
            }
            if (deleteUntagged) {
                Set<Digest> tagged = new HashSet<>();
                for (String tag : metadata.listTags(repo).items()) {
                    metadata.resolveTag(repo, tag).ifPresent(tagged::add);
                }
                assertEquals(tagged, kept.keySet(), "untagged manifests survived a quiet collection in " + repo);
            }
            kept.values().forEach(m -> blobsOf(m).forEach(d -> referenced.add(d.digest())));
        }
        return referenced;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
