package dev.berth.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.ErrorCode;
import dev.berth.model.InvalidReferenceException;
import dev.berth.model.MediaType;
import dev.berth.model.Page;
import dev.berth.model.RegistryException;
import dev.berth.model.artifact.Artifacts;
import dev.berth.model.manifest.ImageManifest;
import dev.berth.model.manifest.Manifest;
import dev.berth.testsupport.OciLayoutImage;
import dev.berth.testsupport.Skopeo;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link RegistryClient} must do against any registry. Subclasses run it
 * against distribution 2.8 and against Berth's embedded registry; where the
 * two legitimately differ (distribution ignores {@code n} on tag lists and
 * refuses to delete by tag) the subclass says so.
 */
abstract class RegistryClientContract {
    private static long seed = System.nanoTime();

    @TempDir
    Path dir;

    /** @return host:port of the registry under test */
    abstract String registry();

    /** @return whether the registry deletes a manifest by tag (spec v1.1) */
    abstract boolean deletesByTag();

    RegistryClient client() {
        return RegistryClient.builder(registry()).build();
    }

    static String repo(String name) {
        return "contract/" + name + "-" + Long.toHexString(seed++);
    }

    @Test
    void pingFindsTheRegistryOverPlainHttpOnLoopback() {
        Ping ping = client().ping();
        assertEquals("http", ping.baseUri().getScheme());
        assertEquals(Optional.of("registry/2.0"), ping.apiVersion());
        assertEquals("none", ping.authScheme());
    }

    @Test
    void aPushedImageReadsBackByteIdenticalAndSkopeoSeesTheSameDigest() throws Exception {
        RegistryClient client = client();
        String repository = repo("image");
        TestImages image = TestImages.random(seed, 300_000);
        Digest digest = image.push(client, repository, "1.0");
        assertEquals(image.manifest().digest(), digest);

        Manifest byTag = client.getManifest(repository, "1.0");
        assertArrayEquals(image.manifest().bytes(), byTag.bytes());
        assertEquals(MediaType.OCI_MANIFEST, byTag.mediaType());
        assertArrayEquals(image.manifest().bytes(), client.getManifest(repository, digest.toString()).bytes());
        Descriptor head = client.statManifest(repository, "1.0").orElseThrow();
        assertEquals(digest, head.digest());
        assertEquals(image.manifest().size(), head.size());
        assertEquals(MediaType.OCI_MANIFEST, head.mediaType());

        String raw = Skopeo.run("inspect", "--raw", "--tls-verify=false", "docker://" + registry() + "/" + repository + ":1.0");
        assertArrayEquals(image.manifest().bytes(), raw.getBytes(StandardCharsets.UTF_8));
        JsonNode inspected = new ObjectMapper().readTree(
                Skopeo.run("inspect", "--tls-verify=false", "docker://" + registry() + "/" + repository + ":1.0"));
        assertEquals(digest.toString(), inspected.get("Digest").asText());
        Path copied = dir.resolve("copied");
        Skopeo.run("copy", "--src-tls-verify=false", "docker://" + registry() + "/" + repository + ":1.0", "oci:" + copied + ":1.0");
        assertArrayEquals(image.layer(), Files.readAllBytes(copied.resolve("blobs/sha256/" + image.layerDescriptor().digest().encoded())));
    }

    @Test
    void anImageSkopeoPushedFromAnUmociLayoutIsPulledByteIdentical() throws Exception {
        Path layout = dir.resolve("umoci");
        Path rootfsFile = dir.resolve("hello.txt");
        Files.writeString(rootfsFile, "made by umoci " + seed);
        run("umoci", "init", "--layout", layout.toString());
        run("umoci", "new", "--image", layout + ":1.0");
        run("umoci", "insert", "--rootless", "--image", layout + ":1.0", rootfsFile.toString(), "/hello.txt");
        String repository = repo("umoci");
        Skopeo.run("copy", "--dest-tls-verify=false", "oci:" + layout + ":1.0", "docker://" + registry() + "/" + repository + ":1.0");

        JsonNode index = new ObjectMapper().readTree(layout.resolve("index.json").toFile());
        Digest local = Digest.parse(index.get("manifests").get(0).get("digest").asText());
        byte[] localBytes = Files.readAllBytes(layout.resolve("blobs/sha256/" + local.encoded()));
        RegistryClient client = client();
        ImageManifest pulled = (ImageManifest) client.getManifest(repository, "1.0");
        assertArrayEquals(localBytes, pulled.bytes(), "skopeo keeps an OCI manifest's bytes; so does Berth");
        for (Descriptor blob : concat(pulled.config(), pulled.layers())) {
            Path file = dir.resolve(blob.digest().encoded());
            client.getBlob(repository, blob, file, TransferListener.NONE);
            assertArrayEquals(Files.readAllBytes(layout.resolve("blobs/sha256/" + blob.digest().encoded())), Files.readAllBytes(file));
        }
    }

    @Test
    void anImageSkopeoPushedFromABerthLayoutIsPulledByteIdentical() throws Exception {
        OciLayoutImage image = OciLayoutImage.write(dir.resolve("layout"), "1.0", "berth layout " + seed);
        String repository = repo("layout");
        Skopeo.run("copy", "--dest-tls-verify=false", image.skopeoName(), "docker://" + registry() + "/" + repository + ":1.0");
        RegistryClient client = client();
        assertArrayEquals(image.manifest().bytes(), client.getManifest(repository, "1.0").bytes());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        client.getBlob(repository, image.layer(), out, TransferListener.NONE);
        assertArrayEquals(Files.readAllBytes(image.dir().resolve("blobs/sha256/" + image.layer().digest().encoded())), out.toByteArray());
    }

    @Test
    void blobsStreamToFilesResumeFromAPartialFileAndReadByRange() throws Exception {
        RegistryClient client = client();
        String repository = repo("blobs");
        TestImages image = TestImages.random(seed, 1_000_003);
        Descriptor layer = client.pushBlob(repository, MediaType.OCI_LAYER_TAR, image.layer());
        assertEquals(Optional.of(layer.size()), client.statBlob(repository, layer.digest()).map(Descriptor::size));

        Path file = dir.resolve("layer");
        Files.write(dir.resolve("layer.partial"), Arrays.copyOf(image.layer(), 400_000));
        AtomicLong reported = new AtomicLong();
        client.getBlob(repository, layer, file, new TransferListener() {
            @Override
            public void progress(Descriptor blob, long transferred) {
                reported.set(transferred);
            }
        });
        assertArrayEquals(image.layer(), Files.readAllBytes(file));
        assertFalse(Files.exists(dir.resolve("layer.partial")));
        assertEquals(layer.size(), reported.get(), "progress counts the resumed part too");

        try (InputStream in = client.openBlobRange(repository, layer.digest(), 1000, 5000)) {
            assertArrayEquals(Arrays.copyOfRange(image.layer(), 1000, 6000), in.readAllBytes());
        }
        try (InputStream in = client.openBlob(repository, layer)) {
            assertArrayEquals(image.layer(), in.readAllBytes());
        }
        client.deleteBlob(repository, layer.digest());
        assertEquals(Optional.empty(), client.statBlob(repository, layer.digest()));
    }

    @Test
    void chunkedAndStreamedUploadsArriveIntact() throws Exception {
        RegistryClient chunked = RegistryClient.builder(registry()).chunkSize(256 * 1024).build();
        String repository = repo("chunked");
        TestImages image = TestImages.random(seed, 1_000_123);
        Descriptor blob = image.layerDescriptor();
        assertEquals(TransferListener.Outcome.TRANSFERRED,
                chunked.pushBlob(repository, blob, BlobSource.of(image.layer()), TransferListener.NONE));
        assertEquals(TransferListener.Outcome.ALREADY_PRESENT,
                chunked.pushBlob(repository, blob, BlobSource.of(image.layer()), TransferListener.NONE));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        chunked.getBlob(repository, blob, out, TransferListener.NONE);
        assertArrayEquals(image.layer(), out.toByteArray());

        byte[] streamed = TestImages.random(seed + 1, 700_001).layer();
        Descriptor committed;
        try (BlobUpload upload = chunked.startUpload(repository, TransferListener.NONE)) {
            for (int i = 0; i < streamed.length; i += 77_777) {
                upload.write(streamed, i, Math.min(77_777, streamed.length - i));
            }
            committed = upload.commit();
        }
        assertEquals(Digest.sha256(streamed), committed.digest());
        assertEquals(streamed.length, committed.size());
        assertEquals(Optional.of((long) streamed.length), chunked.statBlob(repository, committed.digest()).map(Descriptor::size));

        byte[] abandoned = TestImages.random(seed + 2, 10_000).layer();
        try (BlobUpload upload = chunked.startUpload(repository, TransferListener.NONE)) {
            upload.write(abandoned, 0, abandoned.length);
            upload.cancel();
            assertThrows(IllegalStateException.class, upload::commit);
        }
        assertEquals(Optional.empty(), chunked.statBlob(repository, Digest.sha256(abandoned)));
    }

    @Test
    void blobsMountAcrossRepositoriesAndAMissingOneIsDeclined() {
        RegistryClient client = client();
        String from = repo("mount-from");
        String to = repo("mount-to");
        TestImages image = TestImages.random(seed, 20_000);
        Descriptor layer = client.pushBlob(from, MediaType.OCI_LAYER_TAR, image.layer());
        assertEquals(TransferListener.Outcome.MOUNTED,
                client.pushBlob(to, layer, BlobSource.of(image.layer()), from, TransferListener.NONE));
        assertTrue(client.statBlob(to, layer.digest()).isPresent());
        Digest unknown = Digest.sha256(("nobody has " + seed).getBytes(StandardCharsets.UTF_8));
        assertFalse(client.mountBlob(to, unknown, from));
    }

    @Test
    void tagsAndCatalogAreListedWhateverTheRegistryDoesWithPagination() {
        RegistryClient client = client();
        String repository = repo("tags");
        TestImages image = TestImages.random(seed, 1000);
        List<String> tags = List.of("1.0", "1.1", "2.0", "latest", "a", "b", "c");
        for (String tag : tags) {
            image.push(client, repository, tag);
        }
        assertEquals(new TreeSet<>(tags), client.tags(repository).collect(Collectors.toCollection(TreeSet::new)));
        assertEquals(tags.size(), client.tags(repository).count(), "no tag listed twice");

        TreeSet<String> paged = new TreeSet<>();
        String last = null;
        for (int pages = 0; pages < 10; pages++) {
            Page<String> page = last == null ? client.tagsPage(repository, 3) : client.tagsPage(repository, 3, last);
            paged.addAll(page.items());
            if (page.next().isEmpty()) {
                break;
            }
            last = page.next().get();
        }
        assertEquals(new TreeSet<>(tags), paged);
        assertTrue(client.catalog().anyMatch(repository::equals));
        Page<String> first = client.catalogPage(1);
        assertEquals(1, first.items().size());
        assertTrue(first.next().isPresent(), "more repositories follow");
    }

    @Test
    void referrersAreFoundThroughTheApiOrTheTagSchemaFallbackAndLeaveWithTheirManifest() {
        RegistryClient client = client();
        String repository = repo("referrers");
        TestImages image = TestImages.random(seed, 2000);
        Digest subject = image.push(client, repository, "1.0");
        byte[] sbom = "{\"spdxVersion\":\"SPDX-2.3\"}".getBytes(StandardCharsets.UTF_8);
        Descriptor sbomBlob = client.pushBlob(repository, MediaType.SPDX_JSON, sbom);
        client.pushBlob(repository, MediaType.OCI_EMPTY, Artifacts.EMPTY_JSON);
        ImageManifest artifact = Artifacts.manifest(MediaType.SPDX_JSON, List.of(sbomBlob),
                image.manifest().descriptor(), java.util.Map.of("org.opencontainers.image.created", "2026-11-29T00:00:00Z"));
        PushedManifest pushed = client.pushManifest(repository, artifact.digest().toString(), artifact);

        List<Descriptor> referrers = client.referrers(repository, subject);
        assertEquals(List.of(artifact.digest()), referrers.stream().map(Descriptor::digest).toList());
        assertEquals(Optional.of(MediaType.SPDX_JSON), referrers.get(0).artifactType());
        assertEquals("2026-11-29T00:00:00Z", referrers.get(0).annotations().get("org.opencontainers.image.created"));
        assertEquals(List.of(), client.referrers(repository, subject, MediaType.CYCLONEDX_JSON));
        assertEquals(1, client.referrers(repository, subject, MediaType.SPDX_JSON).size());
        assertEquals(hasReferrersApi(), pushed.subject().isPresent(), "OCI-Subject comes only with the referrers API");

        client.deleteManifest(repository, artifact.digest());
        assertEquals(List.of(), client.referrers(repository, subject));
    }

    /** @return whether the registry implements the referrers API */
    abstract boolean hasReferrersApi();

    @Test
    void deletingManifestsAndTags() {
        RegistryClient client = client();
        String repository = repo("delete");
        TestImages image = TestImages.random(seed, 1500);
        Digest digest = image.push(client, repository, "1.0");
        image.push(client, repository, "keep");
        if (deletesByTag()) {
            client.deleteTag(repository, "1.0");
            assertEquals(Optional.empty(), client.statManifest(repository, "1.0"));
            assertTrue(client.statManifest(repository, "keep").isPresent(), "only the tag went");
        } else {
            RegistryException refused = assertThrows(RegistryException.class, () -> client.deleteTag(repository, "1.0"));
            assertTrue(refused.hasCode(ErrorCode.DIGEST_INVALID) || refused.hasCode(ErrorCode.UNSUPPORTED), refused.getMessage());
        }
        client.deleteManifest(repository, digest);
        RegistryException gone = assertThrows(RegistryException.class, () -> client.getManifest(repository, digest.toString()));
        assertEquals(404, gone.status());
        assertTrue(gone.hasCode(ErrorCode.MANIFEST_UNKNOWN), gone.getMessage());
        assertEquals(Optional.empty(), client.statManifest(repository, "keep"));
    }

    @Test
    void badRequestsFailWithTypedErrorsNamingTheProblem() {
        RegistryClient client = client();
        String repository = repo("errors");
        RegistryException unknown = assertThrows(RegistryException.class, () -> client.getManifest(repository, "nope"));
        assertEquals(404, unknown.status());
        assertTrue(unknown.getMessage().contains(repository + ":nope"), unknown.getMessage());
        assertThrows(InvalidReferenceException.class, () -> client.getManifest("../etc", "1.0"));
        assertThrows(InvalidReferenceException.class, () -> client.getManifest("UPPER/case", "1.0"));

        TestImages image = TestImages.random(seed, 100);
        RegistryException missingBlobs = assertThrows(RegistryException.class,
                () -> client.pushManifest(repository, "1.0", image.manifest()));
        assertTrue(missingBlobs.hasCode(ErrorCode.MANIFEST_BLOB_UNKNOWN), missingBlobs.getMessage());
        assertThrows(dev.berth.model.SizeMismatchException.class, () -> client.pushBlob(repository, image.layerDescriptor(),
                BlobSource.of(new byte[5]), TransferListener.NONE));
    }

    private static List<Descriptor> concat(Descriptor first, List<Descriptor> rest) {
        List<Descriptor> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + out);
        }
    }
}
