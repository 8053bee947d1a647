package dev.berth.examples.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.testsupport.OciLayoutImage;
import dev.berth.testsupport.PostgresServer;
import dev.berth.testsupport.S3ProxyServer;
import dev.berth.testsupport.Skopeo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code berth serve} over a bucket (S3Proxy) and a database (PostgreSQL), as the instances behind a load balancer
 * run: what one takes, another serves, and a restarted one still has.
 */
class ServeOnS3AndPostgresIT {
    private static S3ProxyServer s3;
    private static PostgresServer postgres;
    // The AWS default chain reads these, as it would on a real machine.
    private static final Map<String, String> AWS = Map.of("AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY, "AWS_REGION", "us-east-1");

    @TempDir
    Path dir;

    @BeforeAll
    static void peers() throws Exception {
        s3 = S3ProxyServer.inMemory();
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stopPeers() throws Exception {
        if (s3 != null) {
            s3.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void instancesOverOneBucketAndOneDatabaseAreOneRegistry() throws Exception {
        s3.createBucket("shared");
        String storage = "s3://shared/registry?endpoint=" + s3.endpoint();
        String metadata = postgres.createDatabase();
        OciLayoutImage image = OciLayoutImage.write(dir.resolve("layout"), "1", "s3 and postgres " + System.nanoTime());
        String digest;
        try (BerthServe one = BerthServe.startWith(AWS, "--storage", storage, "--metadata", metadata);
             BerthServe two = BerthServe.startWith(AWS, "--storage", storage, "--metadata", metadata)) {
            Skopeo.run("copy", "--dest-tls-verify=false", image.skopeoName(), "docker://" + one.hostPort() + "/team/app:1");
            JsonNode inspected = new ObjectMapper().readTree(Skopeo.run("inspect", "--tls-verify=false",
                    "docker://" + two.hostPort() + "/team/app:1"));
            digest = inspected.path("Digest").asText();
            assertEquals(image.manifest().digest().toString(), digest, "the other instance serves the same manifest");
            Skopeo.run("copy", "--src-tls-verify=false", "docker://" + two.hostPort() + "/team/app:1", "oci:" + dir.resolve("out") + ":1");
        }
        try (BerthServe restarted = BerthServe.startWith(AWS, "--storage", storage, "--metadata", metadata)) {
            JsonNode again = new ObjectMapper().readTree(Skopeo.run("inspect", "--tls-verify=false",
                    "docker://" + restarted.hostPort() + "/team/app:1"));
            assertEquals(digest, again.path("Digest").asText(), "nothing lived only in a stopped instance");
        }
    }

    @Test
    void redirectTrueSendsBlobPullsToPreSignedUrlsThatSkopeoFollows() throws Exception {
        s3.createBucket("redirected");
        String storage = "s3://redirected?endpoint=" + s3.endpoint() + "&redirect=true";
        OciLayoutImage image = OciLayoutImage.write(dir.resolve("layout"), "1", "redirected " + System.nanoTime());
        try (BerthServe serve = BerthServe.startWith(AWS, "--storage", storage, "--metadata", postgres.createDatabase())) {
            Skopeo.run("copy", "--dest-tls-verify=false", image.skopeoName(), "docker://" + serve.hostPort() + "/team/app:1");
            HttpResponse<Void> pulled = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build().send(
                    HttpRequest.newBuilder(URI.create("http://" + serve.hostPort() + "/v2/team/app/blobs/" + image.layer().digest()))
                            .GET().build(), HttpResponse.BodyHandlers.discarding());
            assertEquals(307, pulled.statusCode());
            String location = pulled.headers().firstValue("Location").orElseThrow();
            assertTrue(location.startsWith(s3.endpoint() + "/redirected/") && location.contains("X-Amz-Expires=1200"), location);
            Skopeo.run("copy", "--src-tls-verify=false", "docker://" + serve.hostPort() + "/team/app:1", "oci:" + dir.resolve("out") + ":1");
            assertArrayEquals(Files.readAllBytes(image.dir().resolve("blobs/sha256/" + image.layer().digest().encoded())),
                    Files.readAllBytes(dir.resolve("out/blobs/sha256/" + image.layer().digest().encoded())));
        }
    }

    @Test
    void aBucketWithoutADatabaseIsRefusedNamingWhatIsMissing() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-p", Path.of("target", "berth-examples.jar").toAbsolutePath() + ":" + Path.of("target", "lib").toAbsolutePath(),
                "-m", "dev.berth.examples/dev.berth.examples.cli.Berth", "serve", "--addr", "127.0.0.1:0",
                "--storage", "s3://shared?endpoint=" + s3.endpoint()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(AWS);
        Process p = builder.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue(), err);
        assertTrue(err.contains("--metadata jdbc:"), err);
    }
}
