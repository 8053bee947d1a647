package dev.berth.client.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.client.BlobSource;
import dev.berth.model.Digest;
import dev.berth.model.MalformedContentException;
import dev.berth.model.MediaType;
import dev.berth.model.Platform;
import dev.berth.model.config.ImageConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layers from bytes and files: gzip that any gunzip reads, the same digest every time, reopenable at an offset. */
class LayerTest {
    @TempDir
    Path dir;

    @Test
    void aFileIsCompressedTheSameWayEveryTimeAndReadsBackAsItWas() throws IOException {
        byte[] tar = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(tar);
        for (int i = 0; i < tar.length; i += 3) {
            tar[i] = 0; // compressible, and not
        }
        Path file = Files.write(dir.resolve("layer.tar"), tar);

        Layer fromFile = Layer.gzip(file);
        Layer fromBytes = Layer.gzip(tar);
        assertEquals(fromBytes.descriptor(), fromFile.descriptor(), "same bytes, same gzip");
        assertEquals(Layer.gzip(file).descriptor(), fromFile.descriptor());
        assertEquals(MediaType.OCI_LAYER_TAR_GZIP, fromFile.descriptor().mediaType());
        assertEquals(Digest.sha256(tar), fromFile.diffId());

        byte[] compressed = readAll(fromFile.content(), 0);
        assertEquals(fromFile.descriptor().size(), compressed.length);
        assertEquals(fromFile.descriptor().digest(), Digest.sha256(compressed));
        try (InputStream gunzip = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            assertArrayEquals(tar, gunzip.readAllBytes());
        }
        byte[] tail = readAll(fromFile.content(), 1000);
        assertArrayEquals(java.util.Arrays.copyOfRange(compressed, 1000, compressed.length), tail, "resumed at 1000");
    }

    @Test
    void aTarStaysAsItIs() throws IOException {
        byte[] tar = "not really a tar".getBytes();
        Path file = Files.write(dir.resolve("plain.tar"), tar);
        for (Layer l : List.of(Layer.tar(tar), Layer.tar(file))) {
            assertEquals(MediaType.OCI_LAYER_TAR, l.descriptor().mediaType());
            assertEquals(Digest.sha256(tar), l.descriptor().digest());
            assertEquals(l.descriptor().digest(), l.diffId());
            assertArrayEquals(tar, readAll(l.content(), 0));
        }
    }

    @Test
    void aLayerGivenAsItIsMustHaveItsDescriptorsSizeAndAConfigurationMustListItsDiffIds() {
        Layer layer = Layer.gzip("x".getBytes());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Layer.of(layer.descriptor(), layer.diffId(), BlobSource.of(new byte[3])));
        assertEquals(true, e.getMessage().contains("3 bytes"), e.getMessage());

        ImageConfig noDiffIds = ImageConfig.builder(Platform.parse("linux/amd64")).build();
        MalformedContentException m = assertThrows(MalformedContentException.class,
                () -> Image.of(noDiffIds, List.of(layer)));
        assertEquals("rootfs.diff_ids", m.path());
        assertThrows(IllegalArgumentException.class, () -> ImageIndex.of(
                Image.builder(Platform.parse("linux/amd64")).build(), Image.builder(Platform.parse("linux/amd64")).build()));
        assertThrows(IllegalArgumentException.class, () -> ImageIndex.of(List.of()));
    }

    private static byte[] readAll(BlobSource source, long offset) throws IOException {
        try (InputStream in = source.open(offset)) {
            return in.readAllBytes();
        }
    }
}
