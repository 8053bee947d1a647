package dev.berth.examples.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.auth.Credential;
import dev.berth.auth.CredentialProviders;
import dev.berth.client.RegistryClient;
import dev.berth.events.EventFilter;
import dev.berth.events.RegistryEvent;
import dev.berth.events.receive.EventReceiver;
import dev.berth.events.receive.EventReceiverServer;
import dev.berth.events.store.EventQuery;
import dev.berth.events.store.InMemoryEventStore;
import dev.berth.model.Descriptor;
import dev.berth.model.MediaType;
import dev.berth.model.manifest.Manifest;
import dev.berth.server.auth.Htpasswd;
import dev.berth.server.auth.TlsMaterial;
import dev.berth.testsupport.DistributionRegistry;
import dev.berth.testsupport.OciLayoutImage;
import dev.berth.testsupport.Skopeo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A distribution {@code config.yml} with htpasswd, TLS, notifications and
 * deletes enabled runs unchanged under {@code berth serve --config} and under
 * distribution 2.8 itself ({@code docker-registry serve}), and skopeo, podman
 * and Berth's client push and pull through both. The same file without
 * {@code storage.delete} has both refuse deletes alike.
 */
class ServeConfigIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "Bearer hook-secret";

    @TempDir
    Path dir;
    TlsMaterial tls;
    Path certs;
    Path htpasswd;
    OciLayoutImage image;
    int port;

    /** A registry started from a config file, stopped on close. */
    interface Running extends AutoCloseable {
        @Override
        void close();
    }

    @BeforeEach
    void material() throws IOException {
        tls = TlsMaterial.generate(List.of());
        tls.writePem(dir.resolve("pem"));
        certs = Files.createDirectories(dir.resolve("certs")); // skopeo's and podman's --cert-dir: the CA as ca.crt
        Files.copy(dir.resolve("pem/ca.pem"), certs.resolve("ca.crt"));
        htpasswd = Files.writeString(dir.resolve("htpasswd"), Htpasswd.line("alice", "alice-pw") + "\n");
        image = OciLayoutImage.write(dir.resolve("layout"), "1", "config.yml " + System.nanoTime());
        port = DistributionRegistry.freePort();
    }

    private Path configFile(String name, URI events, boolean deleteEnabled) throws IOException {
        return Files.writeString(dir.resolve(name), """
                version: 0.1
                log:
                  level: info
                  accesslog:
                    disabled: true
                storage:
                  filesystem:
                    rootdirectory: %s
                """.formatted(dir.resolve("data")) + (deleteEnabled ? """
                  delete:
                    enabled: true
                """ : "") + """
                auth:
                  htpasswd:
                    realm: basic-realm
                    path: %s
                http:
                  addr: 127.0.0.1:%d
                  tls:
                    certificate: %s
                    key: %s
                notifications:
                  endpoints:
                    - name: receiver
                      url: %s
                      headers:
                        Authorization: [%s]
                      timeout: 2s
                      threshold: 5
                      backoff: 1s
                      ignoredmediatypes: [application/octet-stream]
                """.formatted(htpasswd, port, dir.resolve("pem/server.pem"), dir.resolve("pem/server-key.pem"), events, SECRET));
    }

    private Running berth(Path config) throws IOException {
        BerthServe serve = BerthServe.startExactly(List.of("--config", config.toString()));
        assertEquals("https://127.0.0.1:" + port, serve.base(), "the file's http.addr and http.tls");
        return serve::close;
    }

    private Running distribution(Path config) throws Exception {
        Process p = new ProcessBuilder(DistributionRegistry.BINARY.toString(), "serve", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("distribution.log").toFile()).start();
        Running running = () -> {
            p.destroy();
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        };
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                if (send("GET", "/v2/", false).statusCode() == 401) {
                    return running;
                }
            } catch (IOException notYet) {
                if (!p.isAlive() || System.nanoTime() > end) {
                    running.close();
                    throw new IOException("docker-registry did not start: " + Files.readString(dir.resolve("distribution.log")));
                }
                Thread.sleep(50);
            }
        }
    }

    private HttpResponse<byte[]> send(String method, String path, boolean authenticated) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().sslContext(tls.clientContext()).connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .header("Accept", MediaType.OCI_MANIFEST); // distribution 2.8 hides an OCI manifest from clients that do not ask for one
        if (authenticated) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString("alice:alice-pw".getBytes()));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private String hostPort() {
        return "127.0.0.1:" + port;
    }

    @Test
    void theSameConfigFileServesSkopeoPodmanAndBerthsClientUnderBerthAndDistribution() throws Exception {
        assertTrue(Podman.installed(), Podman.BINARY + " is missing: install Debian's podman package (.ci/run does)");
        for (String peer : List.of("berth", "distribution")) {
            deleteRecursively(dir.resolve("data"));
            InMemoryEventStore events = new InMemoryEventStore();
            try (EventReceiverServer receiver = EventReceiverServer.start(EventReceiver.builder(events).filter(EventFilter.all())
                    .sharedSecret("Authorization", SECRET).build(), new InetSocketAddress("127.0.0.1", 0), "/events")) {
                Path config = configFile(peer + ".yml", receiver.uri(), true);
                try (Running registry = peer.equals("berth") ? berth(config) : distribution(config)) {
                    pushAndPullThroughEveryClient(peer);
                    awaitPushEvent(events, peer);
                }
            }
        }
    }

    private void pushAndPullThroughEveryClient(String peer) throws Exception {
        String creds = "alice:alice-pw";
        String app = "docker://" + hostPort() + "/team/app:1";
        Skopeo.run("copy", "--dest-cert-dir", certs.toString(), "--dest-creds", creds, image.skopeoName(), app);
        assertTrue(Skopeo.run("inspect", "--cert-dir", certs.toString(), "--creds", creds, app)
                .contains(image.manifest().digest().toString()), peer);
        assertThrows(IOException.class, () -> Skopeo.run("inspect", "--cert-dir", certs.toString(), "--no-creds", app),
                peer + ": htpasswd applies");
        Skopeo.run("copy", "--src-cert-dir", certs.toString(), "--src-creds", creds, app, "oci:" + dir.resolve("pulled-" + peer) + ":1");
        assertTrue(Files.exists(dir.resolve("pulled-" + peer + "/blobs/sha256/" + image.layer().digest().encoded())), peer);

        // Berth's client: pulls what skopeo pushed, pushes its own copy, which skopeo then reads.
        RegistryClient client = RegistryClient.builder(hostPort()).caCertificates(List.of(dir.resolve("pem/ca.pem")))
                .credentials(CredentialProviders.of(hostPort(), Credential.basic("alice", "alice-pw"))).build();
        Manifest pulled = client.getManifest("team/app", "1");
        assertEquals(image.manifest().digest(), pulled.digest(), peer);
        byte[] layer = read(client.openBlob("team/app", image.layer()));
        assertArrayEquals(Files.readAllBytes(image.dir().resolve("blobs/sha256/" + image.layer().digest().encoded())), layer, peer);
        for (Descriptor blob : List.of(image.config(), image.layer())) {
            client.pushBlob("team/client", blob.mediaType(),
                    Files.readAllBytes(image.dir().resolve("blobs/sha256/" + blob.digest().encoded())));
        }
        client.pushManifest("team/client", "1", image.manifest());
        String byClient = "docker://" + hostPort() + "/team/client:1";
        assertTrue(Skopeo.run("inspect", "--cert-dir", certs.toString(), "--creds", creds, byClient)
                .contains(image.manifest().digest().toString()), peer);

        // podman: pulls what Berth's client pushed and pushes it under another name, which skopeo then reads.
        Podman podman = new Podman(dir.resolve("p" + peer.charAt(0))); // short: podman refuses a runroot over 50 characters
        String source = hostPort() + "/team/client:1";
        podman.run("pull", "--cert-dir", certs.toString(), "--creds", creds, source);
        podman.run("push", "--cert-dir", certs.toString(), "--creds", creds, source, "docker://" + hostPort() + "/team/podman:1");
        assertTrue(Skopeo.run("inspect", "--cert-dir", certs.toString(), "--creds", creds, "docker://" + hostPort() + "/team/podman:1")
                .contains("\"Layers\""), peer);

        // storage.delete.enabled: true
        client.deleteManifest("team/app", image.manifest().digest());
        assertThrows(IOException.class, () -> Skopeo.run("inspect", "--cert-dir", certs.toString(), "--creds", creds, app),
                peer + ": deleted");
    }

    private static void awaitPushEvent(InMemoryEventStore events, String peer) throws InterruptedException {
        EventQuery pushes = EventQuery.all().repository("team/app").action(dev.berth.events.EventAction.PUSH);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (events.count(pushes) < 1 && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        List<RegistryEvent> seen = events.query(pushes).items();
        assertEquals(1, seen.size(), peer + ": one manifest push; blob events are ignored by ignoredmediatypes: " + seen);
        assertEquals("alice", seen.get(0).actor(), peer);
    }

    @Test
    void withoutStorageDeleteBothRefuseDeletesAlike() throws Exception {
        for (String peer : List.of("berth", "distribution")) {
            deleteRecursively(dir.resolve("data"));
            Path config = configFile(peer + "-no-delete.yml", URI.create("http://127.0.0.1:9/unused"), false);
            try (Running registry = peer.equals("berth") ? berth(config) : distribution(config)) {
                String app = "docker://" + hostPort() + "/team/app:1";
                Skopeo.run("copy", "--dest-cert-dir", certs.toString(), "--dest-creds", "alice:alice-pw", image.skopeoName(), app);
                for (String path : List.of("/v2/team/app/manifests/" + image.manifest().digest(),
                        "/v2/team/app/blobs/" + image.layer().digest())) {
                    HttpResponse<byte[]> refused = send("DELETE", path, true);
                    assertEquals(405, refused.statusCode(), peer + " " + path);
                    JsonNode body = JSON.readTree(refused.body());
                    assertEquals("UNSUPPORTED", body.at("/errors/0/code").asText(), peer + " " + body);
                }
                assertEquals(200, send("GET", "/v2/team/app/manifests/1", true).statusCode(), peer + ": still there");
            }
        }
    }

    private static byte[] read(InputStream in) throws IOException {
        try (in; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toByteArray();
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
