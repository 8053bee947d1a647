package dev.berth.examples.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.auth.Credential;
import dev.berth.auth.CredentialProviders;
import dev.berth.client.RegistryClient;
import dev.berth.model.Digest;
import dev.berth.model.MediaType;
import dev.berth.model.Platform;
import dev.berth.model.manifest.ImageManifest;
import dev.berth.model.manifest.Manifest;
import dev.berth.model.manifest.ManifestIndex;
import dev.berth.testsupport.Containerd;
import dev.berth.testsupport.OciLayoutIndex;
import dev.berth.testsupport.Skopeo;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code berth dev-registry} as a developer uses it: started as its own process, logged into with the lines it
 * prints, pushed to by podman and Berth's client over TLS with its CA, pulled from by containerd through the
 * {@code hosts.toml} it wrote, restarted, and watched through its metrics.
 */
class DevRegistryIT {
    // SIGTERM ends a JVM with 128 + 15 once its shutdown hooks ran.
    private static final int STOPPED_BY_SIGTERM = 143;

    @TempDir
    Path dir;

    private static RegistryClient client(DevRegistryProcess registry) throws IOException {
        return RegistryClient.builder(registry.hostPort()).caCertificates(List.of(registry.dir().resolve("tls/ca.pem")))
                .credentials(CredentialProviders.of(registry.hostPort(), Credential.basic("dev", registry.password()))).build();
    }

    private static boolean runningAsRoot(Path dir) throws IOException {
        return (Integer) Files.getAttribute(dir, "unix:uid") == 0;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void podmanPushesATwoPlatformImageOverTlsAndContainerdPullsItThroughTheHostsTomlItPrinted() throws Exception {
        assertTrue(Podman.installed(), Podman.BINARY + " is missing: install Debian's podman package (.ci/run does)");
        Path home = dir.resolve("dev");
        try (DevRegistryProcess registry = DevRegistryProcess.start(home, "127.0.0.1:0");
             Containerd containerd = Containerd.start(Files.createDirectories(dir.resolve("c")))) {
            String hostPort = registry.hostPort();
            assertTrue(registry.base().startsWith("https://127.0.0.1:"), registry.lines().get(0));
            String password = registry.password();
            assertFalse(String.join("\n", registry.lines()).contains(password), "the password is never printed");
            assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(home.resolve("password")));
            String certs = home.resolve("certs").toString();
            String podmanLogin = "podman login --cert-dir " + certs + " --username dev --password-stdin " + hostPort
                    + " < " + home.resolve("password");
            assertTrue(registry.lines().contains(podmanLogin), registry.lines().toString());
            assertTrue(registry.lines().contains("docker login --username dev --password-stdin " + hostPort + " < "
                    + home.resolve("password")), registry.lines().toString());
            assertEquals(home.resolve("tls/ca.pem").toString(), registry.after("CA"));
            assertTrue(registry.lines().contains("    host: \"" + hostPort + "\""), "the KEP-1755 ConfigMap: " + registry.lines());
            assertTrue(registry.lines().contains("  namespace: kube-public"), registry.lines().toString());

            // The printed login line, as a user runs it: the password from its file on stdin.
            Podman podman = new Podman(dir.resolve("p"));
            assertTrue(podman.runWithInput(home.resolve("password"), "login", "--cert-dir", certs, "--username", "dev",
                    "--password-stdin", hostPort).contains("Login Succeeded"));
            OciLayoutIndex layout = OciLayoutIndex.write(dir.resolve("layout"), "v1", "dev-registry " + System.nanoTime(),
                    List.of(Platform.of("linux", "amd64"), Platform.of("linux", "arm64")));
            podman.run("manifest", "create", "localhost/multi:v1");
            podman.run("manifest", "add", "--all", "localhost/multi:v1", layout.skopeoName());
            String reference = hostPort + "/dev/multi:v1";
            podman.run("manifest", "push", "--all", "--cert-dir", certs, "localhost/multi:v1", "docker://" + reference);

            List<Digest> platforms = new ArrayList<>();
            try (RegistryClient client = client(registry)) {
                Manifest pushed = client.getManifest("dev/multi", "v1");
                assertTrue(pushed instanceof ManifestIndex, pushed.mediaType());
                ((ManifestIndex) pushed).manifests().forEach(d -> platforms.add(d.digest()));
                assertEquals(layout.manifests().stream().map(ImageManifest::digest).toList(), platforms,
                        "both platforms' manifests, as the layout has them");
            }

            // The browser has the registry configured, lists the repository and shows podman's push.
            URI browser = URI.create(registry.after("browser"));
            JsonNode repositories = getJson(browser.resolve("api/v1/registries/dev/repositories"));
            assertTrue(repositories.get("items").toString().contains("\"dev/multi\""), repositories.toString());
            JsonNode events = awaitEvents(browser.resolve("api/v1/registries/dev/repositories/dev/multi/events"));
            assertEquals("push", events.get("items").get(0).get("action").asText(), events.toString());
            assertEquals("dev", events.get("items").get(0).get("actor").asText(), events.toString());

            Path hostsDir = home.resolve("certs.d");
            assertTrue(Files.readString(hostsDir.resolve(hostPort).resolve("hosts.toml"))
                    .contains("server = \"https://" + hostPort + "\""));
            // As root ctr pulls and unpacks; as another user containerd cannot mount, and fetches the content only.
            Containerd.Result pulled = runningAsRoot(dir)
                    ? containerd.ctr("images", "pull", "--all-platforms", "--hosts-dir", hostsDir.toString(), "--user", "dev:" + password, reference)
                    : containerd.ctr("content", "fetch", "--all-platforms", "--hosts-dir", hostsDir.toString(), "--user", "dev:" + password, reference);
            assertEquals(0, pulled.exitCode(), pulled.output());
            String content = containerd.ctr("content", "ls").output();
            for (Digest platform : platforms) {
                assertTrue(content.contains(platform.toString()), platform + " in " + content);
            }
            assertEquals(STOPPED_BY_SIGTERM, registry.stop());
            assertEquals("", Files.readString(registry.stderr()), "a clean stop says nothing");
        }
    }

    @Test
    void aRestartKeepsTheImagesTheCaAndThePasswordAndASecondRegistryOnTheDirectoryIsRefused() throws Exception {
        Path home = dir.resolve("dev");
        String address = "127.0.0.1:" + freePort();
        OciLayoutIndex layout = OciLayoutIndex.write(dir.resolve("layout"), "v1", "restart " + System.nanoTime(),
                List.of(Platform.of("linux", "amd64"), Platform.of("linux", "arm64")));
        List<String> firstLines;
        byte[] firstCa;
        String firstPassword;
        try (DevRegistryProcess first = DevRegistryProcess.start(home, address)) {
            firstLines = first.lines();
            firstCa = Files.readAllBytes(home.resolve("tls/ca.pem"));
            firstPassword = first.password();
            Skopeo.run("copy", "--all", "--dest-cert-dir", home.resolve("certs").toString(), "--dest-creds", "dev:" + firstPassword,
                    layout.skopeoName(), "docker://" + first.hostPort() + "/keep/me:v1");

            IOException refused = assertThrows(IOException.class, () -> DevRegistryProcess.start(home, "127.0.0.1:0"));
            assertTrue(refused.getMessage().contains("another berth dev-registry is serving " + home), refused.getMessage());
            assertEquals(STOPPED_BY_SIGTERM, first.stop());
        }
        try (DevRegistryProcess second = DevRegistryProcess.start(home, address)) {
            assertArrayEquals(firstCa, Files.readAllBytes(home.resolve("tls/ca.pem")), "the same CA");
            assertEquals(firstPassword, second.password(), "the same password");
            assertEquals(firstLines, second.lines(), "the same instructions");
            Podman podman = new Podman(dir.resolve("p"));
            assertTrue(podman.runWithInput(home.resolve("password"), "login", "--cert-dir", home.resolve("certs").toString(),
                    "--username", "dev", "--password-stdin", second.hostPort()).contains("Login Succeeded"));
            try (RegistryClient client = client(second)) {
                assertEquals(layout.index().digest(), client.getManifest("keep/me", "v1").digest(), "the image is still there");
            }
            assertEquals(STOPPED_BY_SIGTERM, second.stop());
        }
    }

    @Test
    void aHundredImagesPushedConcurrentlyAllLandAndTheMetricsCountThem() throws Exception {
        try (DevRegistryProcess registry = DevRegistryProcess.start(dir.resolve("dev"), "127.0.0.1:0");
             RegistryClient client = client(registry)) {
            Queue<String> failures = new ConcurrentLinkedQueue<>();
            ExecutorService pool = Executors.newFixedThreadPool(16);
            long start = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                int n = i;
                pool.execute(() -> {
                    try {
                        push(client, n);
                    } catch (RuntimeException e) {
                        failures.add(n + ": " + e);
                    }
                });
            }
            pool.shutdown();
            assertTrue(pool.awaitTermination(5, TimeUnit.MINUTES));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            System.out.println("dev-registry: 100 images pushed by 16 threads in " + millis + " ms");
            assertEquals(List.of(), List.copyOf(failures));
            assertEquals(100, client.tags("load-test").count());

            String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(registry.metrics())).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertEquals(200.0, metric(metrics, "registry_storage_blob_upload_total"), "a config and a layer per image");
            assertEquals(100.0, metric(metrics, "registry_http_requests_total{method=\"PUT\",route=\"manifests\",status=\"201\"}"));
        }
    }

    private static JsonNode getJson(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), uri + ": " + response.body());
        return new ObjectMapper().readTree(response.body());
    }

    // The registry sends its events after answering the push: they arrive a moment later.
    private static JsonNode awaitEvents(URI uri) throws IOException, InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        JsonNode events = getJson(uri);
        while (events.get("total").asInt() == 0 && System.nanoTime() < end) {
            Thread.sleep(100);
            events = getJson(uri);
        }
        return events;
    }

    private static void push(RegistryClient client, int n) {
        byte[] layer = ("layer " + n + " " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8);
        ImageManifest manifest = ImageManifest.builder().config(client.pushBlob("load-test", MediaType.OCI_CONFIG, config))
                .layer(client.pushBlob("load-test", MediaType.OCI_LAYER_TAR_GZIP, layer)).build();
        client.pushManifest("load-test", "v" + n, manifest);
    }

    // One sample of Prometheus' text format, by its full name with labels.
    private static double metric(String metrics, String sample) {
        Matcher m = Pattern.compile("^" + Pattern.quote(sample) + " (\\S+)$", Pattern.MULTILINE).matcher(metrics);
        assertTrue(m.find(), sample + " in\n" + metrics);
        return Double.parseDouble(m.group(1));
    }
}
