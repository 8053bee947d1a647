package dev.berth.client.registries;

import dev.berth.client.RegistryClient;
import dev.berth.model.Descriptor;
import dev.berth.model.MediaType;
import dev.berth.model.manifest.ImageManifest;
import java.nio.charset.StandardCharsets;

/** Pushes tiny images, so that repositories show up in catalogs and tag lists. */
final class TestImages {
    private TestImages() {
    }

    static void push(RegistryClient client, String repository, String tag) {
        Descriptor config = client.pushBlob(repository, MediaType.OCI_CONFIG,
                ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"repo\":\"" + repository + "\"}").getBytes(StandardCharsets.UTF_8));
        Descriptor layer = client.pushBlob(repository, MediaType.OCI_LAYER_TAR_GZIP,
                ("layer of " + repository).getBytes(StandardCharsets.UTF_8));
        client.pushManifest(repository, tag, ImageManifest.builder().config(config).layer(layer).build());
    }
}
