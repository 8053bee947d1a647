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

/**
 * The README's oci-model quick start, word for word between the snippet markers (examples' ReadmeSnippetsTest
 * compares them), run and checked.
 */
class ReadmeExamplesTest {
    private static final byte[] LAYER_TAR = "pretend tar".getBytes(StandardCharsets.UTF_8);

    @Test
    void references() {
        InvalidReferenceException e = assertThrows(InvalidReferenceException.class, () -> {
            // snippet: model-reference
            Reference ref = Reference.parse("alpine:3.20");
            ref.toString();      // docker.io/library/alpine:3.20
            ref.familiarForm();  // alpine:3.20
            Reference.parse("team/App:1"); // InvalidReferenceException: ... repository component "App" must be lowercase
            // end snippet
        });
        assertTrue(e.getMessage().contains("repository component \"App\" must be lowercase"), e.getMessage());
        assertEquals("docker.io/library/alpine:3.20", Reference.parse("alpine:3.20").toString());
        assertEquals("alpine:3.20", Reference.parse("alpine:3.20").familiarForm());
    }

    @Test
    void parsing() {
        ImageManifest armImage = build().image();
        ManifestIndex built = ManifestIndex.builder()
                .manifest(armImage.descriptor().withPlatform(Platform.parse("linux/arm64/v8")))
                .build();
        byte[] body = built.bytes();
        String contentTypeHeader = "application/json"; // not the index's type: the parser tells from the body
        Digest requestedDigest = built.digest();
        // snippet: model-manifest
        Manifest manifest = Manifest.parse(body, contentTypeHeader, requestedDigest); // verifies the digest
        if (manifest instanceof ManifestIndex index) {
            Descriptor arm = index.find(Platform.parse("linux/arm64")).orElseThrow(); // matches linux/arm64/v8 too
        } else if (manifest instanceof ImageManifest image) {
            long pullSize = image.totalSize();
        }
        // end snippet
        assertEquals(built.digest(), manifest.digest());
        assertEquals(armImage.digest(), ((ManifestIndex) manifest).find(Platform.parse("linux/arm64")).orElseThrow().digest());
        assertThrows(DigestMismatchException.class, () -> Manifest.parse(body, contentTypeHeader, armImage.digest()));
    }

    private record Built(ImageConfig config, ImageManifest image, ManifestIndex index) {
    }

    private static Built build() {
        byte[] layerTar = LAYER_TAR;
        // snippet: model-build
        ImageConfig config = ImageConfig.builder(Platform.parse("linux/amd64"))
                .diffId(Digest.sha256(layerTar))
                .build();
        ImageManifest image = ImageManifest.builder()
                .config(Descriptor.of(MediaType.OCI_CONFIG, config.digest(), config.bytes().length))
                .layer(Descriptor.forContent(MediaType.OCI_LAYER_TAR, layerTar))
                .annotation(Annotations.TITLE, "my app")
                .build();
        ManifestIndex index = ManifestIndex.builder()
                .manifest(image.descriptor().withPlatform(Platform.parse("linux/amd64")))
                .build();
        // end snippet
        return new Built(config, image, index);
    }

    @Test
    void building() {
        Built built = build();
        assertEquals(built.image().digest(), built.index().manifests().get(0).digest());
        assertEquals(Platform.parse("linux/amd64"), built.index().manifests().get(0).platform().orElseThrow());
        assertEquals("my app", built.image().annotations().get(Annotations.TITLE));
    }

    @Test
    void streaming(@TempDir Path dir) throws Exception {
        Descriptor layer = build().image().layers().get(0);
        InputStream download = new ByteArrayInputStream(LAYER_TAR);
        Path target = dir.resolve("layer");
        // snippet: model-stream
        try (InputStream in = new VerifyingInputStream(download, layer.digest(), layer.size())) {
            Files.copy(in, target); // DigestMismatchException / SizeMismatchException before it completes
        }
        // end snippet
        assertEquals(layer.digest(), Digest.sha256(Files.readAllBytes(target)));
        InputStream tampered = new ByteArrayInputStream("pretend taR".getBytes(StandardCharsets.UTF_8));
        assertThrows(DigestMismatchException.class, () -> Files.copy(new VerifyingInputStream(tampered, layer.digest(),
                layer.size()), dir.resolve("tampered")));
    }

    @Test
    void artifacts() {
        Built built = build();
        ImageManifest image = built.image();
        ImageConfig config = built.config();
        Manifest manifest = image;
        byte[] chartConfigBytes = "{\"name\":\"c\",\"version\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8);
        Descriptor spdxBlob = Descriptor.forContent(MediaType.SPDX_JSON, "{}".getBytes(StandardCharsets.UTF_8));
        // snippet: model-artifacts
        ArtifactKind kind = ArtifactKind.of(manifest);                 // IMAGE, HELM_CHART, SBOM, SIGNATURE, ...
        HelmChart chart = HelmChart.parse(chartConfigBytes);           // name, version, appVersion, ...
        ImageManifest sbom = Artifacts.manifest(MediaType.SPDX_JSON, List.of(spdxBlob), image.descriptor(), Map.of());
        String fallbackTag = Referrers.fallbackTag(image.digest());   // sha256-<hex>
        String signatureTag = CosignTags.signatureTag(image.digest()); // sha256-<hex>.sig
        ImageMetadata meta = ImageMetadata.of(image.annotations(), config); // OCI annotations, labels, label-schema
        // end snippet
        assertEquals(ArtifactKind.IMAGE, kind);
        assertEquals("c", chart.name());
        assertEquals(ArtifactKind.SBOM, ArtifactKind.of(sbom));
        assertEquals("sha256-" + image.digest().encoded(), fallbackTag);
        assertEquals("sha256-" + image.digest().encoded() + ".sig", signatureTag);
        assertEquals("my app", meta.title().orElseThrow());
    }
}
