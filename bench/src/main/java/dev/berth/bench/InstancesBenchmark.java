package dev.berth.bench;

import dev.berth.testsupport.DistributionRegistry;
import dev.berth.testsupport.HAProxy;
import dev.berth.testsupport.PostgresServer;
import dev.berth.testsupport.S3ProxyServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code berth serve} as several stateless instances, measured in one run: one instance and three instances, each
 * behind HAProxy (round robin), all over one S3 bucket (S3Proxy on its filesystem backend) and one PostgreSQL
 * database; one instance without the balancer, to show what the balancer costs; and distribution 2.8 on its
 * filesystem driver, the reference registry as most run it. Measures 100 images of 1 MiB pushed by 16 threads
 * (as bench/run does) and manifest GETs per second under 64 connections (wrk), and prints each figure with the
 * ratios of three instances to one and to distribution.
 *
 * <p>Usage: {@code bench/instances [--disk]} (default: storage in memory-backed {@code /dev/shm}).
 */
public final class InstancesBenchmark {
    private static final int ROUNDS = 3;
    private static final int INSTANCES = 3;
    private static final Map<String, String> AWS = Map.of("AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY, "AWS_REGION", "us-east-1");

    private InstancesBenchmark() {
    }

    /** A registry under test, by its base URL. */
    private record Target(String name, String base) {
    }

    /** @param args {@code [--disk]} */
    public static void main(String[] args) throws Exception {
        Path work = RegistryBenchmark.workDirectory(List.of(args).contains("--disk"), 1024);
        List<Target> targets = new ArrayList<>();
        double[][] pushes;
        double[][] gets;
        try (Teardown started = new Teardown()) {
            started.add(() -> RegistryBenchmark.deleteTree(work)); // stopped last: every process is gone by then
            System.out.printf("berth serve instances over S3Proxy (filesystem) and PostgreSQL %s, HAProxy round robin;"
                    + " distribution 2.8 on its filesystem driver%n%d cores, storage in %s%n%n", postgresVersion(),
                    Runtime.getRuntime().availableProcessors(), work);
            ChildProcess s3 = started.add(ChildProcess.start("S3Proxy", List.of(ChildProcess.java(), "-Xmx512m", "-cp",
                    s3ProxyClassPath(), S3ProxyMain.class.getName(), work.resolve("s3").toString(), "bench"), Map.of(),
                    work.resolve("s3proxy.log")));
            PostgresServer postgres = started.add(PostgresServer.start());
            String metadata = postgres.createDatabase();
            List<String> instances = new ArrayList<>();
            for (int i = 0; i < INSTANCES; i++) {
                instances.add(started.add(berthServe(i, s3.firstLine(), metadata, work)).firstLine()
                        .substring("listening on ".length()));
            }
            HAProxy one = started.add(HAProxy.roundRobin(work.resolve("haproxy-1"), List.of(hostPort(instances.get(0)))));
            HAProxy three = started.add(HAProxy.roundRobin(work.resolve("haproxy-3"),
                    instances.stream().map(InstancesBenchmark::hostPort).toList()));
            DistributionRegistry distribution = started.add(DistributionRegistry.builder(work.resolve("distribution")).start());
            targets.add(new Target("distribution", distribution.baseUrl()));
            targets.add(new Target("1, direct", instances.get(0)));
            targets.add(new Target("1, HAProxy", "http://" + one.hostPort()));
            targets.add(new Target("3, HAProxy", "http://" + three.hostPort()));
            pushes = measurePushes(targets);
            gets = measureGets(targets);
        }
        print(targets, pushes, gets);
    }

    private static ChildProcess berthServe(int n, String s3Endpoint, String metadata, Path work) throws IOException {
        Path examples = Path.of("examples", "target").toAbsolutePath();
        if (!Files.isRegularFile(examples.resolve("berth-examples.jar"))) {
            throw new IOException("no " + examples.resolve("berth-examples.jar") + ": run from the repository's root after"
                    + " building with -pl bench -am (bench/instances does both)");
        }
        // The access log stays on (info), as in production and as distribution logs each request.
        return ChildProcess.start("berth serve " + n, List.of(ChildProcess.java(), "-Xmx512m", "-Xlog:disable",
                "-Xlog:all=warning:stderr", "-cp", examples.resolve("berth-examples.jar") + ":" + examples.resolve("lib") + "/*",
                "dev.berth.examples.cli.Berth", "serve", "--addr", "127.0.0.1:0",
                "--storage", "s3://bench?endpoint=" + s3Endpoint + "&pathstyle=true", "--metadata", metadata),
                AWS, work.resolve("berth-" + n + ".log"));
    }

    // S3Proxy's jackson-annotations first, ahead of the 2.18 in lib.
    private static String s3ProxyClassPath() throws IOException {
        Path annotations = Path.of("bench", "target", "s3proxy-lib", "jackson-annotations.jar").toAbsolutePath();
        if (!Files.isRegularFile(annotations)) {
            throw new IOException("no " + annotations + ": build with -Pbench -pl bench -am package (bench/instances does)");
        }
        return annotations + ":" + System.getProperty("java.class.path");
    }

    private static String hostPort(String base) {
        return base.substring(base.indexOf("://") + 3);
    }

    private static String postgresVersion() throws IOException {
        try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(p -> p.getFileName().toString()).max(String::compareTo).orElse("?");
        }
    }

    // Rounds alternate between the registries, so that a slow moment of the shared machine hits all of them.
    private static double[][] measurePushes(List<Target> targets) throws Exception {
        for (Target t : targets) {
            RegistryBenchmark.pushImages(t.base(), 100, 64 * 1024); // warm: compiled push paths, pools filled
        }
        double[][] ms = new double[targets.size()][ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            for (int i = 0; i < targets.size(); i++) {
                String base = targets.get(i).base();
                List<RegistryBenchmark.PreparedImage> images = RegistryBenchmark.prepareImages(100, 1024 * 1024);
                ms[i][round] = RegistryBenchmark.millis(() -> RegistryBenchmark.pushImages(base, images));
            }
        }
        return ms;
    }

    /** @return per target {requests per second, p99 latency in ms, share of the machine's CPU time busy meanwhile} */
    private static double[][] measureGets(List<Target> targets) throws Exception {
        double[][] result = new double[targets.size()][];
        for (int i = 0; i < targets.size(); i++) {
            String base = targets.get(i).base();
            String url = RegistryBenchmark.pushSmallImage(base);
            // Unmeasured, twice as long as bench/run's: three JVMs each see a third of the requests while all three
            // compile the same GET path on the same cores.
            RegistryBenchmark.wrk(base, url);
            RegistryBenchmark.wrk(base, url);
            long[] before = cpuTimes();
            double[] w = RegistryBenchmark.wrk(base, url);
            long[] after = cpuTimes();
            double busy = 100.0 * (1 - (double) (after[1] - before[1]) / (after[0] - before[0]));
            result[i] = new double[] {w[0], w[1], busy};
        }
        return result;
    }

    /** @return {all CPU time, idle and I/O wait time} of the machine so far, in clock ticks (/proc/stat) */
    private static long[] cpuTimes() throws IOException {
        String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < fields.length; i++) {
            total += Long.parseLong(fields[i]);
        }
        return new long[] {total, Long.parseLong(fields[4]) + Long.parseLong(fields[5])};
    }

    private static void print(List<Target> targets, double[][] pushes, double[][] gets) {
        double[] push = RegistryBenchmark.medians(pushes);
        StringBuilder header = new StringBuilder(String.format("%-58s", "berth instances:"));
        for (Target t : targets) {
            header.append(String.format(" %12s", t.name()));
        }
        System.out.println(header.append(String.format(" %8s %8s", "3 / 1", "3 / dist")));
        int dist = 0;
        int one = 2;
        int three = 3;
        line("100 images of 1 MiB by 16 threads (ms, median of " + ROUNDS + ", lower is better)", push, dist, one, three);
        line("manifest GET by tag, 64 connections (requests/s, higher is better)", column(gets, 0), dist, one, three);
        line("manifest GET p99 latency (ms, lower is better)", column(gets, 1), dist, one, three);
        line("the machine's CPU busy during those GETs (%)", column(gets, 2), dist, one, three);
        System.out.println("\n3 / 1 = three instances behind HAProxy over one instance behind the same HAProxy;"
                + "\n3 / dist = three instances behind HAProxy over distribution 2.8 on its filesystem (no balancer)."
                + "\nRead each ratio with the direction in its line's name. Every process (wrk, HAProxy, PostgreSQL, S3Proxy,"
                + "\nthe instances) shares this machine's cores: once they are all busy, more instances add no capacity.");
    }

    private static double[] column(double[][] rows, int column) {
        double[] values = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            values[i] = rows[i][column];
        }
        return values;
    }

    private static void line(String name, double[] values, int dist, int one, int three) {
        StringBuilder b = new StringBuilder(String.format("%-58s", name));
        for (double v : values) {
            b.append(String.format(" %12.1f", v));
        }
        System.out.println(b.append(String.format(" %8.2f %8.2f", values[three] / values[one], values[three] / values[dist])));
    }
}
