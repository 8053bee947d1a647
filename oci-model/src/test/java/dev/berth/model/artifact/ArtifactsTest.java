package dev.berth.model.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.MalformedContentException;
import dev.berth.model.MediaType;
import dev.berth.model.manifest.ImageManifest;
import dev.berth.model.manifest.Manifest;
import dev.berth.model.manifest.ManifestIndex;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ArtifactsTest {
    static final Digest SUBJECT = Digest.parse("sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theEmptyDescriptorIsTheSpecificationsOne() {
        assertEquals("sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
                Artifacts.EMPTY_CONFIG.digest().toString());
        assertEquals(2, Artifacts.EMPTY_CONFIG.size());
        assertEquals("{}", new String(Artifacts.EMPTY_CONFIG.data().orElseThrow(), StandardCharsets.US_ASCII));
    }

    @Test
    void helmChartMetadataIsReadFromItsConfig() {
        HelmChart chart = HelmChart.parse(bytes("""
                {"name":"nginx","version":"15.1.0","description":"NGINX Open Source","apiVersion":"v2",
                 "appVersion":"1.25.1","type":"application","keywords":["nginx","http"],
                 "home":"https://example.com","sources":["https://github.com/example/charts"],
                 "maintainers":[{"name":"Example","url":"https://example.com"}],
                 "annotations":{"category":"Infrastructure"},"dependencies":[{"name":"common","version":"2.x.x"}]}
                """));
        assertEquals("nginx", chart.name());
        assertEquals("15.1.0", chart.version());
        assertEquals(Optional.of("1.25.1"), chart.appVersion());
        assertEquals(List.of("nginx", "http"), chart.keywords());
        assertEquals("Example", chart.maintainers().get(0).name());
        assertEquals(Map.of("category", "Infrastructure"), chart.annotations());
        assertEquals("name", assertThrows(MalformedContentException.class,
                () -> HelmChart.parse(bytes("{\"version\":\"1\"}"))).path());
    }

    @Test
    void cosignTagsRoundTrip() {
        assertEquals("sha256-" + SUBJECT.encoded() + ".sig", CosignTags.signatureTag(SUBJECT));
        assertEquals("sha256-" + SUBJECT.encoded() + ".att", CosignTags.attestationTag(SUBJECT));
        CosignTags.CosignTag parsed = CosignTags.parse(CosignTags.sbomTag(SUBJECT)).orElseThrow();
        assertEquals(SUBJECT, parsed.subject());
        assertEquals(CosignTags.Kind.SBOM, parsed.kind());
        assertTrue(CosignTags.parse("latest").isEmpty());
        assertTrue(CosignTags.parse("sha256-abc.sig").isEmpty());
        assertTrue(CosignTags.parse("sha256-" + SUBJECT.encoded() + ".zip").isEmpty());
    }

    @Test
    void referrersFallbackTagFollowsTheSpecification() {
        assertEquals("sha256-" + SUBJECT.encoded(), Referrers.fallbackTag(SUBJECT));
        Digest sha512 = Digest.sha512(new byte[0]);
        assertEquals(7 + 64, Referrers.fallbackTag(sha512).length(), "the encoded part is cut to 64 characters");
    }

    @Test
    void referrerEntriesCarryArtifactTypeAndAnnotations() {
        Descriptor subject = Descriptor.of(MediaType.OCI_MANIFEST, SUBJECT, 500);
        Descriptor sbomBlob = Descriptor.forContent(MediaType.SPDX_JSON, bytes("{\"spdxVersion\":\"SPDX-2.3\"}"));
        ImageManifest sbom = Artifacts.manifest(MediaType.SPDX_JSON, List.of(sbomBlob), subject,
                Map.of("org.opencontainers.image.created", "2026-11-22T00:00:00Z"));
        ImageManifest signature = Artifacts.manifest(MediaType.COSIGN_SIGNATURE_ARTIFACT,
                List.of(Descriptor.forContent(MediaType.COSIGN_SIMPLE_SIGNING, bytes("{}"))), subject, Map.of());

        Descriptor entry = Referrers.entryOf(sbom);
        assertEquals(Optional.of(MediaType.SPDX_JSON), entry.artifactType());
        assertEquals(sbom.digest(), entry.digest());
        assertEquals("2026-11-22T00:00:00Z", entry.annotations().get("org.opencontainers.image.created"));

        ManifestIndex index = Referrers.index(List.of(entry, Referrers.entryOf(signature)));
        assertEquals(MediaType.OCI_INDEX, index.mediaType());
        assertEquals(List.of(entry), Referrers.filter(index.manifests(), MediaType.SPDX_JSON));
        assertEquals("artifactType", org.junit.jupiter.api.Assertions.assertThrows(
                dev.berth.model.InvalidArgumentException.class, () -> Referrers.filter(index.manifests(), null)).argument());
        assertEquals(subject, ((ImageManifest) Manifest.parse(sbom.bytes(), null)).subject().orElseThrow());
    }

    @Test
    void artifactKindsAreRecognised() {
        Descriptor subject = Descriptor.of(MediaType.OCI_MANIFEST, SUBJECT, 500);
        Descriptor blob = Descriptor.forContent(MediaType.OCTET_STREAM, bytes("x"));
        assertEquals(ArtifactKind.SBOM, ArtifactKind.of(Artifacts.manifest(MediaType.CYCLONEDX_JSON, List.of(blob), subject, Map.of())));
        assertEquals(ArtifactKind.SIGNATURE, ArtifactKind.of(Artifacts.manifest(MediaType.NOTARY_SIGNATURE, List.of(blob), subject, Map.of())));
        assertEquals(ArtifactKind.ATTESTATION, ArtifactKind.of(Artifacts.manifest(MediaType.DSSE_ENVELOPE, List.of(blob), subject, Map.of())));
        assertEquals(ArtifactKind.OTHER_ARTIFACT, ArtifactKind.of(Artifacts.manifest("application/vnd.example", List.of(blob), null, Map.of())));
        ImageManifest helm = ImageManifest.builder().config(Descriptor.forContent(MediaType.HELM_CONFIG, bytes("{}")))
                .layer(Descriptor.forContent(MediaType.HELM_CHART_CONTENT, bytes("tgz"))).build();
        assertEquals(ArtifactKind.HELM_CHART, ArtifactKind.of(helm));
        ImageManifest image = ImageManifest.builder().config(Descriptor.forContent(MediaType.OCI_CONFIG, bytes("{}"))).build();
        assertEquals(ArtifactKind.IMAGE, ArtifactKind.of(image));
        ImageManifest cosignLegacy = ImageManifest.builder().config(Descriptor.forContent(MediaType.OCI_CONFIG + "x", bytes("{}")))
                .layer(Descriptor.forContent(MediaType.COSIGN_SIMPLE_SIGNING, bytes("{}"))).build();
        assertEquals(ArtifactKind.SIGNATURE, ArtifactKind.of(cosignLegacy));
        assertEquals(ArtifactKind.INDEX, ArtifactKind.of(ManifestIndex.builder().build()));
    }
}
