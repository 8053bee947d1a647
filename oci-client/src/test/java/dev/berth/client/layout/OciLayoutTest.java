package dev.berth.client.layout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.model.Descriptor;
import dev.berth.model.DigestMismatchException;
import dev.berth.model.MalformedContentException;
import dev.berth.model.MediaType;
import dev.berth.model.SizeMismatchException;
import dev.berth.model.config.Annotations;
import dev.berth.testsupport.OciLayoutImage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The layout on its own: structure checks, verified reads, atomic writes, tags. */
class OciLayoutTest {
    @TempDir
    Path dir;

    @Test
    void createWritesAnEmptyLayoutThatOpensAgain() throws Exception {
        OciLayout layout = OciLayout.create(dir.resolve("new"));
        assertEquals("{\"imageLayoutVersion\":\"1.0.0\"}", Files.readString(dir.resolve("new/oci-layout")));
        assertEquals(List.of(), OciLayout.open(dir.resolve("new")).entries());
        assertTrue(Files.isDirectory(dir.resolve("new/blobs")));
        assertEquals(layout.directory(), OciLayout.create(dir.resolve("new")).directory());
    }

    @Test
    void readsWhatTestSupportWritesAndTagsThroughRefName() throws Exception {
        OciLayoutImage image = OciLayoutImage.write(dir.resolve("img"), "v1", "hello");
        OciLayout layout = OciLayout.open(image.dir());
        assertEquals(List.of("v1"), layout.tags());
        assertArrayEquals(image.manifest().bytes(), layout.getManifest("v1").bytes());
        assertEquals(image.manifest().digest(), layout.resolve(image.manifest().digest().toString()).digest());

        layout.tag("v2", image.manifest().descriptor());
        layout.tag("v1", image.manifest().descriptor());
        assertEquals(List.of("v2", "v1"), layout.tags(), "a tag moves, it is not duplicated");
        assertTrue(layout.untag("v2"));
        assertFalse(layout.untag("v2"));
        assertEquals(image.manifest().digest(), layout.find("v1").orElseThrow().digest());
        assertEquals("v1", layout.entries().get(0).annotations().get(Annotations.REF_NAME));
        assertThrows(UnknownTagException.class, () -> layout.getManifest("v3"));
        assertNoTemporaryFiles();
    }

    @Test
    void aMissingIndexOrMarkerIsAnInvalidLayout() throws Exception {
        OciLayoutImage image = OciLayoutImage.write(dir.resolve("img"), "v1", "hello");
        Files.delete(image.dir().resolve("index.json"));
        MalformedContentException noIndex = assertThrows(MalformedContentException.class, () -> OciLayout.open(image.dir()));
        assertTrue(noIndex.getMessage().contains("index.json: is missing"), noIndex.getMessage());

        Files.createDirectories(dir.resolve("plain"));
        assertThrows(MalformedContentException.class, () -> OciLayout.open(dir.resolve("plain")));

        Files.writeString(image.dir().resolve("oci-layout"), "{\"imageLayoutVersion\":\"2.0.0\"}");
        Files.writeString(image.dir().resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[]}");
        assertThrows(MalformedContentException.class, () -> OciLayout.open(image.dir()));
    }

    @Test
    void aBlobThatDoesNotMatchItsDigestIsNeverVisible() {
        OciLayout layout = OciLayout.create(dir.resolve("l"));
        byte[] good = "good content".getBytes(StandardCharsets.UTF_8);
        Descriptor blob = Descriptor.forContent(MediaType.OCTET_STREAM, good);

        assertThrows(DigestMismatchException.class, () -> layout.pushBlob(blob, "evil content".getBytes(StandardCharsets.UTF_8)));
        assertThrows(SizeMismatchException.class, () -> layout.pushBlob(blob, "short".getBytes(StandardCharsets.UTF_8)));
        assertFalse(Files.exists(layout.blobPath(blob.digest())));
        assertNoTemporaryFiles();

        assertTrue(layout.pushBlob(blob, good));
        assertFalse(layout.pushBlob(blob, new ByteArrayInputStream(good)), "present already");
        assertArrayEquals(good, layout.getBlob(blob, 1024));
    }

    @Test
    void readingACorruptedBlobFailsWithADigestMismatch() throws Exception {
        OciLayoutImage image = OciLayoutImage.write(dir.resolve("img"), "v1", "hello");
        OciLayout layout = OciLayout.open(image.dir());
        Path layer = layout.blobPath(image.layer().digest());
        byte[] bytes = Files.readAllBytes(layer);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(layer, bytes);

        assertThrows(DigestMismatchException.class, () -> layout.verifyBlob(image.layer()));
        assertThrows(DigestMismatchException.class, () -> {
            try (InputStream in = layout.openBlob(image.layer())) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
        });
    }

    private void assertNoTemporaryFiles() {
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> temps = files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
            assertEquals(List.of(), temps);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
