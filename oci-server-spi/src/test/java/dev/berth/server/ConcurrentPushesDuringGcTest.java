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
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pushes over HTTP while garbage collection runs back to back on the same
 * filesystem store. The store starts full of old, unreferenced blobs (images
 * pushed, then deleted, an hour ago) that the new pushes reuse: the client
 * HEADs each blob and uploads only what is missing, exactly the window in which
 * a collector without locks deletes a blob the push relies on. Every push must
 * succeed, and every tag must end up complete.
 */
class ConcurrentPushesDuringGcTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final int SHARED = 12;

    @TempDir
    Path dir;

    private static byte[] shared(int i) {
        return ("shared layer " + (i % SHARED)).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void pushesNeverFailAndTagsStayCompleteWhileGcRuns() throws Exception {
        // An hour ago: images pushed and deleted, leaving their blobs unreferenced and older than the grace; the
        // registry restarted since, so it holds no touch of them either.
        try (EmbeddedRegistry before = EmbeddedRegistry.builder().storage(Storage.filesystem(dir)).start()) {
            String base = before.baseUri().toString();
            for (int i = 0; i < 20; i++) {
                Digest pushed = push(base, "old/r" + (i % 3), "t", shared(i), ("old unique " + i).getBytes(StandardCharsets.UTF_8));
                assertEquals(202, send(HttpRequest.newBuilder(URI.create(base + "/v2/old/r" + (i % 3) + "/manifests/" + pushed))
                        .DELETE()).statusCode());
            }
        }
        try (Stream<Path> files = Files.walk(dir.resolve("blobs"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(f, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
            }
        }
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder().storage(Storage.filesystem(dir))
                .garbageCollection(new GcSettings(Duration.ZERO, Duration.ofMinutes(5), true)).start()) {
            String base = registry.baseUri().toString();

            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong blobsCollected = new AtomicLong();
            AtomicLong runs = new AtomicLong();
            Map<String, Digest> tagged = new ConcurrentHashMap<>();
            ExecutorService pool = Executors.newFixedThreadPool(5);
            try {
                Future<?> gc = pool.submit(() -> {
                    while (!stop.get()) {
                        blobsCollected.addAndGet(registry.collectGarbage(false).blobsDeleted().size());
                        runs.incrementAndGet();
                    }
                    return null;
                });
                List<Future<?>> pushers = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int thread = t;
                    pushers.add(pool.submit(() -> {
                        for (int i = 0; i < 15; i++) {
                            String repo = "new/r" + thread;
                            String tag = "v" + (i % 4); // tags move: older images become untagged, collectable
                            Digest d = push(base, repo, tag, shared(thread * 7 + i),
                                    ("new unique " + thread + "/" + i).getBytes(StandardCharsets.UTF_8));
                            tagged.put(repo + ":" + tag, d);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : pushers) {
                    f.get();
                }
                stop.set(true);
                gc.get();
            } finally {
                stop.set(true);
                pool.shutdownNow();
            }
            assertTrue(runs.get() > 0);
            assertTrue(blobsCollected.get() > 0, "the collector had old unreferenced blobs to take while the pushes ran");
            registry.collectGarbage(false);
            for (Map.Entry<String, Digest> e : tagged.entrySet()) {
                String[] repoTag = e.getKey().split(":");
                HttpResponse<byte[]> m = send(HttpRequest.newBuilder(URI.create(base + "/v2/" + repoTag[0] + "/manifests/" + repoTag[1]))
                        .header("Accept", MediaType.OCI_MANIFEST).GET());
                assertEquals(200, m.statusCode(), e.getKey());
                ImageManifest image = (ImageManifest) dev.berth.model.manifest.Manifest.parse(m.body(), MediaType.OCI_MANIFEST);
                List<Descriptor> blobs = new ArrayList<>(image.layers());
                blobs.add(image.config());
                for (Descriptor b : blobs) {
                    assertEquals(200, send(HttpRequest.newBuilder(URI.create(base + "/v2/" + repoTag[0] + "/blobs/" + b.digest()))
                            .method("HEAD", HttpRequest.BodyPublishers.noBody())).statusCode(), e.getKey() + " needs " + b.digest());
                }
            }
        }
    }

    // As clients push: HEAD each blob, upload the missing ones, then the manifest. Any refusal fails the test.
    private static Digest push(String base, String repo, String tag, byte[] sharedLayer, byte[] uniqueLayer) throws Exception {
        byte[] config = ("{\"repo\":\"" + repo + "\",\"tag\":\"" + tag + "\"}").getBytes(StandardCharsets.UTF_8);
        ImageManifest.Builder image = ImageManifest.builder().config(ensure(base, repo, MediaType.OCI_CONFIG, config));
        image.layer(ensure(base, repo, MediaType.OCI_LAYER_TAR_GZIP, sharedLayer));
        image.layer(ensure(base, repo, MediaType.OCI_LAYER_TAR_GZIP, uniqueLayer));
        ImageManifest m = image.build();
        HttpResponse<byte[]> put = send(HttpRequest.newBuilder(URI.create(base + "/v2/" + repo + "/manifests/" + tag))
                .header("Content-Type", m.mediaType()).PUT(HttpRequest.BodyPublishers.ofByteArray(m.bytes())));
        assertEquals(201, put.statusCode(), () -> "manifest push to " + repo + ":" + tag + ": " + new String(put.body()));
        return m.digest();
    }

    private static Descriptor ensure(String base, String repo, String mediaType, byte[] content) throws Exception {
        Descriptor d = Descriptor.forContent(mediaType, content);
        int head = send(HttpRequest.newBuilder(URI.create(base + "/v2/" + repo + "/blobs/" + d.digest()))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())).statusCode();
        if (head != 200) {
            HttpResponse<byte[]> up = send(HttpRequest.newBuilder(URI.create(base + "/v2/" + repo + "/blobs/uploads/?digest=" + d.digest()))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(content)));
            assertEquals(201, up.statusCode(), () -> "blob upload: " + new String(up.body()));
        }
        return d;
    }

    private static HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
