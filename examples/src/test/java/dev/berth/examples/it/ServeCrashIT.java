package dev.berth.examples.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.MediaType;
import dev.berth.model.manifest.ImageManifest;
import dev.berth.model.manifest.Manifest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety of {@code berth serve --storage DIR}: SIGKILL during 50
 * concurrent pushes, restart on the same directory, and find every blob intact,
 * no manifest pointing at a missing blob, and every acknowledged push present.
 */
class ServeCrashIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    private static int send(String method, String url, byte[] body, String contentType) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Pushes one image (config, a layer of {@code size} bytes, manifest by tag); returns its manifest once acknowledged. */
    private static ImageManifest push(String base, int i, int size) throws IOException, InterruptedException {
        byte[] layer = new byte[size];
        new java.util.Random(i).nextBytes(layer);
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8);
        String repo = "crash/r" + (i % 5);
        for (byte[] blob : List.of(layer, config)) {
            int status = send("POST", base + "/v2/" + repo + "/blobs/uploads/?digest=" + Digest.sha256(blob), blob, null);
            if (status != 201) {
                throw new IOException("blob push answered " + status);
            }
        }
        ImageManifest m = ImageManifest.builder().config(Descriptor.forContent(MediaType.OCI_CONFIG, config))
                .layer(Descriptor.forContent(MediaType.OCI_LAYER_TAR_GZIP, layer)).build();
        int status = send("PUT", base + "/v2/" + repo + "/manifests/t" + i, m.bytes(), m.mediaType());
        if (status != 201) {
            throw new IOException("manifest push answered " + status);
        }
        return m;
    }

    @Test
    void aKilledServerReopensConsistentWithEveryAcknowledgedPush() throws Exception {
        Path storage = dir.resolve("registry");
        Map<Integer, ImageManifest> acknowledged = new ConcurrentHashMap<>();
        try (BerthServe first = BerthServe.start("--storage", storage.toString())) {
            ExecutorService pool = Executors.newFixedThreadPool(50);
            for (int i = 0; i < 50; i++) {
                int n = i;
                pool.execute(() -> {
                    try {
                        acknowledged.put(n, push(first.base(), n, 200_000 + n * 20_000));
                    } catch (IOException | InterruptedException e) {
                        // cut off by the kill: not acknowledged, so not promised
                    }
                });
            }
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (acknowledged.size() < 10 && System.nanoTime() < end) {
                Thread.sleep(5);
            }
            first.kill();
            pool.shutdown();
            assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
        }
        assertTrue(acknowledged.size() >= 10, "pushes were acknowledged before the kill: " + acknowledged.size());

        // Every stored blob's bytes match its name.
        try (Stream<Path> files = Files.list(storage.resolve("blobs/sha256"))) {
            for (Path f : files.toList()) {
                try (InputStream in = Files.newInputStream(f)) {
                    assertEquals(f.getFileName().toString(), Digest.compute(dev.berth.model.DigestAlgorithm.SHA256, in).encoded());
                }
            }
        }
        try (BerthServe second = BerthServe.start("--storage", storage.toString())) {
            for (Map.Entry<Integer, ImageManifest> e : acknowledged.entrySet()) {
                String repo = "crash/r" + (e.getKey() % 5);
                HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(second.base() + "/v2/" + repo + "/manifests/t"
                        + e.getKey())).build(), HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, r.statusCode(), "acknowledged push " + e.getKey() + " survived");
                assertEquals(e.getValue().digest(), Digest.sha256(r.body()));
            }
            // No manifest that survived refers to a blob that did not.
            for (int r = 0; r < 5; r++) {
                String repo = "crash/r" + r;
                for (int i = r; i < 50; i += 5) {
                    HttpResponse<byte[]> m = HTTP.send(HttpRequest.newBuilder(URI.create(second.base() + "/v2/" + repo
                            + "/manifests/t" + i)).build(), HttpResponse.BodyHandlers.ofByteArray());
                    if (m.statusCode() != 200) {
                        continue;
                    }
                    ImageManifest manifest = (ImageManifest) Manifest.parse(m.body(), null);
                    List<Descriptor> blobs = new ArrayList<>(manifest.layers());
                    blobs.add(manifest.config());
                    for (Descriptor d : blobs) {
                        assertEquals(200, send("HEAD", second.base() + "/v2/" + repo + "/blobs/" + d.digest(), null, null),
                                "blob " + d.digest() + " of " + repo + ":t" + i);
                    }
                }
            }
            // And the registry still takes pushes.
            push(second.base(), 1000, 1000);
        }
    }
}
