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
import dev.berth.model.Digest;
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

/**
 * The README's oci-client quick start, word for word between the snippet markers (examples' ReadmeSnippetsTest
 * compares them), run against the embedded registry and checked.
 */
class ReadmeExamplesTest {
    @TempDir
    Path dir;

    @Test
    void quickStart() throws Exception {
        try (EmbeddedRegistry embedded = EmbeddedRegistry.builder().start()) {
            String password = "unused: the embedded registry asks for none";
            TestImages pushed = TestImages.random(5, 2000);
            try (RegistryClient pusher = RegistryClient.builder(embedded.hostPort()).build()) {
                pushed.push(pusher, "team/app", "1.0");
            }
            Path layerFile = dir.resolve("layer.tar.gz");
            String registry = embedded.hostPort();
            // snippet: client-quick-start
            RegistryClient client = RegistryClient.builder(registry)            // such as "localhost:5000": https, or plain HTTP on loopback
                    .credentials(CredentialProviders.of(registry, Credential.basic("ci", password)))
                    .build();                                                   // AutoCloseable: try-with-resources, or close() at the end
            Manifest manifest = client.getManifest("team/app", "1.0");         // digest verified
            ImageManifest image = client.getImageManifest(Reference.parse(registry + "/team/app:1.0"), Platform.parse("linux/arm64"));
            client.getBlob("team/app", image.layers().get(0), layerFile, TransferListener.NONE);  // resumable, verified
            Descriptor blob = client.pushBlob("team/other", layerFile);        // HEAD first: nothing is sent twice
            List<String> tags = client.tags("team/app").toList();              // follows pagination, Link header or not
            List<Descriptor> sboms = client.referrers("team/app", manifest.digest(), MediaType.SPDX_JSON);
            // end snippet
            try (client) {
                assertEquals(pushed.manifest().digest(), manifest.digest());
                assertEquals(image.layers().get(0).digest(), blob.digest());
                assertTrue(client.statBlob("team/other", blob.digest()).isPresent());
                assertEquals(List.of("1.0"), tags);
                assertEquals(List.of(), sboms);
                upload(client);
            }
        }
    }

    private static void upload(RegistryClient client) throws IOException {
        TarWriter tarWriter = out -> out.write(Files.readAllBytes(Path.of("pom.xml")));
        // snippet: client-upload
        try (BlobUpload upload = client.startUpload("team/app", TransferListener.NONE)) {
            tarWriter.writeTo(upload);
            Descriptor layer = upload.commit();
        }
        // end snippet
        Digest expected = Digest.sha256(Files.readAllBytes(Path.of("pom.xml")));
        assertTrue(client.statBlob("team/app", expected).isPresent());
    }

    /** What the upload snippet takes as given: something that writes a tar to a stream. */
    private interface TarWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    @Test
    void aboveOneRegistry() {
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder().start();
             RegistryClient client = RegistryClient.builder(registry.hostPort()).build()) {
            TestImages image = TestImages.random(6, 2000);
            image.push(client, "team/app", "1.0");
            client.pushManifest("team/app", "v1.2", image.manifest());
            Path layoutDir = dir.resolve("app-oci");
            // snippet: client-above-one-registry
            CopyResult copied = new ImageCopier(CopyOptions.builder().platforms(PlatformSelection.all()).referrers(true).build())
                    .copy(ImageLocation.registry(client, "team/app", "1.0"), ImageLocation.layout(OciLayout.create(layoutDir), "1.0"));
            ImageDetails details = new ImageInspector(client).inspect("team/app", "1.0");   // layers, config (secrets masked), kind, referrers
            List<TagInfo> newest = new TagLister(client).list("team/app", TagQuery.bySemver().reversed().matching("v1.*"));
            TagDeletion gone = new TagDeleter(client).delete("team/app", "1.0");          // gone.alsoRemoved(): the other tags
            // end snippet
            assertEquals(image.manifest().digest(), copied.destination().digest());
            assertEquals(image.manifest().digest(), details.digest());
            assertEquals(List.of("v1.2"), newest.stream().map(TagInfo::name).toList());
            assertEquals(List.of("v1.2"), gone.alsoRemoved());
        }
    }
}
