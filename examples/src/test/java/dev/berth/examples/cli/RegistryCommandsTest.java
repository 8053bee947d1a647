package dev.berth.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.client.RegistryClient;
import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.MediaType;
import dev.berth.model.Platform;
import dev.berth.model.artifact.Artifacts;
import dev.berth.model.config.ImageConfig;
import dev.berth.model.manifest.ImageManifest;
import dev.berth.server.EmbeddedRegistry;
import dev.berth.testsupport.DistributionRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read and blob commands of {@code berth} against the embedded registry and distribution 2.8. */
class RegistryCommandsTest {
    @TempDir
    Path dir;

    private final CliRun cli = new CliRun();

    private JsonNode json() throws Exception {
        return new ObjectMapper().readTree(cli.stdout());
    }

    /** Pushes an image with a config labelled "built-by: berth-test" and an SBOM referring to it. */
    private static ImageManifest pushImage(String registry, String repository) {
        RegistryClient client = RegistryClient.builder(registry).build();
        byte[] layer = "layer content".getBytes(StandardCharsets.UTF_8);
        ImageConfig config = ImageConfig.builder(Platform.parse("linux/amd64")).diffId(Digest.sha256(layer))
                .config(new dev.berth.model.config.ContainerConfig("", java.util.Set.of(), List.of("A=1", "DB_PASSWORD=hunter2"), List.of("/bin/app"),
                        List.of(), java.util.Set.of(), "/", Map.of("built-by", "berth-test"), "", dev.berth.model.Extensions.none()))
                .build();
        client.pushBlob(repository, MediaType.OCI_CONFIG, config.bytes());
        Descriptor layerBlob = client.pushBlob(repository, MediaType.OCI_LAYER_TAR, layer);
        ImageManifest manifest = ImageManifest.builder()
                .config(Descriptor.of(MediaType.OCI_CONFIG, config.digest(), config.bytes().length)).layer(layerBlob).build();
        client.pushManifest(repository, "1.0", manifest);
        Descriptor sbom = client.pushBlob(repository, MediaType.SPDX_JSON, "{}".getBytes(StandardCharsets.UTF_8));
        client.pushBlob(repository, MediaType.OCI_EMPTY, Artifacts.EMPTY_JSON);
        ImageManifest artifact = Artifacts.manifest(MediaType.SPDX_JSON, List.of(sbom), manifest.descriptor(), Map.of());
        client.pushManifest(repository, artifact.digest().toString(), artifact);
        return manifest;
    }

    @Test
    void readCommandsAgainstTheEmbeddedRegistry() throws Exception {
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder().start()) {
            checkReadCommands(registry.baseUri().getAuthority());
        }
    }

    @Test
    void readCommandsAgainstDistribution() throws Exception {
        try (DistributionRegistry registry = DistributionRegistry.builder(dir.resolve("registry")).start()) {
            checkReadCommands(registry.hostPort());
        }
    }

    private void checkReadCommands(String registry) throws Exception {
        ImageManifest manifest = pushImage(registry, "team/app");
        String ref = registry + "/team/app:1.0";

        assertEquals(Cli.OK, cli.run("catalog", registry), cli.stderr());
        assertEquals("team/app\n", cli.stdout());
        assertEquals(Cli.OK, cli.run("catalog", registry, "--filter", "nothing-like-it", "--json"));
        assertEquals(0, json().get("repositories").size());

        assertEquals(Cli.OK, cli.run("digest", ref));
        assertEquals(manifest.digest() + "\n", cli.stdout());

        assertEquals(Cli.OK, cli.run("manifest", ref, "--raw"));
        assertArrayEquals(manifest.bytes(), cli.stdoutBytes(), "--raw gives the exact bytes");
        assertEquals(Cli.OK, cli.run("manifest", ref, "--json"));
        assertEquals(manifest.digest().toString(), json().at("/manifest/digest").asText());
        assertEquals(MediaType.OCI_CONFIG, json().at("/manifest/content/config/mediaType").asText());

        assertEquals(Cli.OK, cli.run("config", ref, "--json"));
        assertEquals("berth-test", json().at("/config/content/config/Labels/built-by").asText());

        assertEquals(Cli.OK, cli.run("referrers", ref));
        assertTrue(cli.stdout().contains(MediaType.SPDX_JSON), cli.stdout());
        assertEquals(Cli.OK, cli.run("referrers", ref, "--artifact-type", MediaType.CYCLONEDX_JSON, "--json"));
        assertEquals(0, json().get("referrers").size());

        assertEquals(Cli.OK, cli.run("inspect", ref), cli.stderr());
        assertTrue(cli.stdout().contains(manifest.digest().toString()), cli.stdout());
        assertTrue(cli.stdout().contains("IMAGE"), cli.stdout());
        assertTrue(cli.stdout().contains("built-by=berth-test"), cli.stdout());
        assertTrue(!cli.stdout().contains("hunter2") && cli.stdout().contains("DB_PASSWORD="), "secrets are masked: " + cli.stdout());
        assertEquals(Cli.OK, cli.run("inspect", ref, "--json"));
        JsonNode details = json();
        assertEquals("SBOM", details.at("/image/details/referrers/0/kind").asText(), details.toString());
        assertEquals("1", details.at("/image/details/env/A").asText());
        assertEquals(manifest.layers().get(0).size(), details.at("/image/details/layers/0/size").asLong());

        RegistryClient client = RegistryClient.builder(registry).build();
        for (String tag : java.util.List.of("v1.10.0", "v1.2.0", "v1.9.3", "latest")) {
            client.pushManifest("team/app", tag, manifest);
        }
        assertEquals(Cli.OK, cli.run("tags", registry + "/team/app", "--sort", "semver"));
        // On distribution, the SBOM's referrers fallback tag (sha256-...) is a tag like any other.
        assertEquals(List.of("1.0", "v1.2.0", "v1.9.3", "v1.10.0", "latest"),
                cli.stdout().lines().filter(t -> !t.startsWith("sha256-")).toList(), "versions in order, then the rest by name");
        assertEquals(Cli.OK, cli.run("tags", registry + "/team/app", "--filter", "v1.*.0", "--json"));
        assertEquals(2, json().get("tags").size());
        assertEquals(Cli.USAGE, cli.run("tags", registry + "/team/app", "--sort", "size"));

        assertEquals(Cli.OK, cli.run("delete", registry + "/team/app:v1.2.0", "--json"), cli.stderr());
        assertEquals(manifest.digest().toString(), json().at("/delete/digest").asText());
        assertEquals(4, json().at("/delete/alsoRemoved").size(), json().toString());
        assertEquals(Cli.FAILED, cli.run("digest", ref));

        Path file = dir.resolve("upload.bin");
        Files.write(file, "a blob from a file".getBytes(StandardCharsets.UTF_8));
        assertEquals(Cli.OK, cli.run("blob", "put", registry + "/team/files", file.toString()));
        String digest = cli.stdout().trim();
        assertEquals(Digest.sha256(Files.readAllBytes(file)).toString(), digest);
        Path back = dir.resolve("back.bin");
        assertEquals(Cli.OK, cli.run("blob", "get", registry + "/team/files@" + digest, back.toString()), cli.stderr());
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(back));
    }

    @Test
    void failuresAreOneLineAndUsageErrorsExitWithTwo() throws Exception {
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder().start()) {
            String host = registry.baseUri().getAuthority();
            assertEquals(Cli.FAILED, cli.run("manifest", host + "/team/none:1.0"));
            String line = cli.stderr();
            assertEquals(1, line.lines().count(), line);
            assertTrue(line.contains("MANIFEST_UNKNOWN") && line.contains("team/none:1.0"), line);
            assertEquals(Cli.FAILED, cli.run("digest", host + "/team/none:1.0"));
            assertEquals(Cli.USAGE, cli.run("blob", "get", host + "/team/app:1.0", dir.resolve("x").toString()));
            assertEquals(Cli.USAGE, cli.run("blob", "put", host + "/team/app", dir.resolve("missing").toString()));
            assertEquals(Cli.USAGE, cli.run("manifest", "Not A Reference"));
            assertEquals(Cli.USAGE, cli.run("catalog", host, "--limit", "0"));
            assertEquals(Cli.FAILED, cli.run("ping", "127.0.0.1:1"));
            assertTrue(cli.stderr().contains("connection refused"), cli.stderr());
        }
    }
}
