package dev.berth.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.model.Digest;
import dev.berth.model.MediaType;
import dev.berth.model.Platform;
import dev.berth.model.manifest.ImageManifest;
import dev.berth.model.manifest.Manifest;
import dev.berth.model.manifest.ManifestIndex;
import dev.berth.testsupport.DistributionRegistry;
import dev.berth.testsupport.OciLayoutIndex;
import dev.berth.testsupport.Skopeo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** skopeo --all: multi-platform images between an OCI layout, Berth's registry and distribution 2.8. */
class MultiPlatformCopyTest {
    @TempDir
    Path dir;

    private static byte[] manifest(String base, String repo, String ref) throws Exception {
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/v2/" + repo
                + "/manifests/" + ref)).header("Accept", MediaType.MANIFEST_ACCEPT).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), base + " " + repo + ":" + ref);
        return r.body();
    }

    @Test
    void ociIndexRoundTripsThroughBerthAndDistributionByteIdentical() throws Exception {
        OciLayoutIndex layout = OciLayoutIndex.write(dir.resolve("in"), "multi", "mp " + System.nanoTime(),
                List.of(Platform.parse("linux/amd64"), Platform.parse("linux/arm64/v8"), Platform.parse("linux/arm/v7")));
        try (EmbeddedRegistry berth = EmbeddedRegistry.builder().storage(Storage.filesystem(dir.resolve("berth"))).start();
             DistributionRegistry distribution = DistributionRegistry.builder(dir.resolve("distribution")).start()) {
            String inBerth = "docker://" + berth.hostPort() + "/multi/app:1";
            String inDistribution = "docker://" + distribution.hostPort() + "/multi/app:1";
            Skopeo.run("copy", "--all", "--dest-tls-verify=false", layout.skopeoName(), inBerth);
            Skopeo.run("copy", "--all", "--src-tls-verify=false", "--dest-tls-verify=false", inBerth, inDistribution);
            Skopeo.run("copy", "--all", "--src-tls-verify=false", inDistribution, "oci:" + dir.resolve("out") + ":multi");

            byte[] fromBerth = manifest(berth.baseUri().toString(), "multi/app", "1");
            assertArrayEquals(layout.index().bytes(), fromBerth, "the index kept its exact bytes");
            assertArrayEquals(fromBerth, manifest(distribution.baseUrl(), "multi/app", "1"));
            ManifestIndex index = (ManifestIndex) Manifest.parse(fromBerth, null);
            for (ImageManifest m : layout.manifests()) {
                assertArrayEquals(m.bytes(), manifest(berth.baseUri().toString(), "multi/app", m.digest().toString()));
            }
            assertEquals(layout.manifests().get(1).digest(), index.find(Platform.parse("linux/arm64")).orElseThrow().digest());
            Path outIndex = dir.resolve("out/blobs/sha256").resolve(layout.index().digest().encoded());
            assertArrayEquals(layout.index().bytes(), Files.readAllBytes(outIndex));
        }
    }

    @Test
    void dockerManifestListsAreStoredAndServedAsSuch() throws Exception {
        OciLayoutIndex layout = OciLayoutIndex.write(dir.resolve("in"), "multi", "docker " + System.nanoTime(),
                List.of(Platform.parse("linux/amd64"), Platform.parse("linux/arm64/v8")));
        try (EmbeddedRegistry berth = EmbeddedRegistry.builder().start()) {
            String target = "docker://" + berth.hostPort() + "/docker/app:1";
            Skopeo.run("copy", "--all", "--format", "v2s2", "--dest-tls-verify=false", layout.skopeoName(), target);
            Manifest list = Manifest.parse(manifest(berth.baseUri().toString(), "docker/app", "1"), null);
            assertEquals(MediaType.DOCKER_MANIFEST_LIST, list.mediaType());
            String raw = Skopeo.run("inspect", "--raw", "--tls-verify=false", target);
            assertEquals(list.digest(), Digest.sha256(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertEquals(2, new ObjectMapper().readTree(raw).get("manifests").size());
        }
    }
}
