package dev.berth.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.client.RegistryClient;
import dev.berth.model.Platform;
import dev.berth.model.manifest.ImageManifest;
import dev.berth.server.EmbeddedRegistry;
import dev.berth.testsupport.DistributionRegistry;
import dev.berth.testsupport.OciLayoutIndex;
import dev.berth.testsupport.Skopeo;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code berth copy} between distribution, the embedded registry and OCI layouts, checked with skopeo. */
class CopyCommandTest {
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

    private JsonNode json() throws Exception {
        return new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aMultiPlatformIndexTravelsBetweenRegistriesAndLayoutsUnchanged() throws Exception {
        List<Platform> platforms = List.of(Platform.parse("linux/amd64"), Platform.parse("linux/arm64/v8"));
        OciLayoutIndex image = OciLayoutIndex.write(dir.resolve("source"), "2.0", "copy " + System.nanoTime(), platforms);
        try (DistributionRegistry distribution = DistributionRegistry.builder(dir.resolve("distribution")).start();
             EmbeddedRegistry embedded = EmbeddedRegistry.builder().start()) {
            String from = distribution.hostPort() + "/team/app:2.0";
            Skopeo.run("copy", "--all", "--dest-tls-verify=false", image.skopeoName(), "docker://" + from);
            String to = embedded.baseUri().getAuthority() + "/mirror/app:2.0";

            assertEquals(Cli.OK, run("copy", from, to, "--all-platforms", "--json"), err.toString());
            assertEquals(image.index().digest().toString(), json().at("/copy/digest").asText());
            assertEquals("3", json().at("/copy/manifests").asText(), "the index and both children");
            assertTrue(Skopeo.run("inspect", "--raw", "--tls-verify=false", "docker://" + to).contains(
                    image.manifests().get(1).digest().toString()));

            assertEquals(Cli.OK, run("copy", to, embedded.baseUri().getAuthority() + "/other/app:2.0", "--all-platforms", "--json"));
            assertEquals("0", json().at("/copy/blobsTransferred").asText().split(" ")[0], "within one registry, blobs are mounted");

            Path layout = dir.resolve("exported");
            assertEquals(Cli.OK, run("copy", to, "oci:" + layout + ":2.0", "--platform", "linux/arm64/v8"), err.toString());
            ImageManifest arm = image.manifests().get(1);
            String fromLayout = Skopeo.run("inspect", "--raw", "oci:" + layout + ":2.0");
            assertArrayEquals(arm.bytes(), fromLayout.getBytes(StandardCharsets.UTF_8), "one platform: its own image manifest");

            assertEquals(Cli.OK, run("copy", "oci:" + layout + ":2.0", distribution.hostPort() + "/back/app:arm"), err.toString());
            assertArrayEquals(arm.bytes(), RegistryClient.builder(distribution.hostPort()).build().getManifest("back/app", "arm").bytes());

            assertEquals(Cli.FAILED, run("copy", to, "oci:" + dir.resolve("none") + ":x", "--platform", "windows/amd64"));
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("windows/amd64"), err.toString(StandardCharsets.UTF_8));
            assertEquals(Cli.USAGE, run("copy", to, "oci:" + dir.resolve("y"), "--all-platforms", "--platform", "linux/amd64"));
            assertEquals(Cli.USAGE, run("copy", "oci:" + dir.resolve("missing") + ":1", to));
        }
    }
}
