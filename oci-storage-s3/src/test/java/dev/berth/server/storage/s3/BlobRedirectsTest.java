package dev.berth.server.storage.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.auth.Credential;
import dev.berth.auth.CredentialProviders;
import dev.berth.client.RegistryClient;
import dev.berth.client.TransferListener;
import dev.berth.events.EventFilter;
import dev.berth.events.RegistryEvent;
import dev.berth.events.receive.EventReceiver;
import dev.berth.events.receive.EventReceiverServer;
import dev.berth.events.send.EndpointConfig;
import dev.berth.events.store.EventQuery;
import dev.berth.events.store.InMemoryEventStore;
import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.manifest.ImageManifest;
import dev.berth.server.EmbeddedRegistry;
import dev.berth.server.Storage;
import dev.berth.server.auth.AccessPolicy;
import dev.berth.server.auth.Htpasswd;
import dev.berth.server.spi.MetadataStore;
import dev.berth.server.storage.memory.InMemoryMetadataStore;
import dev.berth.testsupport.OciLayoutImage;
import dev.berth.testsupport.S3ProxyServer;
import dev.berth.testsupport.Skopeo;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Blob pulls answered with a redirect to a pre-signed S3 URL (S3Proxy on a folder, behind a relay that records
 * what reaches it): Berth's client and skopeo follow it and get verified bytes, without taking the registry's
 * credentials to the bucket; the registry checks credentials and access before it redirects, sends the pull
 * event and counts the redirect. Images are pushed through a second instance without redirects, on the same
 * bucket and metadata, so that everything the relay records comes from pulls.
 */
class BlobRedirectsTest {
    private static final String ALICE = "alice";
    private static final String PASSWORD = "alice-pw";

    @TempDir
    Path dir;

    private S3ProxyServer s3;
    private RecordingForwarder relay;
    private InMemoryEventStore events;
    private EventReceiverServer receiver;
    private SimpleMeterRegistry meters;
    private EmbeddedRegistry pushes;
    private EmbeddedRegistry pulls;

    @BeforeEach
    void start() throws Exception {
        Files.createDirectories(dir.resolve("s3"));
        s3 = S3ProxyServer.onFilesystem(dir.resolve("s3"));
        relay = RecordingForwarder.to(s3.endpoint());
        Path users = dir.resolve("htpasswd");
        Files.writeString(users, Htpasswd.line(ALICE, PASSWORD) + "\n" + Htpasswd.line("bob", "bob-pw") + "\n");
        AccessPolicy policy = AccessPolicy.builder().admins(ALICE).build(); // bob may do nothing
        S3BlobStoreOptions direct = TestBuckets.newBucket(s3).prefix("registry").build();
        String bucket = direct.bucket();
        S3BlobStoreOptions relayed = TestBuckets.on(s3, bucket).prefix("registry").endpoint(relay.endpoint())
                .redirect(Duration.ofMinutes(5)).build();
        MetadataStore metadata = new InMemoryMetadataStore();
        events = new InMemoryEventStore();
        receiver = EventReceiverServer.start(EventReceiver.builder(events).filter(EventFilter.all()).build(),
                new InetSocketAddress("127.0.0.1", 0), "/events");
        meters = new SimpleMeterRegistry();
        pushes = EmbeddedRegistry.builder().storage(new Storage(new S3BlobStore(direct), metadata))
                .authenticator(Htpasswd.load(users)).accessPolicy(policy).start();
        pulls = EmbeddedRegistry.builder().storage(new Storage(new S3BlobStore(relayed), metadata))
                .authenticator(Htpasswd.load(users)).accessPolicy(policy).blobRedirects(true)
                .notify(EndpointConfig.of("test", receiver.uri())).meterRegistry(meters).start();
    }

    @AfterEach
    void stop() throws Exception {
        pulls.close();
        pushes.close();
        receiver.close();
        relay.close();
        s3.close();
    }

    private OciLayoutImage pushImage(String tag) throws Exception {
        OciLayoutImage image = OciLayoutImage.write(dir.resolve("in-" + tag), tag, "redirected " + System.nanoTime());
        Skopeo.run("copy", "--dest-tls-verify=false", "--dest-creds", ALICE + ":" + PASSWORD, image.skopeoName(),
                "docker://" + pushes.hostPort() + "/team/app:" + tag);
        return image;
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aBlobGetIs307ToThePreSignedUrlAfterTheAccessCheckAndHeadIsServed() throws Exception {
        OciLayoutImage image = pushImage("1.0");
        URI blob = pulls.baseUri().resolve("/v2/team/app/blobs/" + image.layer().digest());
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

        assertEquals(401, http.send(HttpRequest.newBuilder(blob).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode(),
                "no redirect before authentication");
        assertEquals(403, http.send(HttpRequest.newBuilder(blob).header("Authorization", basic("bob", "bob-pw")).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode(), "nor for a user the rules refuse");
        HttpResponse<byte[]> redirected = http.send(HttpRequest.newBuilder(blob).header("Authorization", basic(ALICE, PASSWORD))
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(307, redirected.statusCode());
        URI location = URI.create(redirected.headers().firstValue("Location").orElseThrow());
        assertEquals(relay.endpoint().getAuthority(), location.getAuthority());
        assertTrue(location.getRawQuery().contains("X-Amz-Signature="), location.toString());
        assertEquals(image.layer().digest().toString(), redirected.headers().firstValue("Docker-Content-Digest").orElseThrow());
        HttpResponse<byte[]> fetched = http.send(HttpRequest.newBuilder(location).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, fetched.statusCode());
        assertEquals(image.layer().digest(), Digest.sha256(fetched.body()));

        HttpResponse<Void> head = http.send(HttpRequest.newBuilder(blob).header("Authorization", basic(ALICE, PASSWORD))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertEquals(200, head.statusCode(), "HEAD is answered by the registry");
        assertEquals(String.valueOf(image.layer().size()), head.headers().firstValue("Content-Length").orElseThrow());

        assertEquals(1.0, redirectsCounted(1));
        assertEquals(1.0, meters.get("registry.http.requests").tags("method", "GET", "route", "blobs", "status", "307").counter().count());
        waitForEvents(1);
        RegistryEvent pull = events.query(EventQuery.all().limit(10)).items().get(0);
        assertEquals("pull", pull.action().name());
        assertEquals(image.layer().digest(), pull.target().digest().orElseThrow());
        assertEquals(ALICE, pull.actor());
    }

    @Test
    void berthsClientFollowsTheRedirectWithoutTheRegistrysCredentialsAndVerifiesTheDigest() throws Exception {
        OciLayoutImage image = pushImage("1.0");
        try (RegistryClient client = RegistryClient.builder(pulls.hostPort())
                .credentials(CredentialProviders.of(pulls.hostPort(), Credential.basic(ALICE, PASSWORD))).build()) {
            ImageManifest manifest = (ImageManifest) client.getManifest("team/app", "1.0");
            for (Descriptor d : List.of(manifest.layers().get(0), manifest.config())) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                client.getBlob("team/app", d, bytes, TransferListener.NONE);
                assertArrayEquals(Files.readAllBytes(image.dir().resolve("blobs/sha256/" + d.digest().encoded())), bytes.toByteArray());
            }
        }
        assertEquals(2.0, redirectsCounted(2), "both blobs came from the bucket");
        assertFetchedFromTheBucketWithoutTheRegistrysCredentials(2);
    }

    @Test
    void skopeoCopiesAnImageOutThroughRedirectsByteIdentical() throws Exception {
        OciLayoutImage image = pushImage("2.0");
        Skopeo.run("copy", "--src-tls-verify=false", "--src-creds", ALICE + ":" + PASSWORD,
                "docker://" + pulls.hostPort() + "/team/app:2.0", "oci:" + dir.resolve("out") + ":2.0");
        for (Descriptor d : List.of(image.manifest().descriptor(), image.layer(), image.config())) {
            assertArrayEquals(Files.readAllBytes(image.dir().resolve("blobs/sha256/" + d.digest().encoded())),
                    Files.readAllBytes(dir.resolve("out/blobs/sha256/" + d.digest().encoded())), "byte-identical " + d.mediaType());
        }
        assertTrue(meters.get("registry.storage.blob.redirect").counter().count() >= 2, "layer and config redirected");
        assertFetchedFromTheBucketWithoutTheRegistrysCredentials(2);
    }

    // The registry's own calls to the bucket are HEADs (stat); every GET the relay saw came from the client.
    private void assertFetchedFromTheBucketWithoutTheRegistrysCredentials(int atLeast) {
        String received = relay.received();
        List<String> gets = List.of(received.split("(?=GET /)")).stream().filter(r -> r.startsWith("GET /")).toList();
        assertTrue(gets.size() >= atLeast, "GETs through the relay: " + gets.size() + "\n" + received);
        for (String get : gets) {
            String head = get.substring(0, get.indexOf("\r\n\r\n"));
            assertTrue(head.contains("X-Amz-Signature="), head);
            assertFalse(head.toLowerCase(java.util.Locale.ROOT).contains("\r\nauthorization:"), "credentials went to the bucket: " + head);
        }
        assertFalse(received.contains(Base64.getEncoder().encodeToString((ALICE + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8))),
                "the registry's password never reaches the bucket");
    }

    // The registry's metrics count a request just after its answer is out: a client following the redirect can
    // finish first. Waits (at most 5 s) for the count to reach n and returns it.
    private double redirectsCounted(int n) throws InterruptedException {
        long end = System.nanoTime() + 5_000_000_000L;
        while (meters.get("registry.storage.blob.redirect").counter().count() < n && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        return meters.get("registry.storage.blob.redirect").counter().count();
    }

    private void waitForEvents(int n) throws InterruptedException {
        long end = System.nanoTime() + 20_000_000_000L;
        while (events.count(EventQuery.all()) < n && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertEquals(n, events.count(EventQuery.all()));
    }
}
