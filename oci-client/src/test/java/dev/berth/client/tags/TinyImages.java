package dev.berth.client.tags;

import dev.berth.client.RegistryClient;
import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.MediaType;
import dev.berth.model.Platform;
import dev.berth.model.config.ImageConfig;
import dev.berth.model.manifest.ImageManifest;
import dev.berth.testsupport.OciLayoutImage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Pushes small images with a chosen creation time. */
final class TinyImages {
    private TinyImages() {
    }

    static ImageManifest push(RegistryClient client, String repository, String tag, Instant created) throws Exception {
        byte[] tar = OciLayoutImage.tar("t.txt", (tag + " " + created + " " + System.nanoTime()).getBytes(StandardCharsets.UTF_8));
        Descriptor layer = client.pushBlob(repository, MediaType.OCI_LAYER_TAR_GZIP, OciLayoutImage.gzip(tar));
        ImageConfig config = ImageConfig.builder(Platform.parse("linux/amd64")).created(created).diffId(Digest.sha256(tar)).build();
        Descriptor configBlob = client.pushBlob(repository, MediaType.OCI_CONFIG, config.bytes());
        ImageManifest manifest = ImageManifest.builder().config(configBlob).layer(layer).build();
        client.pushManifest(repository, tag, manifest);
        return manifest;
    }
}
