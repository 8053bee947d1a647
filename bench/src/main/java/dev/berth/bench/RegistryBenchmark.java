package dev.berth.bench;

import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.DigestAlgorithm;
import dev.berth.model.MediaType;
import dev.berth.model.manifest.ImageManifest;
import dev.berth.server.EmbeddedRegistry;
import dev.berth.server.Storage;
import dev.berth.testsupport.DistributionRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The same client workload against distribution 2.8 and Berth's registry (each
 * in its own process, filesystem storage), measured in one run:
 * a large blob pushed and pulled, 100 small images pushed concurrently,
 * manifest GETs under 64 connections (wrk), and the time to a first answered
 * {@code /v2/}. Prints each figure and Berth's ratio to distribution.
 *
 * <p>Usage: {@code bench/run [--blob-mib N] [--disk]} (default 1024 MiB, storage in memory-backed {@code /dev/shm}).
 */
public final class RegistryBenchmark {
    // HTTP/1.1 as registries speak it on plain HTTP; no h2c upgrade attempt on the first request.
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private RegistryBenchmark() {
    }

    /** One registry under test. */
    interface Target extends AutoCloseable {
        String name();

        String base();

        @Override
        void close();
    }

    private static final int ROUNDS = 3;

    /** @param args {@code [--blob-mib N] [--disk]} */
    public static void main(String[] args) throws Exception {
        List<String> options = List.of(args);
        int at = options.indexOf("--blob-mib");
        int blobMib = at >= 0 && at + 1 < options.size() ? Integer.parseInt(options.get(at + 1)) : 1024;
        Path work = workDirectory(options.contains("--disk"), blobMib);
        Map<String, double[]> results = new LinkedHashMap<>();
        double[] limit = null;
        try {
            System.out.println("Berth vs distribution 2.8 — same client, same machine, filesystem storage, loopback");
            System.out.printf("%d cores, %d MiB blob; both registries warmed up by the same requests before the throughput lines;%n"
                    + "storage in %s%n%n", Runtime.getRuntime().availableProcessors(), blobMib, work);
            trainClassArchive(work.resolve("berth.jsa"), work.resolve("training"));
            System.out.println(classArchive != null ? "Berth's process starts with a class-data archive from one training start"
                    + " (./berth makes its own the same way)\n" : "no class-data archive could be made: Berth's process starts without\n");
            double distributionStart = medianStart(d -> startDistribution(d), work, "d-start");
            results.put("start to first /v2/, separate process (ms, median of 5, lower is better)",
                    new double[] {distributionStart, medianStart(d -> startBerthProcess(d), work, "b-start"), Double.NaN});
            // In-process: the first start in this JVM, classes not yet loaded, as a test suite's first registry sees it.
            results.put("start to first /v2/, Berth in-process, first in its JVM (ms, lower is better)",
                    new double[] {distributionStart, startBerthInProcess(work.resolve("i-start")), Double.NaN});
            try (Target d = distribution(work.resolve("d")); Target b = berthProcess(work.resolve("b"));
                 Target all = berthProcess(work.resolve("all"), everyStage())) {
                List<Target> targets = List.of(d, b, all);
                int n = targets.size();
                long size = blobMib * 1024L * 1024L;
                Digest digest = digestOf(size);
                // The blob lines use curl on both registries: the JDK HttpClient's streaming upload costs more CPU
                // than either server on two cores, so with it those lines measured the client (#14).
                Path blobFile = work.resolve("blob");
                try (InputStream in = content(size)) {
                    Files.copy(in, blobFile);
                }
                Descriptor blob = Descriptor.of(MediaType.OCI_LAYER_TAR, digest, size);
                double[][] push = new double[n][ROUNDS];
                double[][] pull = new double[n][ROUNDS];
                double[][] many = new double[n][ROUNDS];
                for (Target t : targets) {
                    warmUp(t);
                }
                // Rounds alternate between the registries, so that a slow moment of the machine hits all of them.
                for (int round = 0; round < ROUNDS; round++) {
                    for (int i = 0; i < n; i++) {
                        Target t = targets.get(i);
                        String repo = "bench/big" + round;
                        CurlRuns curl = curl(t.base());
                        push[i][round] = mbPerSecond(size, () -> curl.push(repo, blob, blobFile));
                        pull[i][round] = mbPerSecond(size, () -> curl.pull(repo, blob, Path.of("/dev/null")));
                        List<PreparedImage> images = prepareImages(100, 1024 * 1024);
                        many[i][round] = millis(() -> pushImages(t.base(), images));
                    }
                }
                results.put(blobMib + " MiB blob push, curl (MB/s, median of " + ROUNDS + ", higher is better)", medians(push));
                results.put(blobMib + " MiB blob pull, curl (MB/s, median of " + ROUNDS + ", higher is better)", medians(pull));
                results.put("100 images of 1 MiB by 16 threads (ms, median of " + ROUNDS + ", lower is better)", medians(many));
                // The registries and nginx (the limit) by turns as well, each warmed until its rate settles first.
                List<String> bases = new ArrayList<>();
                List<String> urls = new ArrayList<>();
                for (Target t : targets) {
                    bases.add(t.base());
                    urls.add(pushSmallImage(t.base()));
                }
                double[][] rate = new double[n + 1][ROUNDS];
                double[][] p99 = new double[n + 1][ROUNDS];
                try (NginxStatic nginx = nginxServingTheManifestOf(work.resolve("nginx"), b.base())) {
                    bases.add(nginx.url());
                    urls.add(nginx.url());
                    for (int i = 0; i <= n; i++) {
                        warmUntilSteady(bases.get(i), urls.get(i));
                    }
                    for (int round = 0; round < ROUNDS; round++) {
                        for (int i = 0; i <= n; i++) {
                            double[] w = wrk(bases.get(i), urls.get(i));
                            rate[i][round] = w[0];
                            p99[i][round] = w[1];
                        }
                    }
                }
                double[] rates = medians(rate);
                double[] p99s = medians(p99);
                results.put("manifest GET, 64 connections (requests/s, median of " + ROUNDS + ", higher is better)",
                        Arrays.copyOf(rates, n));
                results.put("manifest GET p99 latency (ms, median of " + ROUNDS + ", lower is better)", Arrays.copyOf(p99s, n));
                limit = new double[] {rates[n], rates[1], rates[2]};
            }
        } finally {
            deleteTree(work);
        }
        System.out.printf("%-66s %13s %13s %13s %7s %7s%n", "", "distribution", "berth", "every stage", "ratio", "ratio");
        results.forEach((name, v) -> System.out.printf("%-66s %13.1f %13.1f %13s %7.2f %7s%n", name, v[0], v[1],
                Double.isNaN(v[2]) ? "" : String.format("%.1f", v[2]), v[1] / v[0],
                Double.isNaN(v[2]) ? "" : String.format("%.2f", v[2] / v[0])));
        System.out.println("\nratio = berth / distribution, bare and with every stage on (htpasswd auth, access rules, the access log,"
                + "\nPrometheus metrics, a rate limit, CORS, response headers); read it with the direction in each line's name.");
        if (limit != null) {
            System.out.printf("%nthe limit: nginx serving the same manifest bytes as a static file, 64 connections (wrk)%n");
            System.out.printf("%-66s %13s %13s %13s %7s %7s%n", "", "nginx", "berth", "every stage", "ratio", "ratio");
            System.out.printf("%-66s %13.1f %13.1f %13.1f %7.2f %7.2f%n", "manifest GET (requests/s, higher is better)", limit[0],
                    limit[1], limit[2], limit[1] / limit[0], limit[2] / limit[0]);
        }
    }

    // Both stores fsync what they write: on a virtual disk, a GiB of write-back varies by a factor of two from
    // one run to the next and drowns the servers' own cost. Memory-backed storage measures the servers;
    // --disk measures the disk too.
    static Path workDirectory(boolean disk, int blobMib) throws IOException {
        Path shm = Path.of("/dev/shm");
        if (!disk && Files.isDirectory(shm) && Files.getFileStore(shm).getUsableSpace() > 6L * blobMib * 1024 * 1024) {
            return Files.createTempDirectory(shm, "berth-bench");
        }
        return Files.createTempDirectory("berth-bench");
    }

    // A registry serves for hours: measure both warm. (Cold start has its own lines above.) For the JVM this
    // means compiled hot paths; distribution, compiled ahead of time, gets the same requests all the same.
    static void warmUp(Target t) throws Exception {
        long size = 128L * 1024 * 1024;
        Digest digest = digestOf(size);
        for (int i = 0; i < 2; i++) {
            pushBlob(t.base(), "bench/warm-up", size, digest);
            pullBlob(t.base(), "bench/warm-up", digest, size);
        }
        pushImages(t.base(), 20, 64 * 1024);
    }

    // ---- registries

    static Target distribution(Path dir) throws Exception {
        DistributionRegistry r = DistributionRegistry.builder(dir).start();
        return new Target() {
            public String name() {
                return "distribution";
            }

            public String base() {
                return r.baseUrl();
            }

            public void close() {
                r.close();
            }
        };
    }

    // The class-data archive Berth's process starts with, made by one training start (./berth makes its own the same way).
    private static Path classArchive;

    static Target berthProcess(Path dir) throws IOException {
        return berthProcess(dir, List.of());
    }

    // Berth with every stage a platform turns on: BerthServerMain --every-stage, whose Basic credentials are bench:bench.
    static List<String> everyStage() {
        return List.of("--every-stage");
    }

    static Target berthProcess(Path dir, List<String> serverOptions) throws IOException {
        return berthProcess(dir, classArchive == null ? List.of() : List.of("-XX:SharedArchiveFile=" + classArchive), serverOptions);
    }

    static Target berthProcess(Path dir, List<String> jvmOptions, List<String> serverOptions) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-Xlog:disable", "-Xlog:all=warning:stderr", "-cp", System.getProperty("java.class.path"),
                BerthServerMain.class.getName(), dir.toString()));
        command.addAll(serverOptions);
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String base = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (serverOptions.contains("--every-stage")) {
            AUTHORIZATION.put(base, "Basic " + java.util.Base64.getEncoder().encodeToString("bench:bench".getBytes(StandardCharsets.UTF_8)));
        }
        return new Target() {
            public String name() {
                return "berth";
            }

            public String base() {
                return base;
            }

            public void close() {
                p.destroy();
                try {
                    p.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                p.destroyForcibly();
            }
        };
    }

    static double startDistribution(Path dir) throws Exception {
        long t0 = System.nanoTime();
        try (Target t = distribution(dir)) {
            awaitPing(t.base());
            return (System.nanoTime() - t0) / 1e6;
        }
    }

    /** One start and stop of Berth's process that leaves the classes it loaded in an archive for the next starts. */
    static void trainClassArchive(Path archive, Path dir) throws Exception {
        try (Target t = berthProcess(dir, List.of("-XX:ArchiveClassesAtExit=" + archive), List.of())) {
            awaitPing(t.base());
        }
        if (Files.isRegularFile(archive)) {
            classArchive = archive;
        }
    }

    /** @return the median of five timed starts */
    static double medianStart(Start start, Path dir, String name) throws Exception {
        double[] runs = new double[5];
        for (int i = 0; i < runs.length; i++) {
            runs[i] = start.millis(dir.resolve(name + i));
        }
        return medians(new double[][] {runs})[0];
    }

    static double startBerthProcess(Path dir) throws Exception {
        long t0 = System.nanoTime();
        try (Target t = berthProcess(dir)) {
            awaitPing(t.base());
            return (System.nanoTime() - t0) / 1e6;
        }
    }

    static double startBerthInProcess(Path dir) throws Exception {
        long t0 = System.nanoTime();
        try (EmbeddedRegistry r = EmbeddedRegistry.builder().storage(Storage.filesystem(dir)).start()) {
            awaitPing(r.baseUri().toString());
            return (System.nanoTime() - t0) / 1e6;
        }
    }

    static void awaitPing(String base) throws Exception {
        for (int i = 0; i < 2000; i++) {
            try {
                if (HTTP.send(request(URI.create(base + "/v2/")).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(2);
            }
        }
        throw new IOException(base + " never answered");
    }

    // ---- workloads

    /** Bytes from a fast deterministic generator, so a GiB needs no disk and no memory. */
    static InputStream content(long size) {
        return new InputStream() {
            long left = size;
            long x = 0x9E3779B97F4A7C15L;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left == 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                for (int i = 0; i < n; i++) {
                    if ((i & 7) == 0) {
                        x ^= x << 13;
                        x ^= x >>> 7;
                        x ^= x << 17;
                    }
                    b[off + i] = (byte) (x >>> ((i & 7) * 8));
                }
                left -= n;
                return n;
            }
        };
    }

    static Digest digestOf(long size) throws IOException {
        try (InputStream in = content(size)) {
            return Digest.compute(DigestAlgorithm.SHA256, in);
        }
    }

    static void pushBlob(String base, String repo, long size, Digest digest) throws Exception {
        String location = startUpload(base, repo);
        HttpRequest put = request(URI.create(location + (location.contains("?") ? "&" : "?") + "digest=" + digest))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> content(size)), size))
                .build();
        expect(201, HTTP.send(put, HttpResponse.BodyHandlers.discarding()).statusCode(), "blob PUT");
    }

    static String startUpload(String base, String repo) throws Exception {
        HttpResponse<Void> r = HTTP.send(request(URI.create(base + "/v2/" + repo + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        expect(202, r.statusCode(), "upload POST");
        String location = r.headers().firstValue("Location").orElseThrow();
        return location.startsWith("http") ? location : base + location;
    }

    static void pullBlob(String base, String repo, Digest digest, long size) throws Exception {
        HttpResponse<InputStream> r = HTTP.send(request(URI.create(base + "/v2/" + repo + "/blobs/" + digest)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        expect(200, r.statusCode(), "blob GET");
        try (InputStream in = r.body()) {
            long n = in.transferTo(java.io.OutputStream.nullOutputStream());
            expect((int) (size % Integer.MAX_VALUE), (int) (n % Integer.MAX_VALUE), "bytes pulled");
        }
    }

    /**
     * An image ready to push: its random layer, its config and their digests made beforehand, so that a timed
     * push measures the registry and the HTTP exchanges, not the harness making up content.
     */
    record PreparedImage(String repository, String tag, byte[] layer, byte[] config, ImageManifest manifest) {
        static PreparedImage of(String repository, String tag, byte[] layer) {
            byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"tag\":\"" + tag + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            return new PreparedImage(repository, tag, layer, config, ImageManifest.builder()
                    .config(Descriptor.forContent(MediaType.OCI_CONFIG, config))
                    .layer(Descriptor.forContent(MediaType.OCI_LAYER_TAR_GZIP, layer)).build());
        }
    }

    /** @return {@code count} images of one unique random layer each, over 10 repositories */
    static List<PreparedImage> prepareImages(int count, int layerSize) {
        List<PreparedImage> images = new ArrayList<>(count);
        java.util.Random random = new java.util.Random(System.nanoTime());
        for (int n = 0; n < count; n++) {
            byte[] layer = new byte[layerSize];
            random.nextBytes(layer);
            images.add(PreparedImage.of("bench/many" + (n % 10), "t" + n, layer));
        }
        return images;
    }

    static void pushImages(String base, int count, int layerSize) throws Exception {
        pushImages(base, prepareImages(count, layerSize));
    }

    /** Pushes the images by 16 threads: two monolithic blob uploads and a manifest PUT each. */
    static void pushImages(String base, List<PreparedImage> images) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (PreparedImage image : images) {
                futures.add(pool.submit(() -> {
                    pushImage(base, image);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static ImageManifest pushImage(String base, String repo, String tag, byte[] layer) throws Exception {
        PreparedImage image = PreparedImage.of(repo, tag, layer);
        pushImage(base, image);
        return image.manifest();
    }

    private static void pushImage(String base, PreparedImage image) throws Exception {
        ImageManifest m = image.manifest();
        pushBlobOnce(base, image.repository(), image.layer(), m.layers().get(0).digest());
        pushBlobOnce(base, image.repository(), image.config(), m.config().digest());
        expect(201, HTTP.send(request(URI.create(base + "/v2/" + image.repository() + "/manifests/" + image.tag()))
                .header("Content-Type", m.mediaType()).PUT(HttpRequest.BodyPublishers.ofByteArray(m.bytes())).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode(), "manifest PUT");
    }

    private static void pushBlobOnce(String base, String repo, byte[] blob, Digest digest) throws Exception {
        String location = startUpload(base, repo);
        HttpRequest put = request(URI.create(location + (location.contains("?") ? "&" : "?") + "digest=" + digest))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(blob)).build();
        expect(201, HTTP.send(put, HttpResponse.BodyHandlers.discarding()).statusCode(), "blob PUT");
    }

    static String pushSmallImage(String base) throws Exception {
        pushImage(base, "bench/small", "latest", "small layer".getBytes(StandardCharsets.UTF_8));
        return base + "/v2/bench/small/manifests/latest";
    }

    /** @return nginx serving the manifest Berth serves at {@code base} as a static file, at the same path */
    static NginxStatic nginxServingTheManifestOf(Path dir, String base) throws Exception {
        String path = "/v2/bench/small/manifests/latest";
        HttpResponse<byte[]> m = HTTP.send(request(URI.create(base + path))
                .header("Accept", MediaType.MANIFEST_ACCEPT).build(), HttpResponse.BodyHandlers.ofByteArray());
        expect(200, m.statusCode(), "manifest GET");
        String type = m.headers().firstValue("Content-Type").orElse(MediaType.OCI_MANIFEST);
        return NginxStatic.serve(Files.createDirectories(dir), path, type, m.body());
    }

    // The Authorization header each registry under test wants, by base URL (none for most).
    private static final Map<String, String> AUTHORIZATION = new java.util.concurrent.ConcurrentHashMap<>();

    static HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri);
        AUTHORIZATION.forEach((base, header) -> {
            if (uri.toString().startsWith(base)) {
                b.header("Authorization", header);
            }
        });
        return b;
    }

    /** @return curl against {@code base}, with the Authorization header the registry there wants */
    static CurlRuns curl(String base) {
        String authorization = AUTHORIZATION.get(base);
        return new CurlRuns(base, authorization == null ? List.of() : List.of("Authorization: " + authorization));
    }

    /**
     * Unmeasured wrk runs of 5 s until the rate stops rising (by less than 3% from one run to the next; at most
     * a minute), so that the measured run sees the server's steady state. Under full load the JVM's compiler
     * threads share the 2 cores with the load, and Berth with every stage on took 40 s to settle: after one
     * 10 s run it served 53,000 requests/s, after four 80,000 to 87,000.
     */
    static void warmUntilSteady(String base, String url) throws Exception {
        double last = 0;
        for (int run = 0; run < 12; run++) {
            double rate = wrk(base, url, 5)[0];
            if (run > 0 && rate < last * 1.03) {
                return;
            }
            last = Math.max(last, rate);
        }
    }

    /** @return {requests per second, p99 latency in ms} from a 10 s wrk run */
    static double[] wrk(String base, String url) throws Exception {
        return wrk(base, url, 10);
    }

    private static double[] wrk(String base, String url, int seconds) throws Exception {
        List<String> command = new ArrayList<>(List.of("wrk", "-t2", "-c64", "-d" + seconds + "s", "--latency", "-H",
                "Accept: " + MediaType.MANIFEST_ACCEPT));
        String authorization = AUTHORIZATION.get(base);
        if (authorization != null) {
            command.addAll(List.of("-H", "Authorization: " + authorization));
        }
        command.add(url);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Matcher rps = Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(out);
        Matcher p99 = Pattern.compile("99%\\s+([0-9.]+)(us|ms|s)").matcher(out);
        Matcher errors = Pattern.compile("Non-2xx or 3xx responses: (\\d+)").matcher(out);
        if (!rps.find() || !p99.find()) {
            throw new IOException("cannot read wrk's output:\n" + out);
        }
        if (errors.find()) {
            throw new IOException(base + " answered " + errors.group(1) + " manifest GETs with errors");
        }
        double latency = Double.parseDouble(p99.group(1));
        latency = switch (p99.group(2)) {
            case "us" -> latency / 1000;
            case "s" -> latency * 1000;
            default -> latency;
        };
        return new double[] {Double.parseDouble(rps.group(1)), latency};
    }

    // ---- measurement

    interface Work {
        void run() throws Exception;
    }

    /** A start that times itself, in milliseconds. */
    interface Start {
        double millis(Path dir) throws Exception;
    }

    static double millis(Work w) throws Exception {
        long t0 = System.nanoTime();
        w.run();
        return (System.nanoTime() - t0) / 1e6;
    }

    static double[] medians(double[][] runs) {
        double[] m = new double[runs.length];
        for (int i = 0; i < runs.length; i++) {
            double[] sorted = runs[i].clone();
            java.util.Arrays.sort(sorted);
            m[i] = sorted[sorted.length / 2];
        }
        return m;
    }

    static double mbPerSecond(long bytes, Work w) throws Exception {
        return bytes / 1e6 / (millis(w) / 1000);
    }

    static void expect(int want, int got, String what) throws IOException {
        if (want != got) {
            throw new IOException(what + ": expected " + want + ", got " + got);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
