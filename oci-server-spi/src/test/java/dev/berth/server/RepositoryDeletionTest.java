package dev.berth.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.MediaType;
import dev.berth.model.manifest.ImageManifest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code DELETE /v2/<name>/} over HTTP on the filesystem store: the repository's
 * manifests, tags and links go, a nested repository stays, the blobs are left
 * to garbage collection, and a read-only registry refuses it.
 */
class RepositoryDeletionTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path dir;

    @Test
    void deletesTheRepositoryAndLeavesItsBlobsToGarbageCollection() throws Exception {
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder().storage(Storage.filesystem(dir))
                .garbageCollection(new GcSettings(Duration.ZERO, Duration.ZERO, false)).start()) {
            String base = registry.baseUri().toString();
            byte[] layer = "the app's layer".getBytes(StandardCharsets.UTF_8);
            push(base, "team/app", "1.0", layer);
            push(base, "team/app/sub", "1.0", "the sub's layer".getBytes(StandardCharsets.UTF_8));

            assertEquals(202, send(base, "DELETE", "/v2/team/app/").statusCode());
            HttpResponse<String> tags = send(base, "GET", "/v2/team/app/tags/list");
            assertEquals(404, tags.statusCode());
            assertTrue(tags.body().contains("NAME_UNKNOWN"), tags.body());
            assertEquals(404, send(base, "GET", "/v2/team/app/manifests/1.0").statusCode());
            assertEquals(404, send(base, "HEAD", "/v2/team/app/blobs/" + Digest.sha256(layer)).statusCode());
            assertEquals("{\"repositories\":[\"team/app/sub\"]}", send(base, "GET", "/v2/_catalog").body());
            assertEquals(200, send(base, "GET", "/v2/team/app/sub/manifests/1.0").statusCode(), "the nested repository stays");

            HttpResponse<String> again = send(base, "DELETE", "/v2/team/app/");
            assertEquals(404, again.statusCode());
            assertTrue(again.body().contains("NAME_UNKNOWN"), again.body());
            assertEquals(404, send(base, "GET", "/v2/team/app/").statusCode(), "only DELETE is a route there");

            assertTrue(registry.storage().blobs().stat(Digest.sha256(layer)).isPresent(), "blobs wait for the collector");
            GcReport report = registry.collectGarbage(false);
            assertEquals(2, report.blobsDeleted().size(), "the deleted repository's config and layer");
            assertFalse(registry.storage().blobs().stat(Digest.sha256(layer)).isPresent());
        }
    }

    @Test
    void aReadOnlyRegistryRefusesIt() throws Exception {
        try (EmbeddedRegistry writable = EmbeddedRegistry.builder().storage(Storage.filesystem(dir)).start()) {
            push(writable.baseUri().toString(), "team/app", "1.0", "x".getBytes(StandardCharsets.UTF_8));
        }
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder().storage(Storage.filesystem(dir)).readOnly(true).start()) {
            String base = registry.baseUri().toString();
            assertEquals(405, send(base, "DELETE", "/v2/team/app/").statusCode());
            assertEquals(200, send(base, "GET", "/v2/team/app/manifests/1.0").statusCode());
        }
    }

    private static void push(String base, String repo, String tag, byte[] layer) throws Exception {
        byte[] config = ("{\"repo\":\"" + repo + "\"}").getBytes(StandardCharsets.UTF_8);
        for (byte[] blob : List.of(config, layer)) {
            assertEquals(201, HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v2/" + repo + "/blobs/uploads/?digest="
                    + Digest.sha256(blob))).POST(HttpRequest.BodyPublishers.ofByteArray(blob)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
        }
        ImageManifest m = ImageManifest.builder().config(Descriptor.forContent(MediaType.OCI_CONFIG, config))
                .layer(Descriptor.forContent(MediaType.OCI_LAYER_TAR_GZIP, layer)).build();
        assertEquals(201, HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v2/" + repo + "/manifests/" + tag))
                .header("Content-Type", m.mediaType()).PUT(HttpRequest.BodyPublishers.ofByteArray(m.bytes())).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());
    }

    private static HttpResponse<String> send(String base, String method, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", MediaType.OCI_MANIFEST)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
