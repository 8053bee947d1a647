package dev.berth.examples.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.model.MediaType;
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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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

    // Without a pool every metadata read opened a PostgreSQL connection (a server process forked and
    // authenticated): two per manifest GET by tag, which held an instance near a hundred GETs a second.
    @Test
    void manifestGetsReuseTheDatabaseConnectionsOfAPool() throws Exception {
        s3.createBucket("pooled");
        String metadata = postgres.createDatabase();
        String database = metadata.substring(metadata.lastIndexOf('/') + 1, metadata.indexOf('?'));
        OciLayoutImage image = OciLayoutImage.write(dir.resolve("layout"), "1", "pooled " + System.nanoTime());
        try (BerthServe serve = BerthServe.startWith(AWS, "--storage", "s3://pooled?endpoint=" + s3.endpoint(), "--metadata", metadata,
                "--log-level", "warn")) {
            Skopeo.run("copy", "--dest-tls-verify=false", image.skopeoName(), "docker://" + serve.hostPort() + "/team/app:1");
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            long before = sessions(postgres.jdbcUrl(), database);
            for (int i = 0; i < 100; i++) {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(serve.base() + "/v2/team/app/manifests/1"))
                        .header("Accept", MediaType.OCI_MANIFEST).build(), HttpResponse.BodyHandlers.discarding());
                assertEquals(200, r.statusCode());
            }
            long opened = sessions(postgres.jdbcUrl(), database) - before;
            assertTrue(opened <= 10, "100 manifest GETs opened " + opened + " connections to the database; a pool opens at most its"
                    + " size (10), and only once");
        }
    }

    // Connections ever made to the database (PostgreSQL 14 and later count them), read on a connection of its own
    // to the postgres database, so that the reading adds none and sees the statistics as they are now.
    private static long sessions(String postgresUrl, String database) throws Exception {
        try (Connection c = DriverManager.getConnection(postgresUrl);
             PreparedStatement ps = c.prepareStatement("SELECT sessions FROM pg_stat_database WHERE datname = ?")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), database);
                return rs.getLong(1);
            }
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
