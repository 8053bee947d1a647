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
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code berth copy} with skopeo's archive names, oci-archive:FILE[:REF] and docker-archive:FILE[:REF]. */
class CopyArchiveCommandTest {
    @TempDir
    Path dir;

    private final CliRun cli = new CliRun();

    @Test
    void archivesAreCopiedToAndFromWithSkopeosNames() throws Exception {
        OciLayoutImage image = OciLayoutImage.write(dir.resolve("source"), "1.0", "archive cli " + System.nanoTime());
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder().start();
             RegistryClient client = RegistryClient.builder(registry.baseUri().getAuthority()).build()) {
            String repo = registry.baseUri().getAuthority() + "/team/app";
            Path ociTar = dir.resolve("app.oci.tar");
            Path dockerTar = dir.resolve("app.docker.tar");

            assertEquals(Cli.OK, cli.run("copy", image.skopeoName(), "oci-archive:" + ociTar + ":1.0"), cli.stderr());
            assertEquals(Cli.OK, cli.run("copy", "oci-archive:" + ociTar + ":1.0", repo + ":from-oci", "--json"),
                    cli.stderr());
            assertEquals(image.manifest().digest().toString(),
                    new ObjectMapper().readTree(cli.stdout()).at("/copy/digest").asText());
            assertArrayEquals(image.manifest().bytes(), client.getManifest("team/app", "from-oci").bytes());

            assertEquals(Cli.OK, cli.run("copy", repo + ":from-oci", "docker-archive:" + dockerTar + ":team/app:1.0"),
                    cli.stderr());
            JsonNode inspected = new ObjectMapper().readTree(Skopeo.run("inspect", "docker-archive:" + dockerTar));
            assertEquals("amd64", inspected.path("Architecture").asText());
            // no REF: the archive's only image
            assertEquals(Cli.OK, cli.run("copy", "docker-archive:" + dockerTar, repo + ":from-docker"), cli.stderr());
            ImageManifest loaded = (ImageManifest) client.getManifest("team/app", "from-docker");
            assertEquals(image.config().digest(), loaded.config().digest());
            assertEquals(image.layer().digest(), loaded.layers().get(0).digest());

            // skopeo's docker-archive, read by berth
            Path skopeoTar = dir.resolve("skopeo.tar");
            Skopeo.run("copy", image.skopeoName(), "docker-archive:" + skopeoTar + ":team/app:2.0");
            assertEquals(Cli.OK, cli.run("copy", "docker-archive:" + skopeoTar + ":team/app:2.0",
                    "oci:" + dir.resolve("out") + ":2.0"), cli.stderr());
            assertTrue(Files.isRegularFile(dir.resolve("out/index.json")));

            assertEquals(Cli.USAGE, cli.run("copy", "oci-archive:" + dir.resolve("missing.tar"), repo + ":x"));
            assertEquals(Cli.FAILED, cli.run("copy", "docker-archive:" + dockerTar + ":no/such:1", repo + ":x"));
            assertTrue(cli.stderr().contains("no/such:1"), cli.stderr());
            assertEquals(Cli.OK, cli.run("help", "copy"));
            assertTrue(cli.stdout().contains("docker-archive:FILE[:REF]") && cli.stdout().contains("oci-archive:FILE[:REF]"),
                    cli.stdout());
        }
    }
}
