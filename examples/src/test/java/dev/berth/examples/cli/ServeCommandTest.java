package dev.berth.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.MediaType;
import dev.berth.model.Platform;
import dev.berth.model.manifest.ManifestIndex;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@code berth serve}'s registry settings, run in-process through {@link Cli}
 * on a free port (stopped by interrupting the thread that runs it), and
 * {@code berth help serve}.
 */
class ServeCommandTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** A {@code berth serve} running on a thread of this JVM. */
    private static final class Serving implements AutoCloseable {
        final Thread thread;
        final String base;
        final AtomicInteger exit;

        private Serving(Thread thread, String base, AtomicInteger exit) {
            this.thread = thread;
            this.base = base;
            this.exit = exit;
        }

        static Serving start(String... options) throws IOException {
            PipedInputStream stdout = new PipedInputStream();
            PrintStream out = new PrintStream(new PipedOutputStream(stdout), true, StandardCharsets.UTF_8);
            List<String> args = new ArrayList<>(List.of("serve", "--addr", "127.0.0.1:0"));
            args.addAll(List.of(options));
            AtomicInteger exit = new AtomicInteger(-1);
            Thread thread = new Thread(() -> {
                exit.set(new Cli(out, new PrintStream(OutputStreamSink.INSTANCE, true, StandardCharsets.UTF_8))
                        .run(args.toArray(String[]::new)));
                out.close();
            }, "berth-serve-under-test");
            thread.start();
            String first = new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8)).readLine();
            if (first == null || !first.startsWith("listening on ")) {
                thread.interrupt();
                throw new IOException("berth serve did not start: " + first);
            }
            return new Serving(thread, first.substring("listening on ".length()), exit);
        }

        @Override
        public void close() throws InterruptedException {
            thread.interrupt();
            thread.join();
        }
    }

    /** Discards what is written (stderr of the command under test: its access log). */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }

    private static HttpResponse<byte[]> send(String method, String url, byte[] body, String contentType) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    // A blob pushed to one repository, then mounted into another without naming where it is.
    private static int mountWithoutFrom(Serving serving) throws Exception {
        byte[] blob = ("cross-mount " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
        Digest digest = Digest.sha256(blob);
        assertEquals(201, send("POST", serving.base + "/v2/src/app/blobs/uploads/?digest=" + digest, blob, null).statusCode());
        return send("POST", serving.base + "/v2/dst/app/blobs/uploads/?mount=" + digest, null, null).statusCode();
    }

    @Test
    void crossMountAutoLinksABlobNamedWithoutFromAndOffStartsAnUpload() throws Exception {
        try (Serving byDefault = Serving.start()) {
            assertEquals(202, mountWithoutFrom(byDefault), "off by default, as distribution");
        }
        try (Serving off = Serving.start("--cross-mount", "off")) {
            assertEquals(202, mountWithoutFrom(off));
        }
        Serving auto = Serving.start("--cross-mount=auto");
        try (auto) {
            assertEquals(201, mountWithoutFrom(auto), "linked from the repository that holds it");
        }
        assertFalse(auto.thread.isAlive());
        assertEquals(Cli.OK, auto.exit.get(), "an interrupted serve stops cleanly");
    }

    @Test
    void sparseIndexesAcceptsAnIndexWhoseManifestsAreNotAllThere() throws Exception {
        ManifestIndex index = ManifestIndex.builder()
                .manifest(Descriptor.of(MediaType.OCI_MANIFEST, Digest.sha256(new byte[11]), 11).withPlatform(Platform.parse("linux/arm64")))
                .build();
        try (Serving strict = Serving.start()) {
            HttpResponse<byte[]> refused = send("PUT", strict.base + "/v2/multi/manifests/1", index.bytes(), index.mediaType());
            assertEquals(400, refused.statusCode());
            JsonNode error = new ObjectMapper().readTree(refused.body());
            assertEquals("MANIFEST_BLOB_UNKNOWN", error.at("/errors/0/code").asText());
        }
        try (Serving sparse = Serving.start("--sparse-indexes")) {
            assertEquals(201, send("PUT", sparse.base + "/v2/multi/manifests/1", index.bytes(), index.mediaType()).statusCode());
            assertEquals(200, send("GET", sparse.base + "/v2/multi/manifests/1", null, null).statusCode());
        }
    }

    @Test
    void anUnknownCrossMountModeIsAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Cli(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(new String[] {"serve", "--addr", "127.0.0.1:0",
                "--cross-mount", "maybe"});
        assertEquals(Cli.USAGE, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--cross-mount takes auto or off, not \"maybe\""),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void debugAddrServesPrometheusMetricsAndHealth() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        try (Serving serving = Serving.start("--debug-addr", ":" + port)) {
            assertEquals(200, HTTP.send(HttpRequest.newBuilder(URI.create(serving.base + "/v2/")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
            // A request is counted and timed just after its answer is out, by two meters one after the other: scrape
            // until both show (or 5 s pass). A scrape between the two saw the count without the histogram.
            String requests = "registry_http_requests_total{method=\"GET\",route=\"base\",status=\"200\"} 1";
            String histogram = "# TYPE registry_http_request_duration_seconds histogram\n";
            HttpResponse<String> metrics;
            long end = System.nanoTime() + 5_000_000_000L;
            do {
                metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString());
            } while (!(metrics.body().contains(requests) && metrics.body().contains(histogram)) && System.nanoTime() < end);
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.body().contains(histogram), metrics.body());
            assertTrue(metrics.body().contains(requests), metrics.body());
            HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/debug/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            assertEquals("up", new ObjectMapper().readTree(health.body()).get("status").asText());
        }
    }

    @Test
    void aDebugAddrWithoutPortIsAUsageError() {
        String[] result = run("serve", "--addr", "127.0.0.1:0", "--debug-addr", "localhost");
        assertEquals(String.valueOf(Cli.USAGE), result[0]);
        assertTrue(result[2].contains("--debug-addr must be HOST:PORT"), result[2]);
    }

    private static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(args);
        return new String[] {String.valueOf(status), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;

    private java.nio.file.Path config(String yaml) throws IOException {
        return java.nio.file.Files.writeString(dir.resolve("config-" + System.nanoTime() + ".yml"), yaml);
    }

    private static int deleteAPushedManifest(Serving serving) throws Exception {
        byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
        assertEquals(201, send("POST", serving.base + "/v2/app/blobs/uploads/?digest=" + Digest.sha256(config), config, null)
                .statusCode());
        dev.berth.model.manifest.ImageManifest manifest = dev.berth.model.manifest.ImageManifest.builder()
                .config(Descriptor.of(MediaType.OCI_CONFIG, Digest.sha256(config), config.length)).build();
        assertEquals(201, send("PUT", serving.base + "/v2/app/manifests/1", manifest.bytes(), manifest.mediaType()).statusCode());
        return send("DELETE", serving.base + "/v2/app/manifests/" + manifest.digest(), null, null).statusCode();
    }

    @Test
    void underConfigDeletesAreRefusedUnlessTheFileEnablesThemWithoutConfigTheyAreAllowed() throws Exception {
        java.nio.file.Path refusing = config("version: 0.1\nstorage:\n  inmemory:\nhttp:\n  addr: 127.0.0.1:0\n");
        try (Serving serving = Serving.start("--config", refusing.toString())) {
            assertEquals(405, deleteAPushedManifest(serving), "distribution's default");
        }
        java.nio.file.Path allowing = config("version: 0.1\nstorage:\n  inmemory:\n  delete:\n    enabled: true\n");
        try (Serving serving = Serving.start("--config", allowing.toString())) {
            assertEquals(202, deleteAPushedManifest(serving));
        }
        try (Serving serving = Serving.start()) {
            assertEquals(202, deleteAPushedManifest(serving), "berth serve's documented default");
        }
    }

    @Test
    void flagsOverrideTheFile() throws Exception {
        java.nio.file.Path store = dir.resolve("flag-store");
        int taken;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            taken = s.getLocalPort();
            java.nio.file.Path file = config("version: 0.1\nstorage:\n  inmemory:\nhttp:\n  addr: 127.0.0.1:" + taken + "\n");
            // Serving.start adds --addr 127.0.0.1:0: the file's port (held here) is not used.
            try (Serving serving = Serving.start("--config", file.toString(), "--storage", store.toString(), "--read-only")) {
                assertFalse(serving.base.endsWith(":" + taken), serving.base);
                assertEquals(405, send("POST", serving.base + "/v2/app/blobs/uploads/", null, null).statusCode(), "--read-only");
                assertTrue(java.nio.file.Files.isDirectory(store), "--storage instead of the file's inmemory");
            }
        }
    }

    @Test
    void theFilesTokenAuthIsChallengedAndAnAuthenticationFlagReplacesIt() throws Exception {
        String pem = dev.berth.server.auth.SigningKey.generate("RS256", "issuer", java.time.Duration.ofDays(1)).certificatePem();
        java.nio.file.Path cert = java.nio.file.Files.writeString(dir.resolve("issuer.pem"), pem);
        java.nio.file.Path file = config("version: 0.1\nstorage:\n  inmemory:\nauth:\n  token:\n    realm: https://auth.example/token\n"
                + "    service: my-registry\n    issuer: my-issuer\n    rootcertbundle: " + cert + "\n");
        try (Serving serving = Serving.start("--config", file.toString())) {
            HttpResponse<byte[]> challenge = send("GET", serving.base + "/v2/", null, null);
            assertEquals(401, challenge.statusCode());
            assertEquals("Bearer realm=\"https://auth.example/token\",service=\"my-registry\"",
                    challenge.headers().firstValue("WWW-Authenticate").orElseThrow());
        }
        java.nio.file.Path htpasswd = java.nio.file.Files.writeString(dir.resolve("htpasswd"),
                dev.berth.server.auth.Htpasswd.line("alice", "pw") + "\n");
        try (Serving serving = Serving.start("--config", file.toString(), "--htpasswd", htpasswd.toString())) {
            assertEquals("Basic realm=\"berth\"", send("GET", serving.base + "/v2/", null, null).headers()
                    .firstValue("WWW-Authenticate").orElseThrow());
        }
        java.nio.file.Path two = java.nio.file.Files.writeString(dir.resolve("two.pem"), pem + pem);
        String[] refused = run("serve", "--addr", "127.0.0.1:0", "--config", config("version: 0.1\nstorage: inmemory\nauth:\n"
                + "  token: {realm: https://a/t, service: s, issuer: i, rootcertbundle: " + two + "}\n").toString());
        assertEquals(String.valueOf(Cli.FAILED), refused[0]);
        assertTrue(refused[2].contains("holds 2 certificates; Berth verifies tokens with the key of one issuer certificate"),
                refused[2]);
    }

    @Test
    void aConfigFileBerthCannotRunWithIsOneLineNamingEveryProblem() throws IOException {
        java.nio.file.Path file = config("version: 0.1\nstorage:\n  azure: {accountname: b}\nhttp:\n  tls:\n    letsencrypt:"
                + " {email: me@example.com}\nredis: {addr: x}\n");
        String[] refused = run("serve", "--config", file.toString(), "--addr", "127.0.0.1:0");
        assertEquals(String.valueOf(Cli.FAILED), refused[0]);
        assertEquals("berth serve: " + file + ": Berth does not support the keys storage.azure (Berth's --config stores on the"
                + " filesystem, in memory or in S3), http.tls.letsencrypt (Berth does not obtain certificates: give"
                + " http.tls.certificate and key), redis (Berth needs no cache)\n", refused[2]);

        String[] noStorage = run("serve", "--config", config("version: 0.1\n").toString(), "--addr", "127.0.0.1:0");
        assertEquals(String.valueOf(Cli.USAGE), noStorage[0]);
        assertTrue(noStorage[2].contains("the config file names no storage"), noStorage[2]);
    }

    @Test
    void theFilesAccessRulesDecideWhoMayDoWhat() throws Exception {
        java.nio.file.Path htpasswd = java.nio.file.Files.writeString(dir.resolve("users"),
                dev.berth.server.auth.Htpasswd.line("alice", "a") + "\n" + dev.berth.server.auth.Htpasswd.line("bob", "b") + "\n");
        java.nio.file.Path file = config("version: 0.1\nstorage:\n  inmemory:\nauth:\n  htpasswd:\n    realm: r\n    path: "
                + htpasswd + "\naccess:\n  admins: [alice]\n  anonymous: [pull]\n  rules:\n    - repositories: [\"team/**\"]\n"
                + "      users: [bob]\n      actions: [pull, push]\n");
        try (Serving serving = Serving.start("--config", file.toString())) {
            assertEquals(200, send("GET", serving.base + "/v2/", null, null).statusCode(), "anonymous pull is allowed");
            assertEquals(401, send("POST", serving.base + "/v2/team/app/blobs/uploads/", null, null).statusCode(),
                    "anonymous push is not");
            assertEquals(202, basic("POST", serving.base + "/v2/team/app/blobs/uploads/", "bob:b"), "bob pushes under team/");
            assertEquals(403, basic("POST", serving.base + "/v2/other/blobs/uploads/", "bob:b"), "but nowhere else");
            assertEquals(202, basic("POST", serving.base + "/v2/other/blobs/uploads/", "alice:a"), "alice is an admin");
        }
        String[] refused = run("serve", "--addr", "127.0.0.1:0", "--config", config("version: 0.1\nstorage: inmemory\nauth:\n"
                + "  htpasswd: {realm: r, path: " + htpasswd + "}\naccess:\n  rules:\n    - {repositories: [\"a b\"], users: [bob],"
                + " actions: [pull]}\n").toString());
        assertEquals(String.valueOf(Cli.FAILED), refused[0]);
        assertTrue(refused[2].contains("access.rules[0]"), refused[2]);
    }

    private static int basic(String method, String url, String userPassword) throws Exception {
        String auth = "Basic " + java.util.Base64.getEncoder().encodeToString(userPassword.getBytes(StandardCharsets.UTF_8));
        return HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).header("Authorization", auth)
                .method(method, java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void theFilesOwnKeysReachTheRegistry() throws Exception {
        java.nio.file.Path file = config("version: 0.1\nstorage:\n  inmemory:\nhttp:\n  headers:\n    X-Frame-Options: [DENY]\n"
                + "cors:\n  origins: [\"http://localhost:8080\"]\n  methods: [GET, HEAD, OPTIONS]\n"
                + "quotas:\n  - namespace: team\n    repositories: 1\n"
                + "gc:\n  interval: 0s\n  grace: 1h\nretention:\n  - repositories: [\"**\"]\n    keep: {newest: 3}\n");
        try (Serving serving = Serving.start("--config", file.toString())) {
            HttpResponse<byte[]> ping = send("GET", serving.base + "/v2/", null, null);
            assertEquals("DENY", ping.headers().firstValue("X-Frame-Options").orElseThrow(), "http.headers");
            HttpResponse<Void> preflight = HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(serving.base
                    + "/v2/team/app/tags/list")).method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "http://localhost:8080").header("Access-Control-Request-Method", "GET").build(),
                    HttpResponse.BodyHandlers.discarding());
            assertEquals("http://localhost:8080", preflight.headers().firstValue("Access-Control-Allow-Origin").orElseThrow(),
                    "cors");
            assertEquals(201, pushAnImage(serving, "team/one"));
            assertEquals(403, pushAnImage(serving, "team/two"), "quotas: one repository under team/");
        }
        String[] refused = run("serve", "--addr", "127.0.0.1:0", "--config", config("version: 0.1\nstorage: inmemory\n"
                + "quotas:\n  - namespace: \"Bad Name\"\n    bytes: 1GiB\n").toString());
        assertEquals(String.valueOf(Cli.FAILED), refused[0]);
        assertTrue(refused[2].contains("quotas[0]"), refused[2]);
    }

    private static int pushAnImage(Serving serving, String repository) throws Exception {
        byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
        int blob = send("POST", serving.base + "/v2/" + repository + "/blobs/uploads/?digest=" + Digest.sha256(config), config,
                null).statusCode();
        if (blob != 201) {
            return blob;
        }
        dev.berth.model.manifest.ImageManifest manifest = dev.berth.model.manifest.ImageManifest.builder()
                .config(Descriptor.of(MediaType.OCI_CONFIG, Digest.sha256(config), config.length)).build();
        return send("PUT", serving.base + "/v2/" + repository + "/manifests/1", manifest.bytes(), manifest.mediaType()).statusCode();
    }

    @Test
    void helpServePrintsWhatServeHelpDoesWithBothRegistrySettings() throws Exception {
        String[] help = run("help", "serve");
        assertEquals("0", help[0], help[2]);
        assertEquals(run("serve", "--help")[1], help[1], "help COMMAND is COMMAND --help");
        assertTrue(help[1].startsWith("usage: berth serve "), help[1]);
        assertTrue(help[1].contains("[--cross-mount auto|off] [--sparse-indexes]"), help[1]);
        assertTrue(help[1].contains("  --cross-mount auto|off\n"), help[1]);
        assertTrue(help[1].contains("off, the default"), help[1]);
        assertTrue(help[1].contains("  --sparse-indexes\n"), help[1]);
        assertTrue(help[1].startsWith("usage: berth serve [--config FILE] "), help[1]);
        assertTrue(help[1].contains("  --config FILE\n"), help[1]);

        JsonNode json = new ObjectMapper().readTree(run("help", "serve", "--json")[1]);
        assertTrue(json.get("usage").asText().startsWith("berth serve "));
        assertTrue(json.at("/options").has("--sparse-indexes"), json.toString());

        String[] twoWords = run("help", "events", "listen");
        assertEquals("0", twoWords[0], twoWords[2]);
        assertTrue(twoWords[1].startsWith("usage: berth events listen"), twoWords[1]);

        String[] unknown = run("help", "nope");
        assertEquals(String.valueOf(Cli.USAGE), unknown[0]);
        assertTrue(unknown[2].contains("unknown command \"nope\""), unknown[2]);
        assertTrue(run("help")[1].contains("berth help [COMMAND]"), "the list names it");
    }
}
