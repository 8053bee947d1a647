package dev.berth.bench;

import dev.berth.client.RegistryClient;
import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.MediaType;
import dev.berth.model.Platform;
import dev.berth.model.config.ImageConfig;
import dev.berth.model.manifest.ImageManifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The image every client copies: {@code layers} small random gzip layers, pushed
 * once by Berth into {@code repository:tag} before anything is timed.
 *
 * @param repository where it is
 * @param tag        its tag
 * @param manifest   its manifest
 */
record CopySource(String repository, String tag, ImageManifest manifest) {

    static CopySource push(RegistryClient client, String repository, String tag, int layers, long layerBytes,
                           SplittableRandom random) throws IOException {
        ImageConfig.Builder config = ImageConfig.builder(Platform.parse("linux/amd64"));
        List<Descriptor> pushed = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            pushed.add(client.pushBlob(repository, MediaType.OCI_LAYER_TAR_GZIP, BenchLayer.bytes(layerBytes, random)));
            // No client here unpacks layers, so the diff ids only need to be well-formed and distinct.
            config.diffId(Digest.sha256(("layer " + i + " " + random.nextLong()).getBytes(StandardCharsets.UTF_8)));
        }
        Descriptor configBlob = client.pushBlob(repository, MediaType.OCI_CONFIG, config.build().bytes());
        ImageManifest manifest = ImageManifest.builder().config(configBlob).layers(pushed).build();
        client.pushManifest(repository, tag, manifest);
        return new CopySource(repository, tag, manifest);
    }

    /** @return the config and every layer */
    List<Descriptor> blobs() {
        List<Descriptor> all = new ArrayList<>();
        all.add(manifest.config());
        all.addAll(manifest.layers());
        return all;
    }
}
