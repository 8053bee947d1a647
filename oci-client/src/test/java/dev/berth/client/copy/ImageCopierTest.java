package dev.berth.client.copy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.client.RegistryClient;
import dev.berth.client.TransferListener;
import dev.berth.client.layout.OciLayout;
import dev.berth.client.peers.Peer;
import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.Platform;
import dev.berth.model.manifest.ImageManifest;
import dev.berth.model.manifest.Manifest;
import dev.berth.model.manifest.ManifestIndex;
import dev.berth.testsupport.OciLayoutIndex;
import dev.berth.testsupport.Skopeo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Registry-to-registry copies of multi-platform images against distribution 2.8 and Berth's registry. */
class ImageCopierTest {
    private static final List<Platform> PLATFORMS = List.of(Platform.parse("linux/amd64"),
            Platform.parse("linux/arm64"), Platform.parse("linux/arm/v7"));

    @TempDir
    Path dir;

    private OciLayoutIndex pushIndex(Peer.Running registry, String repositoryAndTag) throws Exception {
        OciLayoutIndex layout = OciLayoutIndex.write(dir.resolve("in-" + System.nanoTime()), "multi",
                "copier " + System.nanoTime(), PLATFORMS);
        Skopeo.run("copy", "--all", "--dest-tls-verify=false", layout.skopeoName(), registry.docker(repositoryAndTag));
        return layout;
    }

    @ParameterizedTest
    @EnumSource(Peer.class)
    void indexCopiesWithinOneRegistryByMountingWithIdenticalDigests(Peer peer) throws Exception {
        try (Peer.Running registry = peer.start(dir)) {
            OciLayoutIndex layout = pushIndex(registry, "src/app:1");
            RegistryClient client = registry.client();
            List<CopiedManifest> heard = Collections.synchronizedList(new ArrayList<>());
            Set<Digest> done = ConcurrentHashMap.newKeySet();
            CopyOptions options = CopyOptions.builder().parallelism(2).manifestListener(heard::add)
                    .listener(new TransferListener() {
                        @Override
                        public void done(Descriptor blob, Outcome outcome) {
                            done.add(blob.digest());
                        }
                    }).build();

            CopyResult result = new ImageCopier(options).copy(ImageLocation.registry(client, "src/app", "1"),
                    ImageLocation.registry(client, "dst/app", "copied"));

            assertEquals(CopyResult.Root.SAME, result.root());
            assertFalse(result.digestChanged());
            assertEquals(layout.index().digest(), result.destination().digest());
            assertArrayEquals(layout.index().bytes(), client.getManifest("dst/app", "copied").bytes());
            for (ImageManifest m : layout.manifests()) {
                assertArrayEquals(m.bytes(), client.getManifest("dst/app", m.digest().toString()).bytes());
            }
            assertEquals(6, result.blobs().size(), "a config and a layer per platform");
            assertEquals(6, result.blobCount(TransferListener.Outcome.MOUNTED), "same registry: mounted, not sent");
            assertEquals(0, result.bytesTransferred());
            assertEquals(result.blobs().keySet(), done);
            assertEquals(4, heard.size());
            assertEquals(layout.index().digest(), heard.get(3).manifest().digest(), "children before the index");

            CopyResult again = new ImageCopier(options).copy(ImageLocation.registry(client, "src/app", "1"),
                    ImageLocation.registry(client, "dst/app", "again"));
            assertEquals(6, again.blobCount(TransferListener.Outcome.ALREADY_PRESENT), "nothing sent twice");
        }
    }

    @Test
    void indexCopiesBetweenDistributionAndBerthBothWays() throws Exception {
        try (Peer.Running distribution = Peer.DISTRIBUTION.start(dir);
             Peer.Running berth = Peer.EMBEDDED.start(dir)) {
            OciLayoutIndex layout = pushIndex(distribution, "team/app:1");
            ImageCopier copier = ImageCopier.withDefaults();

            CopyResult there = copier.copy(ImageLocation.registry(distribution.client(), "team/app", "1"),
                    ImageLocation.registry(berth.client(), "mirror/app", "1"));
            assertEquals(6, there.blobCount(TransferListener.Outcome.TRANSFERRED));
            assertEquals(there.blobs().values().stream().mapToLong(b -> b.blob().size()).sum(), there.bytesTransferred());
            assertArrayEquals(layout.index().bytes(), berth.client().getManifest("mirror/app", "1").bytes());

            CopyResult back = copier.copy(ImageLocation.registry(berth.client(), "mirror/app", "1"),
                    ImageLocation.registry(distribution.client(), "back/app", "1"));
            assertEquals(layout.index().digest(), back.destination().digest());
            for (ImageManifest m : layout.manifests()) {
                assertArrayEquals(m.bytes(), distribution.client().getManifest("back/app", m.digest().toString()).bytes());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Peer.class)
    void aSubsetOfPlatformsBecomesANewIndexOfOnlyThoseEntries(Peer peer) throws Exception {
        try (Peer.Running registry = peer.start(dir)) {
            OciLayoutIndex layout = pushIndex(registry, "src/app:1");
            RegistryClient client = registry.client();
            CopyOptions arm64 = CopyOptions.builder().platforms(PlatformSelection.of(Platform.parse("linux/arm64"))).build();

            CopyResult result = new ImageCopier(arm64).copy(ImageLocation.registry(client, "src/app", "1"),
                    ImageLocation.registry(client, "arm/app", "1"));

            assertEquals(CopyResult.Root.SUBSET_INDEX, result.root());
            assertTrue(result.digestChanged());
            ManifestIndex copied = (ManifestIndex) client.getManifest("arm/app", "1");
            assertEquals(result.destination().digest(), copied.digest());
            assertEquals(List.of(layout.manifests().get(1).digest()),
                    copied.manifests().stream().map(Descriptor::digest).toList());
            assertEquals(List.of(Platform.parse("linux/arm64")), copied.platforms());
            assertTrue(client.statManifest("arm/app", layout.manifests().get(0).digest().toString()).isEmpty(),
                    "amd64 was not copied");

            CopyOptions single = CopyOptions.builder().platforms(PlatformSelection.image(Platform.parse("linux/arm/v7")))
                    .build();
            CopyResult image = new ImageCopier(single).copy(ImageLocation.registry(client, "src/app", "1"),
                    ImageLocation.registry(client, "armv7/app", "1"));
            assertEquals(CopyResult.Root.PLATFORM_IMAGE, image.root());
            Manifest tagged = client.getManifest("armv7/app", "1");
            assertArrayEquals(layout.manifests().get(2).bytes(), tagged.bytes());
        }
    }

    @ParameterizedTest
    @EnumSource(Peer.class)
    void anUnknownPlatformFailsBeforeAnythingIsWritten(Peer peer) throws Exception {
        try (Peer.Running registry = peer.start(dir)) {
            pushIndex(registry, "src/app:1");
            RegistryClient client = registry.client();
            CopyOptions s390x = CopyOptions.builder()
                    .platforms(PlatformSelection.of(Platform.parse("linux/amd64"), Platform.parse("linux/s390x"))).build();

            PlatformNotFoundException e = assertThrows(PlatformNotFoundException.class, () -> new ImageCopier(s390x)
                    .copy(ImageLocation.registry(client, "src/app", "1"), ImageLocation.registry(client, "other/app", "1")));

            assertEquals(Platform.parse("linux/s390x"), e.wanted());
            assertEquals(3, e.available().size());
            assertTrue(client.statManifest("other/app", "1").isEmpty());
        }
    }

    @Test
    void copiesToALayoutWithPlatformSelectionAndDigestsKept() throws Exception {
        try (Peer.Running berth = Peer.EMBEDDED.start(dir)) {
            OciLayoutIndex layout = pushIndex(berth, "src/app:1");
            OciLayout out = OciLayout.create(dir.resolve("out"));
            CopyResult all = ImageCopier.withDefaults().copy(ImageLocation.registry(berth.client(), "src/app", "1"),
                    ImageLocation.layout(out, "all"));
            assertEquals(layout.index().digest(), out.resolve("all").digest());
            CopyResult arm = new ImageCopier(CopyOptions.builder()
                    .platforms(PlatformSelection.of(Platform.parse("linux/arm64"))).build())
                    .copy(ImageLocation.registry(berth.client(), "src/app", "1"), ImageLocation.layout(out, "arm"));
            assertEquals(6, all.blobCount(TransferListener.Outcome.TRANSFERRED));
            assertEquals(2, arm.blobCount(TransferListener.Outcome.ALREADY_PRESENT));
            assertEquals(List.of("all", "arm"), out.tags());
            assertEquals(arm.destination().digest(), out.resolve("arm").digest());
        }
    }

    @ParameterizedTest
    @EnumSource(Peer.class)
    void dockerManifestListsKeepTheirTypeWholeOrSubset(Peer peer) throws Exception {
        OciLayoutIndex layout = OciLayoutIndex.write(dir.resolve("in"), "multi", "docker " + System.nanoTime(), PLATFORMS);
        try (Peer.Running registry = peer.start(dir)) {
            Skopeo.run("copy", "--all", "--format", "v2s2", "--dest-tls-verify=false", layout.skopeoName(),
                    registry.docker("docker/app:1"));
            RegistryClient client = registry.client();
            Manifest list = client.getManifest("docker/app", "1");
            assertEquals(dev.berth.model.MediaType.DOCKER_MANIFEST_LIST, list.mediaType());
            long[] progressed = new long[1];
            CopyOptions options = CopyOptions.builder().listener(new TransferListener() {
                @Override
                public synchronized void progress(Descriptor blob, long transferred) {
                    progressed[0]++;
                }
            }).build();

            Peer other = peer == Peer.EMBEDDED ? Peer.DISTRIBUTION : Peer.EMBEDDED;
            try (Peer.Running target = other.start(dir.resolve("target"))) {
                CopyResult whole = new ImageCopier(options).copy(ImageLocation.registry(client, "docker/app", "1"),
                        ImageLocation.registry(target.client(), "docker/app", "1"));
                assertArrayEquals(list.bytes(), target.client().getManifest("docker/app", "1").bytes());
                assertEquals(dev.berth.model.MediaType.DOCKER_MANIFEST, whole.manifests().get(0).manifest().mediaType());
                assertTrue(progressed[0] > 0, "progress was reported");

                CopyResult subset = new ImageCopier(CopyOptions.builder().platforms(PlatformSelection.of(
                        Platform.parse("linux/amd64"), Platform.parse("linux/arm/v7"))).build())
                        .copy(ImageLocation.registry(client, "docker/app", "1"),
                                ImageLocation.registry(target.client(), "docker/app", "two"));
                Manifest two = target.client().getManifest("docker/app", "two");
                assertEquals(dev.berth.model.MediaType.DOCKER_MANIFEST_LIST, two.mediaType());
                assertEquals(subset.destination().digest(), two.digest());
                assertEquals(2, ((ManifestIndex) two).manifests().size());
            }
        }
    }
}
