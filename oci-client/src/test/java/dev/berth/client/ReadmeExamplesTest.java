package dev.berth.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.auth.Credential;
import dev.berth.auth.CredentialProviders;
import dev.berth.model.Descriptor;
import dev.berth.model.MediaType;
import dev.berth.model.Platform;
import dev.berth.model.Reference;
import dev.berth.model.manifest.ImageManifest;
import dev.berth.model.manifest.Manifest;
import dev.berth.server.EmbeddedRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's oci-client quick start, kept compiling and true (against the embedded registry). */
class ReadmeExamplesTest {
    @TempDir
    Path dir;

    @Test
    void quickStart() throws Exception {
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder().start()) {
            String host = registry.baseUri().getAuthority();
            String password = "unused: the embedded registry asks for none";
            TestImages.random(5, 2000).push(RegistryClient.builder(host).build(), "team/app", "1.0");
            Path layerFile = dir.resolve("layer.tar.gz");

            RegistryClient client = RegistryClient.builder(host)
                    .credentials(CredentialProviders.of(host, Credential.basic("ci", password)))
                    .build();
            Manifest manifest = client.manifest("team/app", "1.0");
            ImageManifest image = client.imageManifest(Reference.parse(host + "/team/app:1.0"), Platform.parse("linux/amd64"));
            client.getBlob("team/app", image.layers().get(0), layerFile, TransferListener.NONE);
            Descriptor blob = client.pushBlob("team/other", layerFile);
            List<String> tags = client.tags("team/app").toList();
            List<Descriptor> sboms = client.referrers("team/app", manifest.digest(), MediaType.SPDX_JSON);

            assertEquals(image.layers().get(0).digest(), blob.digest());
            assertEquals(List.of("1.0"), tags);
            assertEquals(List.of(), sboms);

            Descriptor layer;
            try (BlobUpload upload = client.startUpload("team/app", TransferListener.NONE)) {
                writeTar(upload);
                layer = upload.commit();
            }
            assertTrue(client.statBlob("team/app", layer.digest()).isPresent());
        }
    }

    private static void writeTar(OutputStream out) throws IOException {
        out.write(Files.readAllBytes(Path.of("pom.xml")));
    }
}
