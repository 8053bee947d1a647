package dev.berth.bench;

import dev.berth.client.RegistryClient;
import dev.berth.testsupport.DistributionRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Berth's {@link RegistryClient} against {@code skopeo} and raw {@code curl}, on
 * the same distribution 2.8 registry on loopback, in one run: push and pull of
 * one big layer (MB/s, streamed from and to disk) and the copy of an image of
 * small layers between two repositories (wall time). Every client starts from
 * a file on disk and ends with one; each sends every byte (no mounts, no skips).
 *
 * <p>Usage: {@code bench/client [--blob-mib N] [--layers N] [--layer-kib N] [--copy-threads N] [--cli-jdk JAVA_HOME]}
 * (defaults 1024, 20, 512, 6 — skopeo's own number of parallel layer copies — and this JVM's JDK for the fresh
 * {@code berth copy} processes; on a JDK 24 or newer the launcher uses its AOT cache).
 */
public final class ClientBenchmark {
    private ClientBenchmark() {
    }

    /** The command line, with its defaults. */
    record Options(long blobMib, int layers, long layerKib, int copyThreads, String cliJdk) {
        static Options parse(String[] args) {
            Map<String, String> given = new LinkedHashMap<>();
            for (int i = 0; i + 1 < args.length; i += 2) {
                given.put(args[i], args[i + 1]);
            }
            if (args.length % 2 != 0 || !Map.of("--blob-mib", 0, "--layers", 0, "--layer-kib", 0, "--copy-threads", 0,
                    "--cli-jdk", 0).keySet().containsAll(given.keySet())) {
                throw new IllegalArgumentException("usage: bench/client [--blob-mib N] [--layers N] [--layer-kib N]"
                        + " [--copy-threads N] [--cli-jdk JAVA_HOME]");
            }
            return new Options(Long.parseLong(given.getOrDefault("--blob-mib", "1024")),
                    Integer.parseInt(given.getOrDefault("--layers", "20")),
                    Long.parseLong(given.getOrDefault("--layer-kib", "512")),
                    Integer.parseInt(given.getOrDefault("--copy-threads", "6")),
                    given.getOrDefault("--cli-jdk", System.getProperty("java.home")));
        }
    }

    /** One measured line: the three clients' figures, and the CPU seconds the registry spent serving each. */
    record Line(String name, boolean higherIsBetter, Measured berth, Measured skopeo, Measured curl) {
    }

    /**
     * One client's figure for one line, and what it cost the registry: a line the registry's CPU bounds cannot
     * be won by a client, however fast.
     *
     * @param value       MB/s or milliseconds
     * @param registryCpu CPU seconds the registry's process used meanwhile, NaN when unknown
     */
    record Measured(double value, double registryCpu) {
        static final Measured NONE = new Measured(Double.NaN, Double.NaN);
    }

    /**
     * Times work and reads the registry's CPU around it. Each run starts with the page cache clean: the pushes
     * before it leave gigabytes to write back, which would otherwise slow whichever client comes next.
     */
    record Registry(long pid) {
        Measured millis(Work w) throws Exception {
            Processes.run(List.of("sync"));
            double before = ProcessCpu.seconds(pid);
            double ms = ClientBenchmark.millis(w);
            return new Measured(ms, ProcessCpu.seconds(pid) - before);
        }

        Measured mbPerSecond(long bytes, Work w) throws Exception {
            Measured m = millis(w);
            return new Measured(bytes / 1e6 / (m.value() / 1e3), m.registryCpu());
        }
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
            BerthCliRuns cli = new BerthCliRuns(root, (Runtime.getRuntime().maxMemory() >> 20) + "m", Path.of(o.cliJdk()));
            System.out.println("berth copy runs on the JDK in " + o.cliJdk());
            cli.warmUp();
            System.out.printf("SHA-256 in this JVM: %.0f MB/s on one core; a pull that verifies its digest goes no faster%n%n",
                    sha256MbPerSecond());
            try (DistributionRegistry registry = DistributionRegistry.builder(work.resolve("registry")).start()) {
                Registry cpu = new Registry(ProcessCpu.find("docker-registry", work.resolve("registry").toString()).orElse(-1L));
                table("distribution 2.8", registry.baseUrl(), registry.hostPort(), cpu, o, cli, work.resolve("d"), random);
            }
            Path berthStorage = Files.createDirectories(work.resolve("berth-storage"));
            try (RegistryBenchmark.Target berth = RegistryBenchmark.berthProcess(berthStorage)) {
                Registry cpu = new Registry(ProcessCpu.find(BerthServerMain.class.getName(), berthStorage.toString()).orElse(-1L));
                table("berth serve", berth.base(), berth.base().replaceFirst("^https?://", ""), cpu, o, cli, work.resolve("b"),
                        random);
            }
            note(o);
        } finally {
            deleteTree(work);
        }
    }

    private static final int MANY_LAYERS = 200;
    private static final long MANY_LAYER_KIB = 64;

    // Every line against one registry: warm in this JVM, and berth copy as a fresh process.
    private static void table(String registryName, String baseUrl, String hostPort, Registry registry, Options o,
                              BerthCliRuns cli, Path work, SplittableRandom random) throws Exception {
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
        Measured pushBerth = registry.mbPerSecond(size, () -> berth.push("bench/push-berth", big.descriptor(), blobFile));
        Measured pushSkopeo = registry.mbPerSecond(size, () -> skopeo.push(layout, "big", "bench/push-skopeo"));
        Measured pushCurl = registry.mbPerSecond(size, () -> curl.push("bench/push-curl", big.descriptor(), blobFile));
        Measured cliPushBerth = registry.millis(() -> cli.copy("oci:" + layout + ":big", hostPort + "/bench/cli-push-berth:big"));
        Measured cliPushSkopeo = registry.millis(() -> skopeo.push(layout, "big", "bench/cli-push-skopeo"));

        Path pulled = work.resolve("pulled");
        Measured pullBerth = registry.mbPerSecond(size, () -> berth.pull("bench/push-skopeo", big.descriptor(), pulled));
        deleteTree(pulled);
        Measured pullSkopeo = registry.mbPerSecond(size, () -> skopeo.pull("bench/push-skopeo", "big", pulled));
        deleteTree(pulled);
        Measured pullCurl = registry.mbPerSecond(size, () -> curl.pull("bench/push-skopeo", big.descriptor(), pulled));
        deleteTree(pulled);
        Measured cliPullBerth = registry.millis(() -> cli.copy(hostPort + "/bench/push-skopeo:big", "oci:" + pulled + ":big"));
        deleteTree(pulled);
        Measured cliPullSkopeo = registry.millis(() -> skopeo.pull("bench/push-skopeo", "big", pulled));
        deleteTree(pulled);
        Files.delete(blobFile);
        deleteTree(layout);

        CopySource source = CopySource.push(client, "bench/copy-src", "1", o.layers(), o.layerKib() * 1024, random);
        Measured copyBerth = registry.millis(() -> berth.copy(source, "bench/copy-berth", o.copyThreads()));
        Measured copySkopeo = registry.millis(() -> skopeo.copy(source, "bench/copy-skopeo"));
        Measured copyCurl = registry.millis(() -> curl.copy(source, "bench/copy-curl", o.copyThreads(), work.resolve("curl-copy")));
        Path small = work.resolve("small-layout");
        Path smallSkopeo = work.resolve("small-layout-skopeo");
        Measured cliSmallPullBerth = registry.millis(() -> cli.copy(hostPort + "/bench/copy-src:1", "oci:" + small + ":1"));
        Measured cliSmallPullSkopeo = registry.millis(() -> skopeo.pull("bench/copy-src", "1", smallSkopeo));
        Measured cliSmallPushBerth = registry.millis(() -> cli.copy("oci:" + smallSkopeo + ":1", hostPort + "/bench/cli-small-berth:1"));
        Measured cliSmallPushSkopeo = registry.millis(() -> skopeo.push(smallSkopeo, "1", "bench/cli-small-skopeo"));
        deleteTree(small);
        deleteTree(smallSkopeo);

        CopySource many = CopySource.push(client, "bench/many-src", "1", MANY_LAYERS, MANY_LAYER_KIB * 1024, random);
        Measured manyBerth = registry.millis(() -> berth.copy(many, "bench/many-berth", o.copyThreads()));
        Measured manySkopeo = registry.millis(() -> skopeo.copy(many, "bench/many-skopeo"));
        Measured manyCurl = registry.millis(() -> curl.copy(many, "bench/many-curl", o.copyThreads(), work.resolve("curl-many")));
        client.close();

        String smallImage = o.layers() + " × " + o.layerKib() + " KiB";
        System.out.println("against " + registryName);
        print(new Line(o.blobMib() + " MiB layer push (MB/s)", true, pushBerth, pushSkopeo, pushCurl),
                new Line(o.blobMib() + " MiB layer pull (MB/s)", true, pullBerth, pullSkopeo, pullCurl),
                new Line("copy " + smallImage + " layers, repo to repo (ms)", false, copyBerth, copySkopeo, copyCurl),
                new Line("copy " + MANY_LAYERS + " × " + MANY_LAYER_KIB + " KiB layers, repo to repo (ms)", false, manyBerth,
                        manySkopeo, manyCurl),
                new Line("fresh process: layout → registry, " + o.blobMib() + " MiB (ms)", false, cliPushBerth, cliPushSkopeo,
                        Measured.NONE),
                new Line("fresh process: registry → layout, " + o.blobMib() + " MiB (ms)", false, cliPullBerth, cliPullSkopeo,
                        Measured.NONE),
                new Line("fresh process: layout → registry, " + smallImage + " (ms)", false, cliSmallPushBerth,
                        cliSmallPushSkopeo, Measured.NONE),
                new Line("fresh process: registry → layout, " + smallImage + " (ms)", false, cliSmallPullBerth,
                        cliSmallPullSkopeo, Measured.NONE));
        System.out.println();
    }

    private static void print(Line... lines) {
        System.out.printf("%-56s %10s %10s %10s %13s %11s   %-22s%n", "", "berth", "skopeo", "curl", "berth/skopeo",
                "berth/curl", "registry CPU s: b/s/c");
        for (Line l : lines) {
            // For times the ratio is inverted, so that above 1 always means Berth is faster.
            double vsSkopeo = ratio(l.higherIsBetter(), l.berth().value(), l.skopeo().value());
            double vsCurl = ratio(l.higherIsBetter(), l.berth().value(), l.curl().value());
            System.out.printf("%-56s %10.1f %10.1f %10s %13.2f %11s   %-22s (%s is better)%n", l.name(), l.berth().value(),
                    l.skopeo().value(), figure(l.curl().value(), "%.1f"), vsSkopeo, figure(vsCurl, "%.2f"),
                    figure(l.berth().registryCpu(), "%.2f") + " / " + figure(l.skopeo().registryCpu(), "%.2f") + " / "
                            + figure(l.curl().registryCpu(), "%.2f"), l.higherIsBetter() ? "higher" : "lower");
        }
    }

    private static double ratio(boolean higherIsBetter, double berth, double other) {
        return higherIsBetter ? berth / other : other / berth;
    }

    private static String figure(double value, String format) {
        return Double.isNaN(value) ? "–" : String.format(format, value);
    }

    // What one core hashes: the ceiling of a pull that checks what it received.
    private static double sha256MbPerSecond() throws Exception {
        byte[] buffer = new byte[1024 * 1024];
        new SplittableRandom(1).nextBytes(buffer);
        double best = 0;
        for (int round = 0; round < 5; round++) { // the first rounds run before the JIT has compiled the intrinsic
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            double ms = millis(() -> {
                for (int i = 0; i < 256; i++) {
                    md.update(buffer);
                }
            });
            md.digest();
            best = Math.max(best, 256 * buffer.length / 1e6 / (ms / 1e3));
        }
        return best;
    }

    private static void note(Options o) {
        System.out.println("""
                Ratios are speed ratios: above 1, Berth is faster (for times, the other's time over Berth's).
                MB/s = 10^6 bytes per second of wall time, process start included for skopeo and curl. The first four
                lines run Berth's client in this JVM, warmed up by a 64 MiB push and 8 pulls; the "fresh process" lines
                run ./berth copy, a new JVM each time, as a user does. Pushes read the layer from disk; pulls write it
                to disk (Berth and skopeo verify the digest, curl does not). skopeo pushes and pulls a one-layer image
                (a few hundred bytes of config and manifest more). Copies GET and upload every blob, %d at a time for
                Berth and curl (skopeo's own default is 6), then PUT the manifest. "registry CPU s" is what the
                registry's process spent while each client ran: where it is close to the wall time times the
                cores, the registry, not the client, sets the pace.""".formatted(o.copyThreads()));
    }

    static double millis(Work w) throws Exception {
        long start = System.nanoTime();
        w.run();
        return (System.nanoTime() - start) / 1e6;
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
