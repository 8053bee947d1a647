package dev.berth.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.client.RegistryClient;
import dev.berth.model.Descriptor;
import dev.berth.model.manifest.ImageManifest;
import dev.berth.server.EmbeddedRegistry;
import dev.berth.server.Storage;
import dev.berth.server.storage.fs.FileBlobStore;
import dev.berth.testsupport.OciLayoutImage;
import dev.berth.testsupport.Skopeo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two embedded registries over one blob directory and one PostgreSQL database are one registry: what skopeo or
 * Berth's client pushes through one is pulled, listed and deleted through the other.
 */
class TwoRegistriesOneDatabaseTest {
    @TempDir
    Path dir;

    @Test
    void pushedThroughOneAndPulledThroughTheOther() throws Exception {
        String url = Postgres.newDatabase();
        Path blobs = dir.resolve("blobs");
        try (EmbeddedRegistry first = registry(blobs, url); EmbeddedRegistry second = registry(blobs, url);
             RegistryClient viaFirst = RegistryClient.builder(first.hostPort()).build();
             RegistryClient viaSecond = RegistryClient.builder(second.hostPort()).build()) {
            OciLayoutImage image = OciLayoutImage.write(dir.resolve("layout"), "1.0", "shared by two instances");
            Skopeo.run("copy", "--dest-tls-verify=false", image.skopeoName(), "docker://" + first.hostPort() + "/team/app:1.0");

            String inspected = Skopeo.run("inspect", "--raw", "--tls-verify=false", "docker://" + second.hostPort() + "/team/app:1.0");
            assertEquals(new String(image.manifest().bytes(), java.nio.charset.StandardCharsets.UTF_8), inspected);
            Skopeo.run("copy", "--src-tls-verify=false", "docker://" + second.hostPort() + "/team/app:1.0",
                    "oci:" + dir.resolve("pulled") + ":1.0");
            assertTrue(Files.exists(dir.resolve("pulled/blobs/sha256").resolve(image.layer().digest().encoded())));

            // Berth's client: a tag pushed through the second, listed through the first; deleted through the first.
            ImageManifest manifest = (ImageManifest) viaSecond.getManifest("team/app", "1.0");
            viaSecond.pushManifest("team/app", "latest", manifest);
            assertEquals(List.of("1.0", "latest"), viaFirst.tags("team/app").toList());
            assertEquals(List.of("team/app"), viaFirst.catalog().toList());
            Path layer = dir.resolve("layer");
            viaFirst.getBlob("team/app", image.layer(), layer, dev.berth.client.TransferListener.NONE);
            assertEquals(image.layer().size(), Files.size(layer));

            viaFirst.deleteManifest("team/app", manifest.digest());
            assertEquals(Optional.<Descriptor>empty(), viaSecond.statManifest("team/app", "1.0"));
            assertEquals(List.of(), viaSecond.tags("team/app").toList());
        }
    }

    private static EmbeddedRegistry registry(Path blobs, String url) {
        return EmbeddedRegistry.builder()
                .storage(new Storage(new FileBlobStore(blobs), JdbcMetadataStore.open(Postgres.pooled(url))))
                .start();
    }
}
