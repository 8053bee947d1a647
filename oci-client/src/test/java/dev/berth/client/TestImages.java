package dev.berth.client;

import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.MediaType;
import dev.berth.model.Platform;
import dev.berth.model.config.ImageConfig;
import dev.berth.model.manifest.ImageManifest;
import dev.berth.testsupport.OciLayoutImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;

/** Small, unique images built in memory for the client's tests. */
record TestImages(byte[] layer, byte[] config, ImageManifest manifest) {

    /** @return an image of one random layer of {@code layerSize} bytes; the seed makes it unique */
    static TestImages random(long seed, int layerSize) {
        byte[] content = new byte[layerSize];
        new Random(seed).nextBytes(content);
        byte[] tar = OciLayoutImage.tar("data.bin", content);
        byte[] layer;
        try {
            layer = OciLayoutImage.gzip(tar); // a real gzip tar: skopeo copies it as it is instead of compressing it
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ImageConfig config = ImageConfig.builder(Platform.parse("linux/amd64")).diffId(Digest.sha256(tar)).build();
        ImageManifest manifest = ImageManifest.builder()
                .config(Descriptor.of(MediaType.OCI_CONFIG, config.digest(), config.bytes().length))
                .layer(Descriptor.forContent(MediaType.OCI_LAYER_TAR_GZIP, layer))
                .build();
        return new TestImages(layer, config.bytes(), manifest);
    }

    /** Pushes the blobs, then the manifest under {@code tag}. @return the manifest's digest */
    Digest push(RegistryClient client, String repository, String tag) {
        client.pushBlob(repository, MediaType.OCI_CONFIG, config);
        client.pushBlob(repository, MediaType.OCI_LAYER_TAR_GZIP, layer);
        return client.pushManifest(repository, tag, manifest).digest();
    }

    Descriptor layerDescriptor() {
        return manifest.layers().get(0);
    }
}
