package dev.berth.examples.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.client.RegistryClient;
import dev.berth.client.RetryPolicy;
import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.MediaType;
import dev.berth.model.OciException;
import dev.berth.model.manifest.ImageManifest;
import dev.berth.model.manifest.Manifest;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    @TempDir
    Path dir;

    // No retries: a push cut off by the kill must fail, not wait for a server that is gone.
    private static RegistryClient client(BerthServe serve) {
        return RegistryClient.builder(serve.base()).retry(RetryPolicy.NONE).build();
    }

    /** Pushes one image (config, a layer of {@code size} bytes, manifest by tag); returns its manifest once acknowledged. */
    private static ImageManifest push(RegistryClient client, int i, int size) {
        byte[] layer = new byte[size];
        new java.util.Random(i).nextBytes(layer);
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8);
        String repo = "crash/r" + (i % 5);
        ImageManifest m = ImageManifest.builder().config(client.pushBlob(repo, MediaType.OCI_CONFIG, config))
                .layer(client.pushBlob(repo, MediaType.OCI_LAYER_TAR_GZIP, layer)).build();
        client.pushManifest(repo, "t" + i, m);
        return m;
    }

    @Test
    void aKilledServerReopensConsistentWithEveryAcknowledgedPush() throws Exception {
        Path storage = dir.resolve("registry");
        Map<Integer, ImageManifest> acknowledged = new ConcurrentHashMap<>();
        try (BerthServe first = BerthServe.start("--storage", storage.toString())) {
            RegistryClient client = client(first);
            ExecutorService pool = Executors.newFixedThreadPool(50);
            for (int i = 0; i < 50; i++) {
                int n = i;
                pool.execute(() -> {
                    try {
                        acknowledged.put(n, push(client, n, 200_000 + n * 20_000));
                    } catch (OciException e) {
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
            RegistryClient client = client(second);
            for (Map.Entry<Integer, ImageManifest> e : acknowledged.entrySet()) {
                Manifest survived = client.getManifest("crash/r" + (e.getKey() % 5), "t" + e.getKey());
                assertEquals(e.getValue().digest(), survived.digest(), "acknowledged push " + e.getKey() + " survived");
            }
            // No manifest that survived refers to a blob that did not.
            for (int r = 0; r < 5; r++) {
                String repo = "crash/r" + r;
                for (int i = r; i < 50; i += 5) {
                    if (client.statManifest(repo, "t" + i).isEmpty()) {
                        continue;
                    }
                    ImageManifest manifest = (ImageManifest) client.getManifest(repo, "t" + i);
                    List<Descriptor> blobs = new ArrayList<>(manifest.layers());
                    blobs.add(manifest.config());
                    for (Descriptor d : blobs) {
                        assertEquals(Optional.of(d.size()), client.statBlob(repo, d.digest()).map(Descriptor::size),
                                "blob " + d.digest() + " of " + repo + ":t" + i);
                    }
                }
            }
            // And the registry still takes pushes.
            push(client, 1000, 1000);
        }
    }
}
