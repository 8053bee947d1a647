package dev.berth.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.client.RegistryClient;
import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.MediaType;
import dev.berth.model.Platform;
import dev.berth.model.artifact.Artifacts;
import dev.berth.model.config.Annotations;
import dev.berth.model.config.ContainerConfig;
import dev.berth.model.config.HistoryEntry;
import dev.berth.model.config.ImageConfig;
import dev.berth.model.manifest.ImageManifest;
import dev.berth.model.manifest.ManifestIndex;
import dev.berth.server.EmbeddedRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What {@code berth inspect} prints, as text and as JSON, for an image with a referrer, an index and a Helm
 * chart, compared byte for byte with what it printed before (the files under {@code inspect/}): a change to
 * the inspector's types must not change what a script reading the CLI sees. On a difference, what was printed
 * is left in {@code target/inspect-actual/} to compare.
 */
class InspectOutputTest {
    private static final Instant BUILT = Instant.parse("2026-03-01T12:00:00Z");

    private final CliRun cli = new CliRun();
    private final List<String> differing = new ArrayList<>();

    @Test
    void inspectPrintsWhatItPrintedBefore() throws IOException {
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder().start()) {
            String host = registry.hostPort();
            RegistryClient client = RegistryClient.builder(host).build();
            ImageManifest amd64 = pushImage(client, Platform.parse("linux/amd64"), "amd64 layer");
            ImageManifest arm64 = pushImage(client, Platform.parse("linux/arm64"), "arm64 layer");
            client.pushManifest("team/app", "1.0", amd64);
            Descriptor sbom = client.pushBlob("team/app", MediaType.SPDX_JSON, bytes("{\"spdxVersion\":\"SPDX-2.3\"}"));
            client.pushBlob("team/app", MediaType.OCI_EMPTY, Artifacts.EMPTY_JSON);
            ImageManifest artifact = Artifacts.manifest(MediaType.SPDX_JSON,
                    List.of(sbom.toBuilder().annotation(Annotations.TITLE, "sbom.spdx.json").build()), amd64.descriptor(),
                    Map.of(Annotations.CREATED, "2026-03-02T08:00:00Z"));
            client.pushManifest("team/app", artifact.digest().toString(), artifact);
            ManifestIndex index = ManifestIndex.builder()
                    .manifest(amd64.descriptor().withPlatform(Platform.parse("linux/amd64")))
                    .manifest(arm64.descriptor().withPlatform(Platform.parse("linux/arm64")))
                    .annotation(Annotations.CREATED, "2026-03-03T09:00:00Z").build();
            client.pushManifest("team/app", "multi", index);
            byte[] chartYaml = bytes("{\"apiVersion\":\"v2\",\"name\":\"nginx\",\"version\":\"15.4.2\","
                    + "\"appVersion\":\"1.25.3\",\"description\":\"NGINX web server\"}");
            Descriptor chartConfig = client.pushBlob("charts/nginx", MediaType.HELM_CONFIG, chartYaml);
            Descriptor chartContent = client.pushBlob("charts/nginx", MediaType.HELM_CHART_CONTENT, bytes("chart"));
            client.pushManifest("charts/nginx", "15.4.2",
                    ImageManifest.builder().config(chartConfig).layer(chartContent).build());

            check("image", host, host + "/team/app:1.0");
            check("sbom", host, host + "/team/app@" + artifact.digest());
            check("index", host, host + "/team/app:multi");
            check("chart", host, host + "/charts/nginx:15.4.2");
        }
        assertEquals(List.of(), differing, "printed otherwise than before; see target/inspect-actual/");
    }

    private void check(String name, String host, String ref) throws IOException {
        // Sizes print with the default locale's digit grouping; the files hold Locale.ROOT's (1,108).
        Locale locale = Locale.getDefault();
        String text;
        String json;
        Locale.setDefault(Locale.ROOT);
        try {
            assertEquals(Cli.OK, cli.run("inspect", ref), cli.stderr());
            text = cli.stdout().replace(host, "REGISTRY");
            assertEquals(Cli.OK, cli.run("inspect", ref, "--json"), cli.stderr());
            json = cli.stdout().replace(host, "REGISTRY");
        } finally {
            Locale.setDefault(locale);
        }
        compare(name + ".txt", text);
        compare(name + ".json", json);
    }

    private void compare(String file, String printed) throws IOException {
        String expected;
        try (InputStream in = InspectOutputTest.class.getResourceAsStream("/inspect/" + file)) {
            expected = in == null ? "(missing)" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!expected.equals(printed)) {
            Path actual = Paths.get("target", "inspect-actual", file);
            Files.createDirectories(actual.getParent());
            Files.writeString(actual, printed);
            differing.add(file);
        }
    }

    private static ImageManifest pushImage(RegistryClient client, Platform platform, String content) {
        byte[] layer = bytes(content);
        ContainerConfig run = ContainerConfig.builder().user("app").env("A", "1").env("DB_PASSWORD", "hunter2")
                .entrypoint("/bin/app").cmd("serve").workingDir("/srv").exposedPort("8080/tcp")
                .label("built-by", "berth-test").label(Annotations.TITLE, "The App").build();
        ImageConfig config = ImageConfig.builder(platform).created(BUILT).author("Ada").config(run)
                .diffId(Digest.sha256(layer))
                .history(HistoryEntry.builder().created(BUILT).createdBy("RUN |1 GITHUB_TOKEN=abc /bin/sh -c make").build())
                .history(HistoryEntry.builder().createdBy("CMD [\"serve\"]").emptyLayer(true).build())
                .build();
        client.pushBlob("team/app", MediaType.OCI_CONFIG, config.bytes());
        Descriptor layerBlob = client.pushBlob("team/app", MediaType.OCI_LAYER_TAR, layer);
        ImageManifest manifest = ImageManifest.builder()
                .config(Descriptor.of(MediaType.OCI_CONFIG, config.digest(), config.bytes().length))
                .layer(layerBlob.toBuilder().annotation(Annotations.TITLE, "app.tar").build())
                .annotation(Annotations.VERSION, "2.4.1").build();
        client.pushManifest("team/app", manifest.digest().toString(), manifest);
        return manifest;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
