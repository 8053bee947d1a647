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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code berth copy} between distribution, the embedded registry and OCI layouts, checked with skopeo. */
class CopyCommandTest {
    @TempDir
    Path dir;

    private final CliRun cli = new CliRun();

    private JsonNode json() throws Exception {
        return new ObjectMapper().readTree(cli.stdout());
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

            assertEquals(Cli.OK, cli.run("copy", from, to, "--all-platforms", "--json"), cli.stderr());
            assertEquals(image.index().digest().toString(), json().at("/copy/digest").asText());
            assertEquals("3", json().at("/copy/manifests").asText(), "the index and both children");
            assertTrue(Skopeo.run("inspect", "--raw", "--tls-verify=false", "docker://" + to).contains(
                    image.manifests().get(1).digest().toString()));

            assertEquals(Cli.OK, cli.run("copy", to, embedded.baseUri().getAuthority() + "/other/app:2.0", "--all-platforms", "--json"));
            assertEquals("0", json().at("/copy/blobsTransferred").asText().split(" ")[0], "within one registry, blobs are mounted");

            Path layout = dir.resolve("exported");
            assertEquals(Cli.OK, cli.run("copy", to, "oci:" + layout + ":2.0", "--platform", "linux/arm64/v8"), cli.stderr());
            ImageManifest arm = image.manifests().get(1);
            String fromLayout = Skopeo.run("inspect", "--raw", "oci:" + layout + ":2.0");
            assertArrayEquals(arm.bytes(), fromLayout.getBytes(StandardCharsets.UTF_8), "one platform: its own image manifest");

            assertEquals(Cli.OK, cli.run("copy", "oci:" + layout + ":2.0", distribution.hostPort() + "/back/app:arm"), cli.stderr());
            assertArrayEquals(arm.bytes(), RegistryClient.builder(distribution.hostPort()).build().getManifest("back/app", "arm").bytes());

            assertEquals(Cli.FAILED, cli.run("copy", to, "oci:" + dir.resolve("none") + ":x", "--platform", "windows/amd64"));
            assertTrue(cli.stderr().contains("windows/amd64"), cli.stderr());
            assertEquals(Cli.USAGE, cli.run("copy", to, "oci:" + dir.resolve("y"), "--all-platforms", "--platform", "linux/amd64"));
            assertEquals(Cli.USAGE, cli.run("copy", "oci:" + dir.resolve("missing") + ":1", to));
        }
    }
}
