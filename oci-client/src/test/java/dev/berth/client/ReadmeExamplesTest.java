package dev.berth.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.auth.Credential;
import dev.berth.auth.CredentialProviders;
import dev.berth.client.copy.CopyOptions;
import dev.berth.client.copy.CopyResult;
import dev.berth.client.copy.ImageCopier;
import dev.berth.client.copy.ImageLocation;
import dev.berth.client.copy.PlatformSelection;
import dev.berth.client.inspect.ImageDetails;
import dev.berth.client.inspect.ImageInspector;
import dev.berth.client.layout.OciLayout;
import dev.berth.client.tags.TagDeleter;
import dev.berth.client.tags.TagDeletion;
import dev.berth.client.tags.TagInfo;
import dev.berth.client.tags.TagLister;
import dev.berth.client.tags.TagQuery;
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
            try (RegistryClient pusher = RegistryClient.builder(host).build()) {
                TestImages.random(5, 2000).push(pusher, "team/app", "1.0");
            }
            Path layerFile = dir.resolve("layer.tar.gz");

            try (RegistryClient client = RegistryClient.builder(host)
                    .credentials(CredentialProviders.of(host, Credential.basic("ci", password)))
                    .build()) {
                Manifest manifest = client.getManifest("team/app", "1.0");
                ImageManifest image = client.getImageManifest(Reference.parse(host + "/team/app:1.0"), Platform.parse("linux/amd64"));
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
    }

    @Test
    void aboveOneRegistry() {
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder().start();
             RegistryClient client = RegistryClient.builder(registry.baseUri().getAuthority()).build()) {
            TestImages image = TestImages.random(6, 2000);
            image.push(client, "team/app", "1.0");
            client.pushManifest("team/app", "v1.2", image.manifest());

            CopyResult copied = new ImageCopier(CopyOptions.builder().platforms(PlatformSelection.all()).referrers(true).build())
                    .copy(ImageLocation.registry(client, "team/app", "1.0"), ImageLocation.layout(OciLayout.create(dir.resolve("app-oci")), "1.0"));
            ImageDetails details = new ImageInspector(client).inspect("team/app", "1.0");
            List<TagInfo> newest = new TagLister(client).list("team/app", TagQuery.bySemver().reversed().matching("v1.*"));
            TagDeletion gone = new TagDeleter(client).delete("team/app", "1.0");

            assertEquals(image.manifest().digest(), copied.destination().digest());
            assertEquals(image.manifest().digest(), details.digest());
            assertEquals(List.of("v1.2"), newest.stream().map(TagInfo::name).toList());
            assertEquals(List.of("v1.2"), gone.alsoRemoved());
        }
    }

    private static void writeTar(OutputStream out) throws IOException {
        out.write(Files.readAllBytes(Path.of("pom.xml")));
    }
}
