package dev.berth.bench;

import dev.berth.model.Descriptor;
import dev.berth.model.MediaType;
import dev.berth.model.manifest.ImageManifest;
import dev.berth.server.EmbeddedRegistry;
import dev.berth.server.GcReport;
import dev.berth.server.GcSettings;
import dev.berth.server.Storage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Push latency with and without online garbage collection. A filesystem store
 * is filled with {@code --images} images (config and two layers each, one of
 * them shared; half of them pushed again under the same tag, so the store also
 * holds untagged manifests), then {@code --pushes} more images are pushed by
 * {@code --threads} clients, as clients push (HEAD each blob, upload the missing
 * ones, PUT the manifest): once with no collection, once while collections
 * (untagged manifests deleted, one hour's grace) run back to back. Prints each
 * phase's push latency (median, p95, mean) and the ratio.
 */
public final class GcPushBenchmark {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private GcPushBenchmark() {
    }

    /** @param args {@code [--images N] [--pushes N] [--threads N] [--disk]} */
    public static void main(String[] args) throws Exception {
        List<String> options = List.of(args);
        int images = option(options, "--images", 1000);
        int pushes = option(options, "--pushes", 400);
        int threads = option(options, "--threads", 4);
        Path work = options.contains("--disk") || !Files.isDirectory(Path.of("/dev/shm"))
                ? Files.createTempDirectory("berth-gc-bench") : Files.createTempDirectory(Path.of("/dev/shm"), "berth-gc-bench");
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder().storage(Storage.filesystem(work))
                .garbageCollection(new GcSettings(Duration.ZERO, Duration.ofHours(1), true)).start()) {
            String base = registry.baseUri().toString();
            System.out.printf("online GC push latency: %d cores, filesystem storage in %s%n", Runtime.getRuntime().availableProcessors(), work);
            long t0 = System.nanoTime();
            pushAll(base, images, threads, "seed");
            pushAll(base, images / 2, threads, "seed"); // the same tags again: the first half's manifests become untagged
            System.out.printf("store: %d images pushed (%d of them twice) in %.1f s%n", images, images / 2, (System.nanoTime() - t0) / 1e9);
            GcReport first = registry.collectGarbage(false);
            System.out.printf("first collection: %d manifests, %d blobs in %d ms%n", first.manifestsDeleted().size(),
                    first.blobsDeleted().size(), first.took().toMillis());

            pushAll(base, pushes / 2, threads, "warmup");
            List<Double> quiet = pushAll(base, pushes, threads, "quiet");

            AtomicBoolean stop = new AtomicBoolean();
            List<Long> runs = new ArrayList<>();
            Thread gc = new Thread(() -> {
                while (!stop.get()) {
                    runs.add(registry.collectGarbage(false).took().toMillis());
                }
            }, "bench-gc");
            gc.start();
            List<Double> busy;
            try {
                busy = pushAll(base, pushes, threads, "during-gc");
            } finally {
                stop.set(true);
                gc.join();
            }
            System.out.printf("%-28s %10s %10s %10s%n", "push latency (ms per image)", "median", "p95", "mean");
            print("no GC", quiet);
            print("GC running back to back", busy);
            System.out.printf("collections during the pushes: %d, %.0f ms each on average%n", runs.size(),
                    runs.stream().mapToLong(Long::longValue).average().orElse(0));
            System.out.printf("ratio GC / no GC: median %.2f, p95 %.2f, mean %.2f (done-when: within 2x)%n",
                    percentile(busy, 50) / percentile(quiet, 50), percentile(busy, 95) / percentile(quiet, 95),
                    mean(busy) / mean(quiet));
        } finally {
            try (Stream<Path> paths = Files.walk(work)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static int option(List<String> options, String name, int fallback) {
        int at = options.indexOf(name);
        return at >= 0 && at + 1 < options.size() ? Integer.parseInt(options.get(at + 1)) : fallback;
    }

    // Pushes n images over `threads` clients; answers each image's push time in ms.
    private static List<Double> pushAll(String base, int n, int threads, String phase) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Double>> times = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int image = i;
                times.add(pool.submit(() -> {
                    long start = System.nanoTime();
                    push(base, "bench/r" + (image % 50), phase.equals("seed") ? "t" + image : phase + image, image);
                    return (System.nanoTime() - start) / 1e6;
                }));
            }
            List<Double> result = new ArrayList<>();
            for (Future<Double> f : times) {
                result.add(f.get());
            }
            return result;
        } finally {
            pool.shutdown();
        }
    }

    private static void push(String base, String repo, String tag, int image) throws IOException, InterruptedException {
        byte[] config = ("{\"image\":" + SEQUENCE.incrementAndGet() + "}").getBytes(StandardCharsets.UTF_8);
        byte[] shared = layer("shared " + (image % 20), 4096);
        byte[] own = layer("own " + SEQUENCE.incrementAndGet(), 4096);
        ImageManifest.Builder m = ImageManifest.builder().config(ensure(base, repo, MediaType.OCI_CONFIG, config));
        m.layer(ensure(base, repo, MediaType.OCI_LAYER_TAR_GZIP, shared));
        m.layer(ensure(base, repo, MediaType.OCI_LAYER_TAR_GZIP, own));
        ImageManifest manifest = m.build();
        expect(201, HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v2/" + repo + "/manifests/" + tag))
                .header("Content-Type", manifest.mediaType()).PUT(HttpRequest.BodyPublishers.ofByteArray(manifest.bytes())).build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    private static byte[] layer(String seed, int size) {
        byte[] b = new byte[size];
        byte[] s = seed.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < size; i++) {
            b[i] = s[i % s.length];
        }
        return b;
    }

    private static Descriptor ensure(String base, String repo, String mediaType, byte[] content) throws IOException, InterruptedException {
        Descriptor d = Descriptor.forContent(mediaType, content);
        int head = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v2/" + repo + "/blobs/" + d.digest()))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        if (head != 200) {
            expect(201, HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v2/" + repo + "/blobs/uploads/?digest=" + d.digest()))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(content)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        return d;
    }

    private static void expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().method() + " " + response.request().uri() + ": "
                    + response.statusCode() + " " + response.body());
        }
    }

    private static void print(String name, List<Double> ms) {
        System.out.printf("%-28s %10.2f %10.2f %10.2f%n", name, percentile(ms, 50), percentile(ms, 95), mean(ms));
    }

    private static double percentile(List<Double> values, int p) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }
}
