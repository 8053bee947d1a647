package dev.berth.examples.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.client.RegistryClient;
import dev.berth.client.TransferListener;
import dev.berth.client.copy.CopyOptions;
import dev.berth.client.copy.ImageCopier;
import dev.berth.client.copy.ImageLocation;
import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.MediaType;
import dev.berth.model.Page;
import dev.berth.model.artifact.Artifacts;
import dev.berth.model.manifest.ImageManifest;
import dev.berth.testsupport.HAProxy;
import dev.berth.testsupport.OciLayoutImage;
import dev.berth.testsupport.PostgresServer;
import dev.berth.testsupport.S3ProxyServer;
import dev.berth.testsupport.Skopeo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three {@code berth serve} instances over one bucket and one database behind HAProxy, round robin: every request
 * may land on any of them, so a push's uploads and its manifest go to different instances. One is killed with
 * SIGKILL in the middle of 50 concurrent pushes; what the balancer acknowledged must be whole and readable.
 * Berth's RegistryClient and skopeo work through the balancer as through one registry.
 */
class ServeBehindBalancerIT {
    private static final Map<String, String> AWS = Map.of("AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY, "AWS_REGION", "us-east-1");

    @TempDir
    Path dir;

    private S3ProxyServer s3;
    private PostgresServer postgres;
    private final List<BerthServe> instances = new ArrayList<>();
    private HAProxy balancer;

    @BeforeEach
    void threeInstancesBehindABalancer() throws Exception {
        s3 = S3ProxyServer.inMemory();
        s3.createBucket("shared");
        postgres = PostgresServer.start();
        String metadata = postgres.createDatabase();
        for (int i = 0; i < 3; i++) {
            instances.add(BerthServe.startWith(AWS, "--storage", "s3://shared?endpoint=" + s3.endpoint(), "--metadata", metadata,
                    "--log-level", "warn"));
        }
        balancer = HAProxy.roundRobin(dir.resolve("haproxy"), instances.stream().map(BerthServe::hostPort).toList());
    }

    @AfterEach
    void stop() throws Exception {
        if (balancer != null) {
            balancer.close();
        }
        instances.forEach(BerthServe::close);
        if (postgres != null) {
            postgres.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    private String digestThrough(String hostPort, String image) throws IOException, InterruptedException {
        return new ObjectMapper().readTree(Skopeo.run("inspect", "--tls-verify=false", "docker://" + hostPort + "/" + image))
                .path("Digest").asText();
    }

    @Test
    void skopeoCopiesInspectsAndDeletesThroughTheBalancer() throws Exception {
        OciLayoutImage image = OciLayoutImage.write(dir.resolve("layout"), "1", "balanced " + System.nanoTime());
        String there = "docker://" + balancer.hostPort() + "/team/app:1";
        Skopeo.run("copy", "--dest-tls-verify=false", image.skopeoName(), there);
        for (BerthServe instance : instances) {
            assertEquals(image.manifest().digest().toString(), digestThrough(instance.hostPort(), "team/app:1"));
        }
        Skopeo.run("copy", "--src-tls-verify=false", there, "oci:" + dir.resolve("out") + ":1");
        assertTrue(Files.exists(dir.resolve("out").resolve("index.json")));
        Skopeo.run("delete", "--tls-verify=false", "docker://" + balancer.hostPort() + "/team/app@" + image.manifest().digest());
        for (BerthServe instance : instances) {
            IOException gone = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                    () -> digestThrough(instance.hostPort(), "team/app:1"), "deleted everywhere at once");
            assertTrue(gone.getMessage().contains("manifest unknown") || gone.getMessage().contains("not found"), gone.getMessage());
        }
    }

    @Test
    void registryClientPushesPullsCopiesListsAndDeletesThroughTheBalancer() throws Exception {
        // 64 KiB chunks: the layer goes up in five PATCHes, which round robin spreads over the three instances.
        try (RegistryClient client = RegistryClient.builder(balancer.hostPort()).chunkSize(64 * 1024).build()) {
            byte[] content = new byte[300_000];
            new Random(15).nextBytes(content);
            Descriptor layer = client.pushBlob("team/app", MediaType.OCI_LAYER_TAR_GZIP, content);
            Descriptor config = client.pushBlob("team/app", MediaType.OCI_CONFIG,
                    "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8));
            ImageManifest image = ImageManifest.builder().config(config).layer(layer).build();
            List<String> tags = List.of("1.0", "1.1", "2.0", "latest", "stable");
            for (String tag : tags) {
                client.pushManifest("team/app", tag, image);
            }
            Page<String> first = client.tagsPage("team/app", 2);
            assertEquals(List.of("1.0", "1.1"), first.items());
            assertEquals(List.of("2.0", "latest"), client.tagsPage("team/app", 2, first.next().orElseThrow()).items(),
                    "the next page, asked of another instance");
            assertEquals(tags, client.tags("team/app").toList(), "every page followed");

            assertEquals(image.digest(), client.getManifest("team/app", "stable").digest());
            ByteArrayOutputStream pulled = new ByteArrayOutputStream();
            client.getBlob("team/app", layer, pulled, TransferListener.NONE);
            assertEquals(layer.digest(), Digest.sha256(pulled.toByteArray()));

            Descriptor sbomFile = client.pushBlob("team/app", MediaType.SPDX_JSON,
                    "{\"spdxVersion\":\"SPDX-2.3\"}".getBytes(StandardCharsets.UTF_8));
            client.pushBlob("team/app", MediaType.OCI_EMPTY, Artifacts.EMPTY_JSON);
            ImageManifest sbom = Artifacts.manifest(MediaType.SPDX_JSON, List.of(sbomFile), image.descriptor(), Map.of());
            client.pushManifest("team/app", sbom.digest().toString(), sbom);
            assertEquals(List.of(sbom.digest()), client.referrers("team/app", image.digest()).stream().map(Descriptor::digest).toList());

            new ImageCopier(CopyOptions.builder().referrers(true).build())
                    .copy(ImageLocation.registry(client, "team/app", "1.0"), ImageLocation.registry(client, "copies/app", "1.0"));
            assertEquals(image.digest(), client.getManifest("copies/app", "1.0").digest());
            assertEquals(List.of(sbom.digest()), client.referrers("copies/app", image.digest()).stream().map(Descriptor::digest).toList(),
                    "the copy took the image's referrers along");

            client.deleteManifest("team/app", sbom.digest());
            client.deleteManifest("team/app", image.digest());
            client.deleteBlob("team/app", layer.digest());
            for (BerthServe instance : instances) {
                try (RegistryClient direct = RegistryClient.builder(instance.hostPort()).build()) {
                    assertTrue(direct.statManifest("team/app", "1.0").isEmpty(), "the tag went with its manifest, on " + instance);
                    assertTrue(direct.statManifest("team/app", image.digest().toString()).isEmpty(), instance.hostPort());
                    assertTrue(direct.statBlob("team/app", layer.digest()).isEmpty(), instance.hostPort());
                    assertEquals(List.of(), direct.referrers("team/app", image.digest()), instance.hostPort());
                    assertEquals(image.digest(), direct.getManifest("copies/app", "1.0").digest(), "the copy stays");
                }
            }
        }
    }

    @Test
    void aKilledInstanceLosesNoAcknowledgedPush() throws Exception {
        int pushes = 50;
        List<OciLayoutImage> images = new ArrayList<>();
        for (int i = 0; i < pushes; i++) {
            images.add(OciLayoutImage.write(dir.resolve("layouts").resolve("i" + i), "1", "push " + i + " " + System.nanoTime()));
        }
        AtomicInteger acknowledged = new AtomicInteger();
        BerthServe victim = instances.get(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < pushes; i++) {
                int n = i;
                done.add(pool.submit(() -> {
                    // A push that fails because its instance died is retried, as a client would.
                    for (int attempt = 1; ; attempt++) {
                        try {
                            Skopeo.run("copy", "--dest-tls-verify=false", images.get(n).skopeoName(),
                                    "docker://" + balancer.hostPort() + "/load/image" + n + ":1");
                            if (acknowledged.incrementAndGet() == 10) {
                                victim.kill(); // SIGKILL, with pushes in flight on it
                            }
                            return null;
                        } catch (IOException failed) {
                            if (attempt == 5) {
                                throw failed;
                            }
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(!victim.process().isAlive(), "the instance was killed during the pushes");
        assertEquals(pushes, acknowledged.get());
        for (int i = 0; i < pushes; i++) {
            String expected = images.get(i).manifest().digest().toString();
            assertEquals(expected, digestThrough(balancer.hostPort(), "load/image" + i + ":1"), "push " + i);
            assertEquals(expected, digestThrough(instances.get(0).hostPort(), "load/image" + i + ":1"), "push " + i);
            Skopeo.run("copy", "--src-tls-verify=false", "docker://" + instances.get(2).hostPort() + "/load/image" + i + ":1",
                    "oci:" + dir.resolve("pulled") + ":" + i); // every blob whole, its digest checked by skopeo
        }
    }
}
