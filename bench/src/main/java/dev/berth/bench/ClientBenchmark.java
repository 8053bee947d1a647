package dev.berth.bench;

import dev.berth.client.RegistryClient;
import dev.berth.testsupport.DistributionRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Berth's {@link RegistryClient} against {@code skopeo} and raw {@code curl}, on
 * the same distribution 2.8 registry on loopback, in one run: push and pull of
 * one big layer (MB/s, streamed from and to disk) and the copy of an image of
 * small layers between two repositories (wall time). Every client starts from
 * a file on disk and ends with one; each sends every byte (no mounts, no skips).
 *
 * <p>Usage: {@code bench/client [--blob-mib N] [--layers N] [--layer-kib N] [--copy-threads N]}
 * (defaults 1024, 20, 512, 6 — skopeo's own number of parallel layer copies).
 */
public final class ClientBenchmark {
    private ClientBenchmark() {
    }

    /** The command line, with its defaults. */
    record Options(long blobMib, int layers, long layerKib, int copyThreads) {
        static Options parse(String[] args) {
            Map<String, String> given = new LinkedHashMap<>();
            for (int i = 0; i + 1 < args.length; i += 2) {
                given.put(args[i], args[i + 1]);
            }
            if (args.length % 2 != 0 || !Map.of("--blob-mib", 0, "--layers", 0, "--layer-kib", 0, "--copy-threads", 0)
                    .keySet().containsAll(given.keySet())) {
                throw new IllegalArgumentException("usage: bench/client [--blob-mib N] [--layers N] [--layer-kib N]"
                        + " [--copy-threads N]");
            }
            return new Options(Long.parseLong(given.getOrDefault("--blob-mib", "1024")),
                    Integer.parseInt(given.getOrDefault("--layers", "20")),
                    Long.parseLong(given.getOrDefault("--layer-kib", "512")),
                    Integer.parseInt(given.getOrDefault("--copy-threads", "6")));
        }
    }

    /** One measured line: the three clients' figures. */
    record Line(String name, boolean higherIsBetter, double berth, double skopeo, double curl) {
    }

    /** A piece of timed work. */
    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        Path root = Path.of(System.getProperty("berth.root", ".")).toAbsolutePath();
        Path work = Files.createTempDirectory("berth-client-bench");
        SplittableRandom random = new SplittableRandom();
        try {
            System.out.println("Berth RegistryClient and berth copy vs skopeo vs curl, on loopback, filesystem storage");
            System.out.printf("%d cores, this JVM's heap at most %d MiB (berth copy's too), %d MiB blob, %d layers of %d KiB,"
                            + " %d layers of %d KiB, %d parallel layer copies%n%n", Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() >> 20, o.blobMib(), o.layers(), o.layerKib(), MANY_LAYERS, MANY_LAYER_KIB,
                    o.copyThreads());
            BerthCliRuns cli = new BerthCliRuns(root, (Runtime.getRuntime().maxMemory() >> 20) + "m");
            cli.warmUp();
            try (DistributionRegistry registry = DistributionRegistry.builder(work.resolve("registry")).start()) {
                table("distribution 2.8", registry.baseUrl(), registry.hostPort(), o, cli, work.resolve("d"), random);
            }
            try (RegistryBenchmark.Target berth = RegistryBenchmark.berthProcess(Files.createDirectories(work.resolve("berth-storage")))) {
                table("berth serve", berth.base(), berth.base().replaceFirst("^https?://", ""), o, cli, work.resolve("b"), random);
            }
            note(o);
        } finally {
            deleteTree(work);
        }
    }

    private static final int MANY_LAYERS = 200;
    private static final long MANY_LAYER_KIB = 64;

    // Every line against one registry: warm in this JVM, and berth copy as a fresh process.
    private static void table(String registryName, String baseUrl, String hostPort, Options o, BerthCliRuns cli, Path work,
                              SplittableRandom random) throws Exception {
        Files.createDirectories(work);
        RegistryClient client = RegistryClient.builder(baseUrl).build();
        BerthClientRuns berth = new BerthClientRuns(client);
        SkopeoRuns skopeo = new SkopeoRuns(hostPort, work.resolve("skopeo-tmp"));
        CurlRuns curl = new CurlRuns(baseUrl);
        berth.warmUp(work);

        Path blobFile = work.resolve("big.layer");
        BenchLayer big = BenchLayer.write(blobFile, o.blobMib() * 1024 * 1024, random);
        long size = big.descriptor().size();
        Path layout = SkopeoRuns.layout(work.resolve("big-layout"), blobFile, big, "big");

        // The same blob into fresh repositories: a registry links it into each, so each push sends it all.
        double pushBerth = mbPerSecond(size, () -> berth.push("bench/push-berth", big.descriptor(), blobFile));
        double pushSkopeo = mbPerSecond(size, () -> skopeo.push(layout, "big", "bench/push-skopeo"));
        double pushCurl = mbPerSecond(size, () -> curl.push("bench/push-curl", big.descriptor(), blobFile));
        double cliPushBerth = millis(() -> cli.copy("oci:" + layout + ":big", hostPort + "/bench/cli-push-berth:big"));
        double cliPushSkopeo = millis(() -> skopeo.push(layout, "big", "bench/cli-push-skopeo"));

        Path pulled = work.resolve("pulled");
        double pullBerth = mbPerSecond(size, () -> berth.pull("bench/push-skopeo", big.descriptor(), pulled));
        deleteTree(pulled);
        double pullSkopeo = mbPerSecond(size, () -> skopeo.pull("bench/push-skopeo", "big", pulled));
        deleteTree(pulled);
        double pullCurl = mbPerSecond(size, () -> curl.pull("bench/push-skopeo", big.descriptor(), pulled));
        deleteTree(pulled);
        double cliPullBerth = millis(() -> cli.copy(hostPort + "/bench/push-skopeo:big", "oci:" + pulled + ":big"));
        deleteTree(pulled);
        double cliPullSkopeo = millis(() -> skopeo.pull("bench/push-skopeo", "big", pulled));
        deleteTree(pulled);
        Files.delete(blobFile);
        deleteTree(layout);

        CopySource source = CopySource.push(client, "bench/copy-src", "1", o.layers(), o.layerKib() * 1024, random);
        double copyBerth = millis(() -> berth.copy(source, "bench/copy-berth", o.copyThreads()));
        double copySkopeo = millis(() -> skopeo.copy(source, "bench/copy-skopeo"));
        double copyCurl = millis(() -> curl.copy(source, "bench/copy-curl", o.copyThreads(), work.resolve("curl-copy")));
        Path small = work.resolve("small-layout");
        Path smallSkopeo = work.resolve("small-layout-skopeo");
        double cliSmallPullBerth = millis(() -> cli.copy(hostPort + "/bench/copy-src:1", "oci:" + small + ":1"));
        double cliSmallPullSkopeo = millis(() -> skopeo.pull("bench/copy-src", "1", smallSkopeo));
        double cliSmallPushBerth = millis(() -> cli.copy("oci:" + smallSkopeo + ":1", hostPort + "/bench/cli-small-berth:1"));
        double cliSmallPushSkopeo = millis(() -> skopeo.push(smallSkopeo, "1", "bench/cli-small-skopeo"));
        deleteTree(small);
        deleteTree(smallSkopeo);

        CopySource many = CopySource.push(client, "bench/many-src", "1", MANY_LAYERS, MANY_LAYER_KIB * 1024, random);
        double manyBerth = millis(() -> berth.copy(many, "bench/many-berth", o.copyThreads()));
        double manySkopeo = millis(() -> skopeo.copy(many, "bench/many-skopeo"));
        double manyCurl = millis(() -> curl.copy(many, "bench/many-curl", o.copyThreads(), work.resolve("curl-many")));
        client.close();

        String smallImage = o.layers() + " × " + o.layerKib() + " KiB";
        System.out.println("against " + registryName);
        print(new Line(o.blobMib() + " MiB layer push (MB/s)", true, pushBerth, pushSkopeo, pushCurl),
                new Line(o.blobMib() + " MiB layer pull (MB/s)", true, pullBerth, pullSkopeo, pullCurl),
                new Line("copy " + smallImage + " layers, repo to repo (ms)", false, copyBerth, copySkopeo, copyCurl),
                new Line("copy " + MANY_LAYERS + " × " + MANY_LAYER_KIB + " KiB layers, repo to repo (ms)", false, manyBerth,
                        manySkopeo, manyCurl),
                new Line("fresh process: layout → registry, " + o.blobMib() + " MiB (ms)", false, cliPushBerth, cliPushSkopeo,
                        Double.NaN),
                new Line("fresh process: registry → layout, " + o.blobMib() + " MiB (ms)", false, cliPullBerth, cliPullSkopeo,
                        Double.NaN),
                new Line("fresh process: layout → registry, " + smallImage + " (ms)", false, cliSmallPushBerth,
                        cliSmallPushSkopeo, Double.NaN),
                new Line("fresh process: registry → layout, " + smallImage + " (ms)", false, cliSmallPullBerth,
                        cliSmallPullSkopeo, Double.NaN));
        System.out.println();
    }

    private static void print(Line... lines) {
        System.out.printf("%-56s %10s %10s %10s %13s %11s%n", "", "berth", "skopeo", "curl", "berth/skopeo", "berth/curl");
        for (Line l : lines) {
            // For times the ratio is inverted, so that above 1 always means Berth is faster.
            double vsSkopeo = l.higherIsBetter() ? l.berth() / l.skopeo() : l.skopeo() / l.berth();
            double vsCurl = l.higherIsBetter() ? l.berth() / l.curl() : l.curl() / l.berth();
            System.out.printf("%-56s %10.1f %10.1f %10s %13.2f %11s   (%s is better)%n", l.name(), l.berth(), l.skopeo(),
                    Double.isNaN(l.curl()) ? "–" : String.format("%.1f", l.curl()), vsSkopeo,
                    Double.isNaN(vsCurl) ? "–" : String.format("%.2f", vsCurl), l.higherIsBetter() ? "higher" : "lower");
        }
    }

    private static void note(Options o) {
        System.out.println("""
                Ratios are speed ratios: above 1, Berth is faster (for times, the other's time over Berth's).
                MB/s = 10^6 bytes per second of wall time, process start included for skopeo and curl. The first four
                lines run Berth's client in this JVM, warmed up by one small push and pull; the "fresh process" lines
                run ./berth copy, a new JVM each time, as a user does. Pushes read the layer from disk; pulls write it
                to disk (Berth and skopeo verify the digest, curl does not). skopeo pushes and pulls a one-layer image
                (a few hundred bytes of config and manifest more). Copies GET and upload every blob, %d at a time for
                Berth and curl (skopeo's own default is 6), then PUT the manifest.""".formatted(o.copyThreads()));
    }

    static double millis(Work w) throws Exception {
        long start = System.nanoTime();
        w.run();
        return (System.nanoTime() - start) / 1e6;
    }

    static double mbPerSecond(long bytes, Work w) throws Exception {
        return bytes / 1e6 / (millis(w) / 1e3);
    }

    static void deleteTree(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
