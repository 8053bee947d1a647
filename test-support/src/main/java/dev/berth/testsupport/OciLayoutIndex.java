package dev.berth.testsupport;

import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.MediaType;
import dev.berth.model.Platform;
import dev.berth.model.config.Annotations;
import dev.berth.model.config.ImageConfig;
import dev.berth.model.manifest.ImageManifest;
import dev.berth.model.manifest.ManifestIndex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A multi-platform image written as an OCI image layout: one small image per
 * platform and an index over them, tagged through {@code index.json}.
 *
 * @param dir       the layout
 * @param tag       the tag of the index
 * @param index     the index
 * @param manifests the platform images, in index order
 */
public record OciLayoutIndex(Path dir, String tag, ManifestIndex index, List<ImageManifest> manifests) {

    /** Writes the layout; {@code seed} makes the content unique. */
    public static OciLayoutIndex write(Path dir, String tag, String seed, List<Platform> platforms) throws IOException {
        Path blobs = Files.createDirectories(dir.resolve("blobs/sha256"));
        List<ImageManifest> manifests = new ArrayList<>();
        ManifestIndex.Builder index = ManifestIndex.builder();
        for (Platform p : platforms) {
            byte[] tar = OciLayoutImage.tar("platform.txt", (seed + " " + p).getBytes(StandardCharsets.UTF_8));
            byte[] layer = OciLayoutImage.gzip(tar);
            ImageConfig config = ImageConfig.builder(p).diffId(Digest.sha256(tar)).build();
            ImageManifest m = ImageManifest.builder()
                    .config(Descriptor.of(MediaType.OCI_CONFIG, config.digest(), config.bytes().length))
                    .layer(Descriptor.forContent(MediaType.OCI_LAYER_TAR_GZIP, layer)).build();
            Files.write(blobs.resolve(Digest.sha256(layer).encoded()), layer);
            Files.write(blobs.resolve(config.digest().encoded()), config.bytes());
            Files.write(blobs.resolve(m.digest().encoded()), m.bytes());
            manifests.add(m);
            index.manifest(m.descriptor().withPlatform(p));
        }
        ManifestIndex built = index.build();
        Files.write(blobs.resolve(built.digest().encoded()), built.bytes());
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        Files.writeString(dir.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\""
                + MediaType.OCI_INDEX + "\",\"digest\":\"" + built.digest() + "\",\"size\":" + built.size()
                + ",\"annotations\":{\"" + Annotations.REF_NAME + "\":\"" + tag + "\"}}]}");
        return new OciLayoutIndex(dir, tag, built, List.copyOf(manifests));
    }

    /** @return the skopeo source name, {@code oci:DIR:TAG} */
    public String skopeoName() {
        return "oci:" + dir + ":" + tag;
    }
}
