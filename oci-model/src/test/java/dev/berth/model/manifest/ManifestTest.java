package dev.berth.model.manifest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.model.ContentTooLargeException;
import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.DigestMismatchException;
import dev.berth.model.MalformedContentException;
import dev.berth.model.MediaType;
import dev.berth.model.Platform;
import dev.berth.model.UnsupportedManifestException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestTest {
    static final String CONFIG_DIGEST = "sha256:b5b2b2c507a0944348e0303114d8d93aaaa081732b86451d9bce1f432a537bc7";
    static final String LAYER_DIGEST = "sha256:ec99f8b99825a742d50fb3ce173d291378a46ab54b8ef7dd75e5654e2a296e99";

    static final String OCI_MANIFEST = """
            {
              "schemaVersion": 2,
              "mediaType": "application/vnd.oci.image.manifest.v1+json",
              "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": "%s", "size": 7023},
              "layers": [
                {"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": "%s", "size": 32654,
                 "annotations": {"org.opencontainers.image.title": "rootfs"}, "x-layer-extra": [1, 2]}
              ],
              "annotations": {"org.opencontainers.image.version": "1.0"},
              "x-vendor-field": {"keep": "me"}
            }
            """.formatted(CONFIG_DIGEST, LAYER_DIGEST);

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void parsesAnOciManifestAndKeepsItsExactBytes() {
        byte[] raw = bytes(OCI_MANIFEST);
        ImageManifest m = (ImageManifest) Manifest.parse(raw, MediaType.OCI_MANIFEST);
        assertArrayEquals(raw, m.bytes());
        assertEquals(Digest.sha256(raw), m.digest());
        assertEquals(MediaType.OCI_MANIFEST, m.mediaType());
        assertEquals(CONFIG_DIGEST, m.config().digest().toString());
        assertEquals(7023, m.config().size());
        assertEquals(1, m.layers().size());
        assertEquals("rootfs", m.layers().get(0).annotations().get("org.opencontainers.image.title"));
        assertEquals(Map.of("org.opencontainers.image.version", "1.0"), m.annotations());
        assertEquals(raw.length + 7023 + 32654, m.totalSize());
        assertEquals(MediaType.OCI_CONFIG, m.effectiveArtifactType());
    }

    @Test
    void unknownFieldsSurviveARebuild() {
        ImageManifest m = (ImageManifest) Manifest.parse(bytes(OCI_MANIFEST), null);
        assertEquals(java.util.List.of("x-vendor-field"), m.extensions().names());
        ImageManifest rebuilt = m.toBuilder().annotation("extra", "1").build();
        assertEquals("me", rebuilt.extensions().get("x-vendor-field").orElseThrow().get("keep").textValue());
        assertTrue(rebuilt.layers().get(0).extensions().get("x-layer-extra").isPresent());
        assertEquals("1", rebuilt.annotations().get("extra"));
    }

    @Test
    void theDocumentsMediaTypeWinsOverAWrongContentType() {
        assertEquals(MediaType.OCI_MANIFEST, Manifest.parse(bytes(OCI_MANIFEST), "application/json").mediaType());
        assertEquals(MediaType.OCI_MANIFEST, Manifest.parse(bytes(OCI_MANIFEST), "text/plain; charset=utf-8").mediaType());
        assertEquals(MediaType.OCI_MANIFEST, Manifest.parse(bytes(OCI_MANIFEST), MediaType.OCI_INDEX).mediaType());
    }

    @Test
    void withoutAMediaTypeFieldTheHeaderThenTheShapeDecides() {
        String noType = OCI_MANIFEST.replace("\"mediaType\": \"application/vnd.oci.image.manifest.v1+json\",", "");
        assertEquals(MediaType.DOCKER_MANIFEST, Manifest.parse(bytes(noType), MediaType.DOCKER_MANIFEST).mediaType());
        assertEquals(MediaType.OCI_MANIFEST, Manifest.parse(bytes(noType), "").mediaType());
        assertEquals(MediaType.OCI_MANIFEST, Manifest.parse(bytes(noType), MediaType.DOCKER_MANIFEST_LIST).mediaType());
        String index = "{\"schemaVersion\":2,\"manifests\":[]}";
        assertEquals(MediaType.OCI_INDEX, Manifest.parse(bytes(index), null).mediaType());
        assertEquals(MediaType.DOCKER_MANIFEST_LIST,
                Manifest.parse(bytes(index), MediaType.DOCKER_MANIFEST_LIST).mediaType());
    }

    @Test
    void schema1IsReportedAsUnsupported() {
        String schema1 = "{\"schemaVersion\":1,\"name\":\"a\",\"tag\":\"b\",\"fsLayers\":[],\"history\":[]}";
        UnsupportedManifestException e = assertThrows(UnsupportedManifestException.class,
                () -> Manifest.parse(bytes(schema1), MediaType.DOCKER_MANIFEST_SCHEMA1_SIGNED));
        assertTrue(e.getMessage().contains("schema 1"));
        assertThrows(UnsupportedManifestException.class, () -> Manifest.parse(bytes(schema1), null));
    }

    @Test
    void nonManifestMediaTypesAreRefused() {
        String config = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"config\":{}}";
        assertThrows(UnsupportedManifestException.class, () -> Manifest.parse(bytes(config), null));
        String artifact = "{\"mediaType\":\"application/vnd.oci.artifact.manifest.v1+json\",\"blobs\":[]}";
        assertTrue(assertThrows(UnsupportedManifestException.class, () -> Manifest.parse(bytes(artifact), null))
                .getMessage().contains("withdrawn"));
    }

    @Test
    void errorsNameTheJsonPathOfTheBadField() {
        String badLayerDigest = OCI_MANIFEST.replace(LAYER_DIGEST, "sha256:nothex");
        MalformedContentException e = assertThrows(MalformedContentException.class,
                () -> Manifest.parse(bytes(badLayerDigest), null));
        assertEquals("layers[0].digest", e.path());
        assertTrue(e.getMessage().startsWith("OCI image manifest: layers[0].digest"), e.getMessage());

        String negativeSize = OCI_MANIFEST.replace("\"size\": 7023", "\"size\": -1");
        assertEquals("config.size", assertThrows(MalformedContentException.class,
                () -> Manifest.parse(bytes(negativeSize), null)).path());

        String fractionalSize = OCI_MANIFEST.replace("\"size\": 7023", "\"size\": 7.5");
        assertEquals("config.size", assertThrows(MalformedContentException.class,
                () -> Manifest.parse(bytes(fractionalSize), null)).path());

        String noConfig = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_MANIFEST + "\",\"layers\":[]}";
        assertEquals("config", assertThrows(MalformedContentException.class,
                () -> Manifest.parse(bytes(noConfig), null)).path());

        String wrongVersion = OCI_MANIFEST.replace("\"schemaVersion\": 2", "\"schemaVersion\": 3");
        assertEquals("schemaVersion", assertThrows(MalformedContentException.class,
                () -> Manifest.parse(bytes(wrongVersion), null)).path());

        String indexWithoutManifests = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_INDEX + "\"}";
        assertEquals("manifests", assertThrows(MalformedContentException.class,
                () -> Manifest.parse(bytes(indexWithoutManifests), null)).path());
    }

    @Test
    void invalidJsonAndDuplicateKeysAreMalformed() {
        assertThrows(MalformedContentException.class, () -> Manifest.parse(bytes("{"), null));
        assertThrows(MalformedContentException.class, () -> Manifest.parse(bytes("[]"), null));
        assertThrows(MalformedContentException.class, () -> Manifest.parse(bytes(""), null));
        assertThrows(MalformedContentException.class, () -> Manifest.parse(bytes(OCI_MANIFEST + "{}"), null));
        String duplicate = OCI_MANIFEST.replace("\"schemaVersion\": 2,", "\"schemaVersion\": 2, \"schemaVersion\": 2,");
        assertTrue(assertThrows(MalformedContentException.class, () -> Manifest.parse(bytes(duplicate), null))
                .getMessage().contains("Duplicate"));
    }

    @Test
    void manifestsAboveFourMebibytesAreRefusedBeforeParsing() {
        byte[] huge = new byte[Manifest.MAX_BYTES + 1];
        ContentTooLargeException e = assertThrows(ContentTooLargeException.class, () -> Manifest.parse(huge, null));
        assertEquals(Manifest.MAX_BYTES, e.limit());
    }

    @Test
    void parseWithExpectedDigestVerifiesTheBytes() {
        byte[] raw = bytes(OCI_MANIFEST);
        assertEquals(Digest.sha256(raw), Manifest.parse(raw, null, Digest.sha256(raw)).digest());
        assertThrows(DigestMismatchException.class, () -> Manifest.parse(raw, null, Digest.sha256(new byte[1])));
    }

    @Test
    void embeddedDataMustMatchItsDescriptor() {
        String withData = OCI_MANIFEST.replace("\"size\": 7023}", "\"size\": 7023, \"data\": \"e30=\"}");
        assertEquals("config.data", assertThrows(MalformedContentException.class,
                () -> Manifest.parse(bytes(withData), null)).path());
    }

    @Test
    void builderWritesCanonicalCompactJsonInSpecOrder() {
        Descriptor config = Descriptor.forContent(MediaType.OCI_CONFIG, bytes("{}"));
        Descriptor layer = Descriptor.forContent(MediaType.OCI_LAYER_TAR_GZIP, bytes("layer"));
        ImageManifest m = ImageManifest.builder().config(config).layer(layer)
                .annotation("b", "2").annotation("a", "1").build();
        String json = new String(m.bytes(), StandardCharsets.UTF_8);
        assertEquals("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
                + config.digest() + "\",\"size\":2},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\","
                + "\"digest\":\"" + layer.digest() + "\",\"size\":5}],\"annotations\":{\"a\":\"1\",\"b\":\"2\"}}", json);
        assertArrayEquals(m.bytes(), m.toBuilder().build().bytes());
    }

    @Test
    void dockerManifestsCannotCarryOciOnlyFields() {
        Descriptor config = Descriptor.forContent(MediaType.DOCKER_CONFIG, bytes("{}"));
        ImageManifest.Builder b = ImageManifest.builder().mediaType(MediaType.DOCKER_MANIFEST).config(config)
                .artifactType("application/x");
        assertThrows(IllegalStateException.class, b::build);
        assertThrows(IllegalStateException.class, () -> ImageManifest.builder().build());
        assertThrows(IllegalArgumentException.class, () -> ImageManifest.builder().mediaType(MediaType.OCI_INDEX));
    }

    @Test
    void indexFindsThePlatformWithNormalisationAndFallsBackToOlderVariants() {
        Descriptor amd = entry("amd", Platform.parse("linux/amd64"));
        Descriptor arm64 = entry("arm64", Platform.parse("linux/arm64/v8"));
        Descriptor armv6 = entry("armv6", Platform.parse("linux/arm/v6"));
        Descriptor armv5 = entry("armv5", Platform.parse("linux/arm/v5"));
        ManifestIndex index = ManifestIndex.builder().manifest(amd).manifest(arm64).manifest(armv5).manifest(armv6).build();
        assertEquals(arm64, index.find(Platform.parse("linux/arm64")).orElseThrow());
        assertEquals(arm64, index.find(Platform.parse("linux/aarch64")).orElseThrow());
        assertEquals(amd, index.find(Platform.parse("linux/x86_64")).orElseThrow());
        assertEquals(armv6, index.find(Platform.parse("linux/arm/v7")).orElseThrow());
        assertTrue(index.find(Platform.parse("linux/s390x")).isEmpty());
        assertEquals(4, index.platforms().size());
    }

    @Test
    void indexRoundTripKeepsPlatformsAndSubject() {
        Descriptor subject = Descriptor.forContent(MediaType.OCI_MANIFEST, bytes("subject"));
        ManifestIndex index = ManifestIndex.builder().manifest(entry("a", Platform.of("windows", "amd64", "",
                        "10.0.17763.1879", java.util.List.of("win32k"), java.util.List.of())))
                .subject(subject).artifactType("application/vnd.example").build();
        ManifestIndex parsed = (ManifestIndex) Manifest.parse(index.bytes(), null);
        assertEquals(index.manifests(), parsed.manifests());
        assertEquals(subject, parsed.subject().orElseThrow());
        assertEquals("application/vnd.example", parsed.artifactType().orElseThrow());
        assertEquals("10.0.17763.1879", parsed.platforms().get(0).osVersion());
        assertInstanceOf(ManifestIndex.class, parsed);
    }

    static Descriptor entry(String seed, Platform platform) {
        return Descriptor.forContent(MediaType.OCI_MANIFEST, bytes(seed)).withPlatform(platform);
    }
}
