package dev.berth.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.client.RegistryClient;
import dev.berth.model.manifest.ImageManifest;
import dev.berth.server.EmbeddedRegistry;
import dev.berth.testsupport.OciLayoutImage;
import dev.berth.testsupport.Skopeo;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code berth copy} with skopeo's archive names, oci-archive:FILE[:REF] and docker-archive:FILE[:REF]. */
class CopyArchiveCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return new Cli(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void archivesAreCopiedToAndFromWithSkopeosNames() throws Exception {
        OciLayoutImage image = OciLayoutImage.write(dir.resolve("source"), "1.0", "archive cli " + System.nanoTime());
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder().start();
             RegistryClient client = RegistryClient.builder(registry.baseUri().getAuthority()).build()) {
            String repo = registry.baseUri().getAuthority() + "/team/app";
            Path ociTar = dir.resolve("app.oci.tar");
            Path dockerTar = dir.resolve("app.docker.tar");

            assertEquals(Cli.OK, run("copy", image.skopeoName(), "oci-archive:" + ociTar + ":1.0"), err.toString());
            assertEquals(Cli.OK, run("copy", "oci-archive:" + ociTar + ":1.0", repo + ":from-oci", "--json"),
                    err.toString());
            assertEquals(image.manifest().digest().toString(),
                    new ObjectMapper().readTree(stdout()).at("/copy/digest").asText());
            assertArrayEquals(image.manifest().bytes(), client.getManifest("team/app", "from-oci").bytes());

            assertEquals(Cli.OK, run("copy", repo + ":from-oci", "docker-archive:" + dockerTar + ":team/app:1.0"),
                    err.toString());
            JsonNode inspected = new ObjectMapper().readTree(Skopeo.run("inspect", "docker-archive:" + dockerTar));
            assertEquals("amd64", inspected.path("Architecture").asText());
            // no REF: the archive's only image
            assertEquals(Cli.OK, run("copy", "docker-archive:" + dockerTar, repo + ":from-docker"), err.toString());
            ImageManifest loaded = (ImageManifest) client.getManifest("team/app", "from-docker");
            assertEquals(image.config().digest(), loaded.config().digest());
            assertEquals(image.layer().digest(), loaded.layers().get(0).digest());

            // skopeo's docker-archive, read by berth
            Path skopeoTar = dir.resolve("skopeo.tar");
            Skopeo.run("copy", image.skopeoName(), "docker-archive:" + skopeoTar + ":team/app:2.0");
            assertEquals(Cli.OK, run("copy", "docker-archive:" + skopeoTar + ":team/app:2.0",
                    "oci:" + dir.resolve("out") + ":2.0"), err.toString());
            assertTrue(Files.isRegularFile(dir.resolve("out/index.json")));

            assertEquals(Cli.USAGE, run("copy", "oci-archive:" + dir.resolve("missing.tar"), repo + ":x"));
            assertEquals(Cli.FAILED, run("copy", "docker-archive:" + dockerTar + ":no/such:1", repo + ":x"));
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("no/such:1"), err.toString(StandardCharsets.UTF_8));
            assertEquals(Cli.OK, run("help", "copy"));
            assertTrue(stdout().contains("docker-archive:FILE[:REF]") && stdout().contains("oci-archive:FILE[:REF]"),
                    stdout());
        }
    }
}
