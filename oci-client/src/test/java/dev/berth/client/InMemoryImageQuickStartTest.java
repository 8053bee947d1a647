package dev.berth.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.client.copy.ImageCopier;
import dev.berth.client.copy.ImageLocation;
import dev.berth.client.image.Image;
import dev.berth.client.image.ImageIndex;
import dev.berth.client.image.Layer;
import dev.berth.client.layout.OciLayout;
import dev.berth.model.Platform;
import dev.berth.model.config.ContainerConfig;
import dev.berth.model.config.ImageConfig;
import dev.berth.model.manifest.ImageManifest;
import dev.berth.model.manifest.ManifestIndex;
import dev.berth.server.EmbeddedRegistry;
import dev.berth.testsupport.OciLayoutImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's quick start for pushing an image built in memory: this file holds the README's block verbatim
 * (examples' ReadmeSnippetsTest keeps the two equal), so it compiles and runs as written.
 */
class InMemoryImageQuickStartTest {
    @TempDir
    Path dir;

    @Test
    void pushAnImageBuiltInMemory() throws Exception {
        Path amd64Tar = Files.write(dir.resolve("amd64.tar"), OciLayoutImage.tar("server", bytes("amd64 server")));
        Path arm64Tar = Files.write(dir.resolve("arm64.tar"), OciLayoutImage.tar("server", bytes("arm64 server")));
        Path imageTar = dir.resolve("app-image.tar");
        Path ociTar = dir.resolve("app-oci.tar");
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder().start();
             RegistryClient client = RegistryClient.builder(registry.baseUri().getAuthority()).build()) {

            // snippet: client-in-memory-image
            ContainerConfig run = ContainerConfig.builder().entrypoint("/app/server").env("MODE", "prod").exposedPort("8080/tcp").build();
            Image amd64 = Image.builder(Platform.parse("linux/amd64")).config(run).layer(Layer.gzip(amd64Tar)).build();  // gzip as it streams
            Image arm64 = Image.builder(Platform.parse("linux/arm64")).config(run).layer(Layer.gzip(arm64Tar)).build();
            ImageCopier copier = ImageCopier.withDefaults();
            copier.copy(ImageLocation.of(ImageIndex.of(amd64, arm64)), ImageLocation.registry(client, "team/app", "1.0"));
            copier.copy(ImageLocation.of(amd64), ImageLocation.dockerArchive(imageTar, "team/app:1.0"));  // for docker load
            copier.copy(ImageLocation.dockerArchive(imageTar, "team/app:1.0"), ImageLocation.ociArchive(ociTar, "1.0"));
            // end snippet

            ManifestIndex index = (ManifestIndex) client.getManifest("team/app", "1.0");
            assertEquals(List.of(amd64.descriptor(), arm64.descriptor()), index.manifests());
            ImageManifest pushed = (ImageManifest) client.getManifest("team/app", arm64.manifest().digest().toString());
            byte[] configBytes;
            try (var in = client.openBlob("team/app", pushed.config())) {
                configBytes = in.readAllBytes();
            }
            ImageConfig config = ImageConfig.parse(configBytes);
            assertEquals(List.of("/app/server"), config.config().entrypoint());
            assertEquals("prod", config.config().envValue("MODE").orElseThrow());
            assertArrayEquals(arm64.config().bytes(), config.bytes());
            assertTrue(Files.isRegularFile(ociTar));
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
