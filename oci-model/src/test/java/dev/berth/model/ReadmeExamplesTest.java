package dev.berth.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.model.artifact.ArtifactKind;
import dev.berth.model.artifact.Artifacts;
import dev.berth.model.artifact.CosignTags;
import dev.berth.model.artifact.HelmChart;
import dev.berth.model.artifact.Referrers;
import dev.berth.model.config.Annotations;
import dev.berth.model.config.ImageConfig;
import dev.berth.model.config.ImageMetadata;
import dev.berth.model.manifest.ImageManifest;
import dev.berth.model.manifest.Manifest;
import dev.berth.model.manifest.ManifestIndex;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's quick-start code, kept compiling and true. */
class ReadmeExamplesTest {

    @Test
    void referencesSection() {
        Reference ref = Reference.parse("alpine:3.20");
        assertEquals("docker.io/library/alpine:3.20", ref.toString());
        assertEquals("alpine:3.20", ref.familiarForm());
        InvalidReferenceException e = assertThrows(InvalidReferenceException.class, () -> Reference.parse("team/App:1"));
        assertTrue(e.getMessage().contains("repository component \"App\" must be lowercase"), e.getMessage());
    }

    @Test
    void buildParseStreamAndArtifactsSections(@TempDir Path dir) throws Exception {
        byte[] layerTar = "pretend tar".getBytes(StandardCharsets.UTF_8);
        ImageConfig config = ImageConfig.builder(Platform.parse("linux/amd64"))
                .diffId(Digest.sha256(layerTar))
                .build();
        ImageManifest image = ImageManifest.builder()
                .config(Descriptor.of(MediaType.OCI_CONFIG, config.digest(), config.bytes().length))
                .layer(Descriptor.forContent(MediaType.OCI_LAYER_TAR, layerTar))
                .annotation(Annotations.TITLE, "my app")
                .build();
        ManifestIndex built = ManifestIndex.builder()
                .manifest(image.descriptor().withPlatform(Platform.parse("linux/amd64")))
                .build();

        byte[] body = built.bytes();
        String contentTypeHeader = "application/json";
        Digest requestedDigest = built.digest();
        Manifest manifest = Manifest.parse(body, contentTypeHeader, requestedDigest);
        Descriptor found = null;
        if (manifest instanceof ManifestIndex index) {
            found = index.find(Platform.parse("linux/x86_64")).orElseThrow();
        }
        assertEquals(image.digest(), found.digest());

        Descriptor layer = image.layers().get(0);
        Path target = dir.resolve("layer");
        try (InputStream in = new VerifyingInputStream(new ByteArrayInputStream(layerTar), layer.digest(), layer.size())) {
            Files.copy(in, target);
        }
        assertEquals(layer.digest(), Digest.sha256(Files.readAllBytes(target)));

        Descriptor spdxBlob = Descriptor.forContent(MediaType.SPDX_JSON, "{}".getBytes(StandardCharsets.UTF_8));
        ImageManifest sbom = Artifacts.manifest(MediaType.SPDX_JSON, List.of(spdxBlob), image.descriptor(), Map.of());
        assertEquals(ArtifactKind.SBOM, ArtifactKind.of(sbom));
        assertEquals(ArtifactKind.IMAGE, ArtifactKind.of(image));
        assertEquals("sha256-" + image.digest().encoded(), Referrers.fallbackTag(image.digest()));
        assertEquals("sha256-" + image.digest().encoded() + ".sig", CosignTags.signatureTag(image.digest()));
        assertEquals("my app", ImageMetadata.of(image.annotations(), config).title().orElseThrow());
        assertEquals("c", HelmChart.parse("{\"name\":\"c\",\"version\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8)).name());
    }
}
