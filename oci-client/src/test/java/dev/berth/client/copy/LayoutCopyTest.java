package dev.berth.client.copy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.client.RegistryClient;
import dev.berth.client.layout.OciLayout;
import dev.berth.client.peers.Peer;
import dev.berth.model.Digest;
import dev.berth.model.DigestMismatchException;
import dev.berth.model.Platform;
import dev.berth.model.manifest.ImageManifest;
import dev.berth.model.manifest.Manifest;
import dev.berth.testsupport.OciLayoutImage;
import dev.berth.testsupport.OciLayoutIndex;
import dev.berth.testsupport.Skopeo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Layout to registry and back, byte for byte, and interoperation with skopeo's layouts. */
class LayoutCopyTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Peer.class)
    void layoutToRegistryToLayoutIsByteIdentical(Peer peer) throws Exception {
        OciLayoutIndex source = OciLayoutIndex.write(dir.resolve("in"), "multi", "round trip " + System.nanoTime(),
                List.of(Platform.parse("linux/amd64"), Platform.parse("linux/arm64")));
        try (Peer.Running registry = peer.start(dir)) {
            RegistryClient client = registry.client();
            CopyResult up = ImageCopier.withDefaults().copy(ImageLocation.layout(OciLayout.open(source.dir()), "multi"),
                    ImageLocation.registry(client, "round/trip", "1"));
            assertEquals(source.index().digest(), up.destination().digest());

            OciLayout out = OciLayout.create(dir.resolve("out"));
            ImageCopier.withDefaults().copy(ImageLocation.registry(client, "round/trip", "1"), ImageLocation.layout(out, "back"));

            try (Stream<Path> blobs = Files.list(source.dir().resolve("blobs/sha256"))) {
                for (Path blob : blobs.toList()) {
                    assertArrayEquals(Files.readAllBytes(blob), Files.readAllBytes(out.blobPath(
                            Digest.of("sha256", blob.getFileName().toString()))), blob.getFileName().toString());
                }
            }
            assertEquals(source.index().digest(), out.resolve("back").digest());

            // skopeo reads Berth's layout ...
            Skopeo.run("copy", "--all", "--dest-tls-verify=false", "oci:" + out.directory() + ":back",
                    registry.docker("by/skopeo:1"));
            assertArrayEquals(source.index().bytes(), client.getManifest("by/skopeo", "1").bytes());
            // ... and Berth reads skopeo's.
            Path skopeoLayout = dir.resolve("skopeo-out");
            Skopeo.run("copy", "--all", "--src-tls-verify=false", registry.docker("round/trip:1"), "oci:" + skopeoLayout + ":s");
            OciLayout written = OciLayout.open(skopeoLayout);
            assertEquals(source.index().digest(), written.resolve("s").digest());
            CopyResult fromSkopeo = ImageCopier.withDefaults().copy(ImageLocation.layout(written, "s"),
                    ImageLocation.registry(client, "from/skopeo", "1"));
            assertEquals(source.index().digest(), fromSkopeo.destination().digest());
        }
    }

    @ParameterizedTest
    @EnumSource(Peer.class)
    void aCorruptedLayerFailsTypedAndLeavesNoManifestBehind(Peer peer) throws Exception {
        OciLayoutImage image = OciLayoutImage.write(dir.resolve("in"), "v1", "corrupt me " + System.nanoTime());
        Path layer = image.dir().resolve("blobs/sha256").resolve(image.layer().digest().encoded());
        byte[] bytes = Files.readAllBytes(layer);
        bytes[bytes.length - 5] ^= 0x01;
        Files.write(layer, bytes);
        OciLayout corrupted = OciLayout.open(image.dir());
        try (Peer.Running registry = peer.start(dir)) {
            RegistryClient client = registry.client();
            DigestMismatchException e = assertThrows(DigestMismatchException.class, () -> ImageCopier.withDefaults()
                    .copy(ImageLocation.layout(corrupted, "v1"), ImageLocation.registry(client, "broken/app", "v1")));
            assertEquals(image.layer().digest(), e.expected());
            assertTrue(client.statManifest("broken/app", "v1").isEmpty());
            assertTrue(client.statBlob("broken/app", image.layer().digest()).isEmpty());
        }
        OciLayout out = OciLayout.create(dir.resolve("out"));
        assertThrows(DigestMismatchException.class, () -> ImageCopier.withDefaults()
                .copy(ImageLocation.layout(corrupted, "v1"), ImageLocation.layout(out, "v1")));
        assertEquals(List.of(), out.entries());
        assertFalse(Files.exists(out.blobPath(image.layer().digest())));
        try (Stream<Path> files = Files.walk(out.directory())) {
            assertEquals(List.of(), files.filter(p -> p.toString().endsWith(".tmp")).toList());
        }
    }

    @ParameterizedTest
    @EnumSource(Peer.class)
    void aLayerTheRegistryServesCorruptedFailsTypedAndLeavesTheLayoutEmpty(Peer peer) throws Exception {
        OciLayoutImage image = OciLayoutImage.write(dir.resolve("in"), "v1", "served corrupt " + System.nanoTime());
        byte[] layer = Files.readAllBytes(image.dir().resolve("blobs/sha256").resolve(image.layer().digest().encoded()));
        Path storage = Files.createDirectories(dir.resolve("registry"));
        try (Peer.Running registry = peer.start(storage)) {
            RegistryClient client = registry.client();
            ImageCopier.withDefaults().copy(ImageLocation.layout(OciLayout.open(image.dir()), "v1"),
                    ImageLocation.registry(client, "served/app", "v1"));
            // The registry's own copy of the layer, found by its content wherever the registry keeps it.
            byte[] corrupt = layer.clone();
            corrupt[corrupt.length - 5] ^= 0x01;
            int found = 0;
            try (Stream<Path> files = Files.walk(storage)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    if (Files.size(f) == layer.length && java.util.Arrays.equals(Files.readAllBytes(f), layer)) {
                        Files.write(f, corrupt);
                        found++;
                    }
                }
            }
            assertTrue(found > 0, "the registry's copy of the layer is on disk");

            // The layout hashes what it writes; the registry's stream is not checked on the way as well.
            OciLayout out = OciLayout.create(dir.resolve("out"));
            DigestMismatchException e = assertThrows(DigestMismatchException.class, () -> ImageCopier.withDefaults()
                    .copy(ImageLocation.registry(client, "served/app", "v1"), ImageLocation.layout(out, "v1")));
            assertEquals(image.layer().digest(), e.expected());
            assertEquals(List.of(), out.entries());
            assertFalse(Files.exists(out.blobPath(image.layer().digest())));
            try (Stream<Path> files = Files.walk(out.directory())) {
                assertEquals(List.of(), files.filter(p -> p.toString().endsWith(".tmp")).toList());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Peer.class)
    void aSinglePlatformImageIsCheckedAgainstTheSelection(Peer peer) throws Exception {
        OciLayoutImage image = OciLayoutImage.write(dir.resolve("in"), "v1", "amd64 only " + System.nanoTime());
        try (Peer.Running registry = peer.start(dir)) {
            RegistryClient client = registry.client();
            OciLayout layout = OciLayout.open(image.dir());
            assertThrows(PlatformNotFoundException.class, () -> new ImageCopier(CopyOptions.builder()
                    .platforms(PlatformSelection.of(Platform.parse("linux/arm64"))).build())
                    .copy(ImageLocation.layout(layout, "v1"), ImageLocation.registry(client, "single/app", "v1")));
            CopyResult ok = new ImageCopier(CopyOptions.builder()
                    .platforms(PlatformSelection.of(Platform.parse("linux/amd64"))).build())
                    .copy(ImageLocation.layout(layout, "v1"), ImageLocation.registry(client, "single/app", "v1"));
            assertEquals(CopyResult.Root.SAME, ok.root());
            Manifest pushed = client.getManifest("single/app", "v1");
            assertTrue(pushed instanceof ImageManifest);
            assertArrayEquals(image.manifest().bytes(), pushed.bytes());
        }
    }
}
