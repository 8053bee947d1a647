package dev.berth.client.copy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.client.BlobSource;
import dev.berth.client.RegistryClient;
import dev.berth.client.TransferListener;
import dev.berth.client.image.Image;
import dev.berth.client.image.ImageIndex;
import dev.berth.client.image.Layer;
import dev.berth.client.layout.OciLayout;
import dev.berth.client.peers.Peer;
import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.DigestMismatchException;
import dev.berth.model.MediaType;
import dev.berth.model.Platform;
import dev.berth.model.UnsupportedManifestException;
import dev.berth.model.config.ContainerConfig;
import dev.berth.model.config.ImageConfig;
import dev.berth.model.manifest.ImageManifest;
import dev.berth.model.manifest.Manifest;
import dev.berth.testsupport.OciLayoutImage;
import dev.berth.testsupport.Skopeo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every end of a copy in one loop: an image built in memory, a registry, an OCI archive, a layout, a
 * docker save archive and memory again; and skopeo reading what Berth writes and the other way round.
 */
class ArchiveCopyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static Image image(String seed, Platform platform) throws IOException {
        return image(seed, platform, true);
    }

    // skopeo compresses a plain tar layer on its way to a layout or a registry: plainLayer false keeps digests
    static Image image(String seed, Platform platform, boolean plainLayer) throws IOException {
        byte[] app = OciLayoutImage.tar("app.txt", ("app " + seed).getBytes(StandardCharsets.UTF_8));
        byte[] base = OciLayoutImage.tar("base.txt", ("base " + seed).getBytes(StandardCharsets.UTF_8));
        return Image.builder(platform)
                .config(ContainerConfig.builder().entrypoint("/bin/app").cmd("--port", "8080").env("MODE", "test")
                        .exposedPort("8080/tcp").label("seed", seed).build())
                .layer(Layer.gzip(base))
                .layer(plainLayer ? Layer.tar(app) : Layer.gzip(app))
                .annotation("org.opencontainers.image.title", "berth test")
                .build();
    }

    @ParameterizedTest
    @EnumSource(Peer.class)
    void anImageGoesThroughEveryEndAndComesBackTheSame(Peer peer) throws Exception {
        Image image = image("every end " + System.nanoTime(), Platform.parse("linux/amd64"));
        ImageCopier copier = ImageCopier.withDefaults();
        Path ociTar = dir.resolve("image.oci.tar");
        Path dockerTar = dir.resolve("image.docker.tar");
        try (Peer.Running registry = peer.start(dir)) {
            RegistryClient client = registry.client();
            CopyResult pushed = copier.copy(ImageLocation.of(image), ImageLocation.registry(client, "every/end", "1"));
            assertEquals(image.manifest().digest(), pushed.destination().digest());
            assertArrayEquals(image.manifest().bytes(), client.getManifest("every/end", "1").bytes());

            copier.copy(ImageLocation.registry(client, "every/end", "1"), ImageLocation.ociArchive(ociTar, "one"));
            OciLayout layout = OciLayout.create(dir.resolve("layout"));
            copier.copy(ImageLocation.ociArchive(ociTar, "one"), ImageLocation.layout(layout, "two"));
            assertEquals(image.manifest().digest(), layout.resolve("two").digest());

            copier.copy(ImageLocation.layout(layout, "two"), ImageLocation.dockerArchive(dockerTar, "every/end:3"));
            InMemoryImages memory = new InMemoryImages();
            CopyResult loaded = copier.copy(ImageLocation.dockerArchive(dockerTar, "every/end:3"),
                    ImageLocation.memory(memory, "four"));
            // docker save keeps the configuration and the layers, not the manifest: Berth writes it anew
            ImageManifest fromDocker = (ImageManifest) memory.getManifest("four");
            assertEquals(MediaType.DOCKER_MANIFEST, fromDocker.mediaType());
            assertEquals(image.config().digest(), fromDocker.config().digest());
            assertEquals(image.manifest().layers().stream().map(Descriptor::digest).toList(),
                    fromDocker.layers().stream().map(Descriptor::digest).toList());
            assertEquals(List.of(MediaType.DOCKER_LAYER, MediaType.DOCKER_LAYER_TAR),
                    fromDocker.layers().stream().map(Descriptor::mediaType).toList());
            assertEquals(3, loaded.blobCount(TransferListener.Outcome.TRANSFERRED));

            Image back = memory.image("four");
            assertArrayEquals(image.config().bytes(), back.config().bytes());
            CopyResult again = copier.copy(ImageLocation.of(back), ImageLocation.registry(client, "every/end", "5"));
            // the same OCI manifest, rebuilt without the annotation that docker save does not keep
            assertEquals(image.manifest().toBuilder().annotations(java.util.Map.of()).build().digest(),
                    again.destination().digest());
            assertEquals(3, again.blobCount(TransferListener.Outcome.ALREADY_PRESENT));
        }
    }

    @Test
    void anIndexBuiltInMemoryKeepsItsDigestThroughLayoutAndArchive() throws Exception {
        String seed = "index " + System.nanoTime();
        ImageIndex index = ImageIndex.builder().image(image(seed, Platform.parse("linux/amd64")))
                .image(image(seed, Platform.parse("linux/arm64/v8"))).annotation("team", "berth").build();
        ImageCopier copier = ImageCopier.withDefaults();
        OciLayout layout = OciLayout.create(dir.resolve("layout"));
        copier.copy(ImageLocation.of(index), ImageLocation.layout(layout, "multi"));
        Path tar = dir.resolve("multi.tar");
        copier.copy(ImageLocation.layout(layout, "multi"), ImageLocation.ociArchive(tar, "multi"));
        InMemoryImages memory = new InMemoryImages();
        CopyResult r = copier.copy(ImageLocation.ociArchive(tar, "multi"), ImageLocation.memory(memory, "m"));
        assertEquals(index.manifest().digest(), r.destination().digest());
        assertEquals(3, r.manifests().size());
        assertArrayEquals(index.manifest().bytes(), memory.getManifest("m").bytes());
        assertEquals(List.of("m"), memory.tags());

        // docker save holds single images: an index is refused, and nothing is left behind
        Path docker = dir.resolve("multi.docker.tar");
        assertThrows(UnsupportedManifestException.class,
                () -> copier.copy(ImageLocation.memory(memory, "m"), ImageLocation.dockerArchive(docker, "x:1")));
        assertFalse(Files.exists(docker));
        assertEquals(List.of(), temporaryFiles());
        // one platform of it is fine
        new ImageCopier(CopyOptions.builder().platforms(PlatformSelection.image(Platform.parse("linux/arm64"))).build())
                .copy(ImageLocation.memory(memory, "m"), ImageLocation.dockerArchive(docker, "x:1"));
        assertEquals(index.images().get(1).config().digest(),
                ((ImageManifest) ImageLocation.dockerArchive(docker, "x:1").openSource().getManifest("x:1"))
                        .config().digest());
    }

    @Test
    void aCorruptLayerFailsTypedAndLeavesNoArchive() throws Exception {
        byte[] tar = OciLayoutImage.tar("a.txt", "good".getBytes(StandardCharsets.UTF_8));
        Layer good = Layer.tar(tar);
        byte[] evil = tar.clone();
        evil[600] ^= 1;
        Layer lying = Layer.of(good.descriptor(), good.diffId(), BlobSource.of(evil));
        Image image = Image.builder(Platform.parse("linux/amd64")).layer(lying).build();
        Path archive = dir.resolve("corrupt.tar");
        for (ImageLocation target : List.of(ImageLocation.ociArchive(archive, "t"),
                ImageLocation.dockerArchive(archive, "t:1"))) {
            DigestMismatchException e = assertThrows(DigestMismatchException.class,
                    () -> ImageCopier.withDefaults().copy(ImageLocation.of(image), target));
            assertEquals(good.descriptor().digest(), e.expected());
            assertFalse(Files.exists(archive));
            assertEquals(List.of(), temporaryFiles());
        }
    }

    @Test
    void skopeoReadsBerthsArchivesAndBerthReadsSkopeos() throws Exception {
        Image image = image("skopeo " + System.nanoTime(), Platform.parse("linux/amd64"), false);
        ImageCopier copier = ImageCopier.withDefaults();

        Path berthOci = dir.resolve("berth.oci.tar");
        copier.copy(ImageLocation.of(image), ImageLocation.ociArchive(berthOci, "v1"));
        Skopeo.run("copy", "oci-archive:" + berthOci + ":v1", "oci:" + dir.resolve("from-oci-archive") + ":v1");
        assertArrayEquals(image.manifest().bytes(), OciLayout.open(dir.resolve("from-oci-archive")).getManifest("v1").bytes());

        Path berthDocker = dir.resolve("berth.docker.tar");
        copier.copy(ImageLocation.of(image), ImageLocation.dockerArchive(berthDocker, "team/app:1.0"));
        JsonNode inspected = JSON.readTree(Skopeo.run("inspect", "docker-archive:" + berthDocker));
        assertEquals("amd64", inspected.path("Architecture").asText());
        assertEquals(image.config().diffIds().stream().map(Digest::toString).toList(),
                JSON.convertValue(inspected.path("Layers"), List.class));
        Skopeo.run("copy", "docker-archive:" + berthDocker + ":team/app:1.0", "oci:" + dir.resolve("from-docker") + ":v1");
        Manifest viaSkopeo = OciLayout.open(dir.resolve("from-docker")).getManifest("v1");
        assertEquals(image.config().diffIds(), ImageConfig.parse(OciLayout.open(dir.resolve("from-docker"))
                .getBlob(((ImageManifest) viaSkopeo).config(), ImageConfig.MAX_BYTES)).diffIds());

        // skopeo's own archives: docker-archive with legacy layer directories and symlinks, and oci-archive
        Path skopeoDocker = dir.resolve("skopeo.docker.tar");
        Skopeo.run("copy", "oci-archive:" + berthOci + ":v1", "docker-archive:" + skopeoDocker + ":team/app:2.0");
        InMemoryImages memory = new InMemoryImages();
        copier.copy(ImageLocation.dockerArchive(skopeoDocker, "team/app:2.0"), ImageLocation.memory(memory, "d"));
        copier.copy(ImageLocation.dockerArchive(skopeoDocker, "docker.io/team/app:2.0"), ImageLocation.memory(memory, "d2"));
        copier.copy(ImageLocation.dockerArchive(skopeoDocker, null), ImageLocation.memory(memory, "d3"));
        ImageManifest read = (ImageManifest) memory.getManifest("d");
        assertEquals(image.config().digest(), read.config().digest());
        // skopeo stores layers uncompressed: their digests are the diff IDs
        assertEquals(image.config().diffIds(), read.layers().stream().map(Descriptor::digest).toList());
        assertEquals(read.digest(), memory.getManifest("d3").digest());

        Path skopeoOci = dir.resolve("skopeo.oci.tar");
        Skopeo.run("copy", "oci-archive:" + berthOci + ":v1", "oci-archive:" + skopeoOci + ":again");
        CopyResult r = copier.copy(ImageLocation.ociArchive(skopeoOci, "again"), ImageLocation.memory(memory, "o"));
        assertEquals(image.manifest().digest(), r.destination().digest());
    }

    @Test
    void anImageBuiltInMemoryIsWhatSkopeoInspectsAtDistribution() throws Exception {
        Image image = image("inspect " + System.nanoTime(), Platform.parse("linux/arm64/v8"));
        try (Peer.Running registry = Peer.DISTRIBUTION.start(dir)) {
            ImageCopier.withDefaults().copy(ImageLocation.of(image),
                    ImageLocation.registry(registry.client(), "memory/app", "1.0"));
            JsonNode inspected = JSON.readTree(Skopeo.run("inspect", "--tls-verify=false",
                    registry.docker("memory/app:1.0")));
            assertEquals(image.manifest().digest().toString(), inspected.path("Digest").asText());
            assertEquals("arm64", inspected.path("Architecture").asText());
            assertEquals("linux", inspected.path("Os").asText());
            assertEquals(image.manifest().layers().stream().map(d -> d.digest().toString()).toList(),
                    JSON.convertValue(inspected.path("Layers"), List.class));
            assertTrue(JSON.convertValue(inspected.path("Env"), List.class).contains("MODE=test"));
            assertEquals(image.config().labels().get("seed"), inspected.path("Labels").path("seed").asText());
            String raw = Skopeo.run("inspect", "--raw", "--tls-verify=false", registry.docker("memory/app:1.0"));
            assertArrayEquals(image.manifest().bytes(), raw.getBytes(StandardCharsets.UTF_8));
        }
    }

    private List<Path> temporaryFiles() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }
}
