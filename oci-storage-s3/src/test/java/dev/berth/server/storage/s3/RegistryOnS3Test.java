package dev.berth.server.storage.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.client.BlobUpload;
import dev.berth.client.RegistryClient;
import dev.berth.client.TransferListener;
import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.MediaType;
import dev.berth.model.Platform;
import dev.berth.model.config.ImageConfig;
import dev.berth.model.manifest.ImageManifest;
import dev.berth.model.manifest.Manifest;
import dev.berth.server.EmbeddedRegistry;
import dev.berth.server.Storage;
import dev.berth.server.spi.MetadataStore;
import dev.berth.server.storage.memory.InMemoryMetadataStore;
import dev.berth.testsupport.OciLayoutImage;
import dev.berth.testsupport.S3ProxyServer;
import dev.berth.testsupport.Skopeo;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two embedded registries over one S3 bucket (S3Proxy on a folder) and one metadata store, as two instances
 * behind a load balancer: what is pushed through one is pulled through the other, and an upload's requests may
 * go to either.
 */
class RegistryOnS3Test {
    private static final int MIB = 1024 * 1024;

    @TempDir
    Path dir;

    private S3ProxyServer s3;
    private EmbeddedRegistry first;
    private EmbeddedRegistry second;

    @BeforeEach
    void twoInstances() throws Exception {
        Files.createDirectories(dir.resolve("s3"));
        s3 = S3ProxyServer.onFilesystem(dir.resolve("s3"));
        S3BlobStoreOptions options = TestBuckets.newBucket(s3).prefix("registry").build();
        MetadataStore metadata = new InMemoryMetadataStore(); // stands in for one shared database
        first = EmbeddedRegistry.builder().storage(new Storage(new S3BlobStore(options), metadata)).start();
        second = EmbeddedRegistry.builder().storage(new Storage(new S3BlobStore(options), metadata)).start();
    }

    @AfterEach
    void stop() throws Exception {
        first.close();
        second.close();
        s3.close();
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    @Test
    void berthsClientPushesInChunksThroughOneAndPullsThroughTheOther() throws Exception {
        byte[] layer = random(11 * MIB + 7);
        Manifest pushed;
        try (RegistryClient client = RegistryClient.builder(first.hostPort()).chunkSize(3 * MIB).build()) {
            Descriptor layerBlob;
            try (BlobUpload upload = client.startUpload("team/app", TransferListener.NONE)) {
                upload.write(layer); // 3 MiB PATCHes: each below S3's minimum part
                layerBlob = upload.commit();
            }
            assertEquals(Digest.sha256(layer), layerBlob.digest());
            ImageConfig config = ImageConfig.builder(Platform.parse("linux/amd64")).diffId(Digest.sha256(layer)).build();
            client.pushBlob("team/app", MediaType.OCI_CONFIG, config.bytes());
            pushed = ImageManifest.builder()
                    .config(Descriptor.of(MediaType.OCI_CONFIG, config.digest(), config.bytes().length))
                    .layer(Descriptor.of(MediaType.OCI_LAYER_TAR, layerBlob.digest(), layerBlob.size()))
                    .build();
            client.pushManifest("team/app", "1.0", pushed);
        }
        try (RegistryClient client = RegistryClient.builder(second.hostPort()).build()) {
            ImageManifest pulled = (ImageManifest) client.getManifest("team/app", "1.0");
            assertEquals(pushed.digest(), pulled.digest());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            client.getBlob("team/app", pulled.layers().get(0), bytes, TransferListener.NONE);
            assertArrayEquals(layer, bytes.toByteArray());
        }
    }

    @Test
    void anUploadsRequestsMayEachGoToAnotherInstance() throws Exception {
        byte[] blob = random(13 * MIB);
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<Void> started = http.send(HttpRequest.newBuilder(first.baseUri().resolve("/v2/team/app/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertEquals(202, started.statusCode());
        String location = started.headers().firstValue("Location").orElseThrow();
        EmbeddedRegistry[] alternate = {second, first, second};
        int[] cuts = {0, 4 * MIB, 9 * MIB, blob.length};
        for (int i = 0; i < 3; i++) {
            URI at = alternate[i].baseUri().resolve(location);
            HttpResponse<Void> patched = http.send(HttpRequest.newBuilder(at)
                    .header("Content-Type", "application/octet-stream")
                    .header("Content-Range", cuts[i] + "-" + (cuts[i + 1] - 1))
                    .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(blob, cuts[i], cuts[i + 1] - cuts[i])).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertEquals(202, patched.statusCode(), "PATCH " + i + " on " + alternate[i].hostPort());
            assertEquals("0-" + (cuts[i + 1] - 1), patched.headers().firstValue("Range").orElseThrow());
            location = patched.headers().firstValue("Location").orElseThrow();
        }
        URI commit = first.baseUri().resolve(location + (location.contains("?") ? "&" : "?") + "digest=" + Digest.sha256(blob));
        HttpResponse<Void> committed = http.send(HttpRequest.newBuilder(commit).PUT(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(201, committed.statusCode());
        HttpResponse<byte[]> pulled = http.send(HttpRequest.newBuilder(second.baseUri().resolve("/v2/team/app/blobs/" + Digest.sha256(blob)))
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, pulled.statusCode());
        assertArrayEquals(blob, pulled.body());
    }

    @Test
    void skopeoCopiesInThroughOneAndOutThroughTheOtherByteIdentical() throws Exception {
        OciLayoutImage image = OciLayoutImage.write(dir.resolve("in"), "1.0", "on s3 " + System.nanoTime());
        Skopeo.run("copy", "--dest-tls-verify=false", image.skopeoName(), "docker://" + first.hostPort() + "/team/app:1.0");
        String there = "docker://" + second.hostPort() + "/team/app:1.0";
        JsonNode inspect = new ObjectMapper().readTree(Skopeo.run("inspect", "--tls-verify=false", there));
        assertEquals(image.manifest().digest().toString(), inspect.get("Digest").asText());
        Skopeo.run("copy", "--src-tls-verify=false", there, "oci:" + dir.resolve("out") + ":1.0");
        for (Descriptor d : List.of(image.manifest().descriptor(), image.layer(), image.config())) {
            assertArrayEquals(Files.readAllBytes(image.dir().resolve("blobs/sha256/" + d.digest().encoded())),
                    Files.readAllBytes(dir.resolve("out/blobs/sha256/" + d.digest().encoded())), "byte-identical " + d.mediaType());
        }
        assertTrue(Files.isDirectory(dir.resolve("s3")), "the blobs are S3Proxy's files");
    }
}
