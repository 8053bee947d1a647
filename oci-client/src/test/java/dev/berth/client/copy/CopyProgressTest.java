package dev.berth.client.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.client.RegistryClient;
import dev.berth.client.TransferListener;
import dev.berth.client.TransferProgress;
import dev.berth.client.layout.OciLayout;
import dev.berth.client.peers.Peer;
import dev.berth.model.Descriptor;
import dev.berth.model.MediaType;
import dev.berth.model.Platform;
import dev.berth.model.config.ImageConfig;
import dev.berth.model.manifest.ImageManifest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The progress of a whole copy, registry to OCI layout, heard while four layers move at once. */
class CopyProgressTest {
    private static final int LAYER_SIZE = 512 * 1024;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Peer.class)
    void progressEndsAtTheTotalsGrowsMonotonicallyAndCountsWhatWasThere(Peer peer) throws Exception {
        Random random = new Random(peer.ordinal() + System.nanoTime());
        OciLayout source = OciLayout.create(dir.resolve("source"));
        List<Descriptor> shared = List.of(layer(source, random), layer(source, random));
        List<Descriptor> all = new ArrayList<>(shared);
        all.add(layer(source, random));
        all.add(layer(source, random));
        image(source, "small", shared, random);
        ImageManifest big = image(source, "big", all, random);

        try (Peer.Running registry = peer.start(dir)) {
            RegistryClient client = registry.client();
            ImageCopier.withDefaults().copy(ImageLocation.layout(source, "small"), ImageLocation.registry(client, "app", "small"));
            ImageCopier.withDefaults().copy(ImageLocation.layout(source, "big"), ImageLocation.registry(client, "app", "big"));
            OciLayout destination = OciLayout.create(dir.resolve("destination"));
            ImageCopier.withDefaults().copy(ImageLocation.registry(client, "app", "small"), ImageLocation.layout(destination, "small"));

            List<TransferProgress> heard = Collections.synchronizedList(new ArrayList<>());
            CopyOptions options = CopyOptions.builder().parallelism(4).progress(heard::add)
                    .progressInterval(Duration.ZERO).build();
            CopyResult result = new ImageCopier(options).copy(ImageLocation.registry(client, "app", "big"),
                    ImageLocation.layout(destination, "big"));

            long totalBytes = big.config().size() + all.stream().mapToLong(Descriptor::size).sum();
            TransferProgress first = heard.get(0);
            assertEquals(totalBytes, first.totalBytes(), "every blob's size is known before the first byte moves");
            assertEquals(5, first.totalBlobs());
            assertEquals(0, first.doneBytes());
            assertTrue(heard.size() > 10, "bytes were heard moving: " + heard.size());

            TransferProgress last = heard.get(heard.size() - 1);
            assertTrue(last.finished());
            assertEquals(1, heard.stream().filter(TransferProgress::finished).count(), "one finished snapshot, the last");
            assertEquals(totalBytes, last.totalBytes());
            assertEquals(totalBytes, last.doneBytes());
            assertEquals(5, last.doneBlobs());
            assertEquals(5, last.totalBlobs());
            assertEquals(2, last.skippedBlobs(), "the shared layers were in the layout already");
            assertEquals(2, result.blobCount(TransferListener.Outcome.ALREADY_PRESENT));
            assertEquals(result.bytesTransferred(), last.sentBytes());
            assertEquals(1.0, last.fraction());

            for (int i = 1; i < heard.size(); i++) {
                TransferProgress before = heard.get(i - 1);
                TransferProgress after = heard.get(i);
                String at = "snapshot " + i + ": " + before + " then " + after;
                assertTrue(after.doneBytes() >= before.doneBytes(), at);
                assertTrue(after.sentBytes() >= before.sentBytes(), at);
                assertTrue(after.doneBlobs() >= before.doneBlobs(), at);
                assertTrue(after.skippedBlobs() >= before.skippedBlobs(), at);
                assertTrue(after.totalBytes() >= before.totalBytes(), at);
                assertTrue(after.elapsed().compareTo(before.elapsed()) >= 0, at);
            }
        }
    }

    private static Descriptor layer(OciLayout layout, Random random) {
        byte[] content = new byte[LAYER_SIZE];
        random.nextBytes(content);
        Descriptor layer = Descriptor.forContent(MediaType.OCI_LAYER_TAR_GZIP, content);
        layout.pushBlob(layer, content);
        return layer;
    }

    private static ImageManifest image(OciLayout layout, String tag, List<Descriptor> layers, Random random) {
        ImageConfig config = ImageConfig.builder(Platform.parse("linux/amd64")).author("seed " + random.nextLong()).build();
        Descriptor configBlob = Descriptor.of(MediaType.OCI_CONFIG, config.digest(), config.bytes().length);
        layout.pushBlob(configBlob, config.bytes());
        ImageManifest.Builder manifest = ImageManifest.builder().config(configBlob);
        layers.forEach(manifest::layer);
        ImageManifest built = manifest.build();
        layout.pushManifest(built);
        layout.tag(tag, built.descriptor());
        return built;
    }
}
