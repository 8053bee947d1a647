package dev.berth.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.MediaType;
import dev.berth.model.Platform;
import dev.berth.model.artifact.Artifacts;
import dev.berth.model.manifest.ImageManifest;
import dev.berth.model.manifest.ManifestIndex;
import dev.berth.server.spi.ManifestRecord;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GarbageCollectorTest {
    @TempDir
    Path dir;

    private static Descriptor blob(Storage s, String repo, String mediaType, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        String id = s.blobs().createUpload(repo);
        s.blobs().appendUpload(id, 0, new ByteArrayInputStream(bytes));
        Digest d = Digest.sha256(bytes);
        s.blobs().commitUpload(id, d);
        s.metadata().linkBlob(repo, d);
        return Descriptor.of(mediaType, d, bytes.length);
    }

    private static void put(Storage s, String repo, dev.berth.model.manifest.Manifest m, String... tags) {
        ManifestRecord record = ManifestRecord.of(m.digest(), m.mediaType(), m.bytes());
        if (m.subject().isPresent()) {
            record = record.withSubject(m.subject().get().digest())
                    .withReferrer(dev.berth.model.artifact.Referrers.entryOf(m));
        }
        s.metadata().putManifest(repo, record, List.of(tags));
    }

    @Test
    void sweepsWhatNothingReferencesAndKeepsWhatTagsReach() {
        Storage s = Storage.filesystem(dir);
        ImageManifest tagged = ImageManifest.builder().config(blob(s, "r", MediaType.OCI_CONFIG, "{\"a\":1}"))
                .layer(blob(s, "r", MediaType.OCI_LAYER_TAR_GZIP, "layer a")).build();
        ImageManifest child = ImageManifest.builder().config(blob(s, "r", MediaType.OCI_CONFIG, "{\"c\":1}"))
                .layer(blob(s, "r", MediaType.OCI_LAYER_TAR_GZIP, "layer c")).build();
        ImageManifest untagged = ImageManifest.builder().config(blob(s, "r", MediaType.OCI_CONFIG, "{\"u\":1}"))
                .layer(blob(s, "r", MediaType.OCI_LAYER_TAR_GZIP, "layer u")).build();
        Descriptor orphan = blob(s, "r", MediaType.OCTET_STREAM, "uploaded but never used");
        ImageManifest sbom = Artifacts.manifest(MediaType.SPDX_JSON, List.of(blob(s, "r", MediaType.SPDX_JSON, "{}")),
                tagged.descriptor(), Map.of());
        blob(s, "r", MediaType.OCI_EMPTY, "{}");
        put(s, "r", tagged, "latest");
        put(s, "r", child);
        put(s, "r", ManifestIndex.builder().manifest(child.descriptor().withPlatform(Platform.parse("linux/arm64"))).build(), "multi");
        put(s, "r", untagged);
        put(s, "r", sbom);

        GarbageCollector gc = new GarbageCollector(s);
        GarbageCollector.Report dry = gc.collect(true, true);
        assertEquals(1, dry.manifestsDeleted(), "only the untagged image: the index child and the referrer are reachable");
        assertEquals(3, dry.blobsDeleted(), "the orphan and the untagged image's two blobs");
        assertTrue(s.blobs().stat(orphan.digest()).isPresent(), "a dry run changes nothing");

        GarbageCollector.Report kept = gc.collect(false, false);
        assertEquals(new GarbageCollector.Report(0, 1, orphan.size()), kept, "without --delete-untagged only the orphan goes");
        assertEquals(Optional.empty(), s.blobs().stat(orphan.digest()));
        assertTrue(!s.metadata().isBlobLinked("r", orphan.digest()));

        GarbageCollector.Report full = gc.collect(false, true);
        assertEquals(1, full.manifestsDeleted());
        assertEquals(2, full.blobsDeleted());
        assertEquals(Optional.empty(), s.metadata().getManifest("r", untagged.digest()));
        for (Descriptor d : List.of(tagged.config(), tagged.layers().get(0), child.config(), child.layers().get(0),
                sbom.layers().get(0))) {
            assertTrue(s.blobs().stat(d.digest()).isPresent(), "kept " + d);
        }
        assertEquals(new GarbageCollector.Report(0, 0, 0), gc.collect(false, true), "nothing left to collect");
    }
}
