package dev.berth.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quotas over HTTP on the filesystem store: the push that would exceed a
 * namespace's bytes or repository count is answered 403 DENIED naming the
 * quota, and stores nothing; content shared within the namespace counts once;
 * other namespaces are not limited; deleting makes room again.
 */
class QuotaTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path dir;
    private EmbeddedRegistry registry;
    private String base;

    @BeforeEach
    void start() {
        registry = EmbeddedRegistry.builder().storage(Storage.filesystem(dir))
                .quotas(List.of(new Quota("team", 1000, 2))).start();
        base = registry.baseUri().toString();
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    private static byte[] bytes(int n, char fill) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) fill);
        return b;
    }

    @Test
    void theBlobUploadThatWouldExceedTheBytesIsDeniedAndNotStored() throws Exception {
        byte[] first = bytes(600, 'a');
        byte[] second = bytes(500, 'b');
        assertEquals(201, monolithic("team/a", first).statusCode());
        HttpResponse<String> refused = monolithic("team/a", second);
        assertDenied(refused, "team");
        assertEquals(404, head("team/a", Digest.sha256(second)));
        assertTrue(registry.storage().blobs().stat(Digest.sha256(second)).isEmpty(), "the refused blob is not stored");
        try (var sessions = Files.list(dir.resolve("uploads"))) {
            assertEquals(0, sessions.filter(p -> !p.getFileName().toString().startsWith(".")).count(),
                    "the refused upload's session and data are gone");
        }
        // Chunked: refused at the final PUT, the session's data discarded with it.
        HttpResponse<String> chunked = chunked("team/a", second);
        assertDenied(chunked, "team");
        assertTrue(registry.storage().blobs().stat(Digest.sha256(second)).isEmpty());
        // Outside the namespace nothing is limited.
        assertEquals(201, monolithic("other/x", bytes(5000, 'c')).statusCode());
    }

    @Test
    void contentSharedWithinTheNamespaceCountsOnce() throws Exception {
        byte[] layer = bytes(900, 'a');
        assertEquals(201, monolithic("team/a", layer).statusCode());
        assertEquals(201, monolithic("team/b", layer).statusCode(), "the same blob in another repository adds no bytes");
        assertEquals(201, send(HttpRequest.newBuilder(URI.create(base + "/v2/team/b/blobs/uploads/?mount="
                + Digest.sha256(layer) + "&from=team/a")).POST(HttpRequest.BodyPublishers.noBody())).statusCode());
    }

    @Test
    void aNewRepositoryBeyondTheCountIsDeniedUntilOneIsDeleted() throws Exception {
        assertEquals(201, monolithic("team/a", bytes(10, 'a')).statusCode());
        assertEquals(201, monolithic("team/b", bytes(10, 'b')).statusCode());
        HttpResponse<String> third = send(HttpRequest.newBuilder(URI.create(base + "/v2/team/c/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertDenied(third, "team");
        assertTrue(third.body().contains("repositories"), third.body());
        assertEquals(202, send(HttpRequest.newBuilder(URI.create(base + "/v2/team/b/")).DELETE()).statusCode());
        assertEquals(201, monolithic("team/c", bytes(10, 'c')).statusCode(), "the deleted repository made room");
    }

    @Test
    void theManifestPushThatWouldExceedTheBytesIsDeniedAndNotStored() throws Exception {
        byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
        byte[] layer = bytes(990 - config.length, 'l');
        assertEquals(201, monolithic("team/a", config).statusCode());
        assertEquals(201, monolithic("team/a", layer).statusCode());
        ImageManifest m = ImageManifest.builder().config(Descriptor.forContent(MediaType.OCI_CONFIG, config))
                .layer(Descriptor.forContent(MediaType.OCI_LAYER_TAR_GZIP, layer)).build();
        HttpResponse<String> put = send(HttpRequest.newBuilder(URI.create(base + "/v2/team/a/manifests/1.0"))
                .header("Content-Type", m.mediaType()).PUT(HttpRequest.BodyPublishers.ofByteArray(m.bytes())));
        assertDenied(put, "team");
        assertEquals(404, send(HttpRequest.newBuilder(URI.create(base + "/v2/team/a/manifests/1.0"))
                .header("Accept", m.mediaType()).GET()).statusCode(), "the refused manifest is not stored");
    }

    private static void assertDenied(HttpResponse<String> response, String namespace) {
        assertEquals(403, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"DENIED\""), response.body());
        assertTrue(response.body().contains("quota of namespace " + namespace), response.body());
    }

    private HttpResponse<String> monolithic(String repo, byte[] content) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + "/v2/" + repo + "/blobs/uploads/?digest=" + Digest.sha256(content)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(content)));
    }

    private HttpResponse<String> chunked(String repo, byte[] content) throws Exception {
        HttpResponse<String> start = send(HttpRequest.newBuilder(URI.create(base + "/v2/" + repo + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(202, start.statusCode(), start.body());
        String location = base + start.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> patch = send(HttpRequest.newBuilder(URI.create(location)).header("Content-Type", "application/octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(content)));
        assertEquals(202, patch.statusCode(), patch.body());
        String next = base + patch.headers().firstValue("Location").orElseThrow();
        return send(HttpRequest.newBuilder(URI.create(next + (next.contains("?") ? "&" : "?") + "digest=" + Digest.sha256(content)))
                .PUT(HttpRequest.BodyPublishers.noBody()));
    }

    private int head(String repo, Digest digest) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + "/v2/" + repo + "/blobs/" + digest))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())).statusCode();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
