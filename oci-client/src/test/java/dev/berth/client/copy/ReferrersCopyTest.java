package dev.berth.client.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.client.RegistryClient;
import dev.berth.client.layout.OciLayout;
import dev.berth.client.peers.Peer;
import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.MediaType;
import dev.berth.model.artifact.Artifacts;
import dev.berth.model.manifest.ImageManifest;
import dev.berth.testsupport.OciLayoutImage;
import dev.berth.testsupport.Skopeo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Referrers (an SBOM of the image, a signature of the SBOM) travel with the image when asked. */
class ReferrersCopyTest {
    @TempDir
    Path dir;

    private static List<Digest> digests(List<Descriptor> entries) {
        return entries.stream().map(Descriptor::digest).toList();
    }

    @ParameterizedTest
    @EnumSource(Peer.class)
    void referrersAreCopiedRecursivelyAfterTheirSubject(Peer peer) throws Exception {
        OciLayoutImage image = OciLayoutImage.write(dir.resolve("in"), "v1", "referred " + System.nanoTime());
        try (Peer.Running registry = peer.start(dir)) {
            RegistryClient client = registry.client();
            Skopeo.run("copy", "--dest-tls-verify=false", image.skopeoName(), registry.docker("src/app:v1"));
            client.pushBlob("src/app", MediaType.OCI_EMPTY, Artifacts.EMPTY_JSON);
            Descriptor sbomBlob = client.pushBlob("src/app", MediaType.SPDX_JSON,
                    ("{\"spdxVersion\":\"SPDX-2.3\",\"name\":\"" + System.nanoTime() + "\"}").getBytes(StandardCharsets.UTF_8));
            ImageManifest sbom = Artifacts.manifest(MediaType.SPDX_JSON, List.of(sbomBlob), image.manifest().descriptor(),
                    Map.of("org.opencontainers.image.created", "2026-01-01T00:00:00Z"));
            client.pushManifest("src/app", sbom.digest().toString(), sbom);
            Descriptor sigBlob = client.pushBlob("src/app", MediaType.NOTARY_SIGNATURE,
                    "signature".getBytes(StandardCharsets.UTF_8));
            ImageManifest signature = Artifacts.manifest(MediaType.NOTARY_SIGNATURE, List.of(sigBlob), sbom.descriptor(), Map.of());
            client.pushManifest("src/app", signature.digest().toString(), signature);

            ImageCopier withReferrers = new ImageCopier(CopyOptions.builder().referrers(true).build());
            CopyResult result = withReferrers.copy(ImageLocation.registry(client, "src/app", "v1"),
                    ImageLocation.registry(client, "dst/app", "v1"));

            assertEquals(List.of(sbom.digest(), signature.digest()),
                    result.referrers().stream().map(m -> m.manifest().digest()).toList());
            assertEquals(image.manifest().digest(), result.referrers().get(0).subject().orElseThrow());
            assertEquals(List.of(sbom.digest()), digests(client.referrers("dst/app", image.manifest().digest())));
            assertEquals(List.of(signature.digest()), digests(client.referrers("dst/app", sbom.digest())));

            // Through a layout (referrers listed in index.json, as oras keeps them) and out again.
            OciLayout layout = OciLayout.create(dir.resolve("out"));
            withReferrers.copy(ImageLocation.registry(client, "src/app", "v1"), ImageLocation.layout(layout, "v1"));
            assertEquals(List.of(sbom.digest()), digests(layout.referrers(image.manifest().digest())));
            assertEquals(MediaType.SPDX_JSON, layout.referrers(image.manifest().digest()).get(0).artifactType().orElseThrow());
            withReferrers.copy(ImageLocation.layout(layout, "v1"), ImageLocation.registry(client, "again/app", "v1"));
            assertEquals(List.of(signature.digest()), digests(client.referrers("again/app", sbom.digest())));

            CopyResult plain = ImageCopier.withDefaults().copy(ImageLocation.registry(client, "src/app", "v1"),
                    ImageLocation.registry(client, "plain/app", "v1"));
            assertEquals(List.of(), plain.referrers());
            assertTrue(client.referrers("plain/app", image.manifest().digest()).isEmpty());
        }
    }
}
