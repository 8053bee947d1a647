package dev.berth.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.model.config.ImageConfig;
import dev.berth.model.config.ImageMetadata;
import dev.berth.model.manifest.ImageManifest;
import dev.berth.model.manifest.Manifest;
import dev.berth.model.manifest.ManifestIndex;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Documents written by real tools (umoci, skopeo, buildah; see
 * src/test/real-world/make-fixtures.sh): each parses, keeps its exact bytes
 * and hashes to the digest the tool recorded for it.
 */
class RealWorldFixturesTest {

    /** One line of fixtures.tsv. */
    record Fixture(String file, String kind, String mediaType, Digest digest) {
        byte[] bytes() {
            return read(file);
        }

        @Override
        public String toString() {
            return file;
        }
    }

    static byte[] read(String file) {
        try (InputStream in = RealWorldFixturesTest.class.getResourceAsStream("/real-world/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Fixture> fixtures() {
        List<Fixture> all = new ArrayList<>();
        String[] lines = new String(read("fixtures.tsv"), StandardCharsets.UTF_8).split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split("\t");
            all.add(new Fixture(f[0], f[1], f[2], Digest.parse(f[3])));
        }
        assertTrue(all.size() >= 11, "every fixture is listed");
        return all.stream();
    }

    static Stream<Fixture> manifests() {
        return fixtures().filter(f -> !f.kind().equals("config"));
    }

    static Stream<Fixture> configs() {
        return fixtures().filter(f -> f.kind().equals("config"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifests")
    void everyManifestParsesKeepsItsBytesAndTheToolsDigest(Fixture f) {
        byte[] bytes = f.bytes();
        Manifest m = Manifest.parse(bytes, f.mediaType(), f.digest());
        assertEquals(f.digest(), m.digest());
        assertArrayEquals(bytes, m.bytes());
        assertEquals(f.mediaType(), m.mediaType());
        assertEquals(f.kind().equals("index"), m instanceof ManifestIndex);
        assertEquals(f.mediaType(), Manifest.parse(bytes, null).mediaType(), "detected without a Content-Type");
        assertEquals(f.mediaType(), Manifest.parse(bytes, "text/plain").mediaType(), "detected despite a wrong one");
        Manifest rebuilt = m instanceof ImageManifest im ? im.toBuilder().build() : ((ManifestIndex) m).toBuilder().build();
        assertEquals(m instanceof ImageManifest im2 ? im2.layers() : ((ManifestIndex) m).manifests(),
                rebuilt instanceof ImageManifest rb ? rb.layers() : ((ManifestIndex) rebuilt).manifests(),
                "the typed content survives a rebuild");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void everyConfigurationParsesAndKeepsTheToolsDigest(Fixture f) {
        ImageConfig c = ImageConfig.parse(f.bytes());
        assertEquals(f.digest(), c.digest());
        assertEquals("linux", c.platform().os());
        assertTrue(!c.diffIds().isEmpty());
    }

    @Test
    void umocisConfigurationIsReadInFull() {
        ImageConfig c = ImageConfig.parse(read("umoci-oci-config.json"));
        assertEquals(Platform.of("linux", "amd64"), c.platform());
        assertEquals("Berth fixtures", c.author().orElseThrow());
        assertEquals(Map.of("APP_MODE", "prod", "API_TOKEN", "not-a-real-token"), Map.copyOf(c.config().envMap()));
        assertEquals(List.of("/srv/app"), c.config().entrypoint());
        assertEquals(List.of("--serve"), c.config().cmd());
        assertEquals(Set.of("8080/tcp"), c.config().exposedPorts());
        assertEquals(Set.of("/data"), c.config().volumes());
        assertEquals("/srv", c.config().workingDir());
        assertEquals("1000:1000", c.config().user());
        assertEquals("SIGTERM", c.config().stopSignal());
        assertEquals(2, c.diffIds().size(), "two layers");
        assertTrue(c.history().stream().anyMatch(h -> h.createdBy().orElse("").equals("umoci config")));

        ImageManifest m = (ImageManifest) Manifest.parse(read("umoci-oci-manifest.json"), null);
        assertEquals(2, m.layers().size());
        assertEquals(c.digest(), m.config().digest());
        ImageMetadata meta = ImageMetadata.of(m.annotations(), c);
        assertEquals("berth-fixture", meta.title().orElseThrow());
        assertEquals("1.4.2", meta.version().orElseThrow());
        assertEquals("https://example.com/app.git", meta.source().orElseThrow());
        assertEquals("ops@example.com", meta.authors().orElseThrow());
    }

    @Test
    void multiPlatformIndexesFindTheirPlatforms() {
        for (String file : List.of("buildah-oci-index.json", "skopeo-docker-manifest-list.json")) {
            ManifestIndex index = (ManifestIndex) Manifest.parse(read(file), null);
            assertEquals(2, index.manifests().size());
            Descriptor arm = index.find(Platform.parse("linux/arm64")).orElseThrow();
            assertEquals("v8", arm.platform().orElseThrow().variant());
            assertEquals(arm, index.find(Platform.parse("linux/aarch64/v8")).orElseThrow());
            assertEquals("amd64", index.find(Platform.parse("linux/x86_64")).orElseThrow().platform().orElseThrow().architecture());
        }
        ManifestIndex list = (ManifestIndex) Manifest.parse(read("skopeo-docker-manifest-list.json"), null);
        Digest amdDocker = list.find(Platform.parse("linux/amd64")).orElseThrow().digest();
        assertEquals(Digest.sha256(read("skopeo-docker-v2s2-manifest.json")), amdDocker, "the list points at the v2s2 manifest");
    }

    @Test
    void dockerStyleConfigurationsKeepTheirExtraFields() {
        ImageConfig c = ImageConfig.parse(read("buildah-docker-config.json"));
        assertEquals(Set.of("9090"), c.config().exposedPorts());
        assertEquals(List.of("/scratch.txt"), c.config().cmd());
        assertTrue(c.extensions().names().contains("container_config"), c.extensions().names().toString());
        assertTrue(c.config().extensions().names().contains("Hostname"));
        assertEquals("built by buildah", c.labels().get("org.opencontainers.image.description"));
        ImageManifest docker = (ImageManifest) Manifest.parse(read("buildah-docker-manifest.json"), null);
        assertTrue(docker.isDocker());
        assertTrue(docker.layers().stream().allMatch(l -> MediaType.isImageLayer(l.mediaType())), "incl. uncompressed Docker layers");
        assertEquals(MediaType.DOCKER_CONFIG, docker.config().mediaType());
    }

    @Test
    void aLayoutsIndexJsonWithoutMediaTypeIsAnIndex() {
        ManifestIndex layout = (ManifestIndex) Manifest.parse(read("umoci-oci-layout-index.json"), null);
        assertEquals(MediaType.OCI_INDEX, layout.mediaType());
        assertEquals(Set.of("amd64", "arm64"), Set.copyOf(layout.manifests().stream()
                .map(d -> d.annotations().get("org.opencontainers.image.ref.name")).toList()));
    }
}
