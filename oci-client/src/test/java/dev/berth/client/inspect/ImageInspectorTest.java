package dev.berth.client.inspect;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.headRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.berth.client.RegistryClient;
import dev.berth.client.RetryPolicy;
import dev.berth.client.peers.Peer;
import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.MediaType;
import dev.berth.model.Platform;
import dev.berth.model.RegistryException;
import dev.berth.model.artifact.ArtifactKind;
import dev.berth.model.artifact.Artifacts;
import dev.berth.model.artifact.CosignTags;
import dev.berth.model.config.Annotations;
import dev.berth.model.config.ContainerConfig;
import dev.berth.model.config.HistoryEntry;
import dev.berth.model.config.ImageConfig;
import dev.berth.model.Extensions;
import dev.berth.model.manifest.ImageManifest;
import dev.berth.server.EmbeddedRegistry;
import dev.berth.testsupport.CosignFixtures;
import dev.berth.testsupport.OciLayoutImage;
import dev.berth.testsupport.OciLayoutIndex;
import dev.berth.testsupport.Skopeo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The detail view of an image, an index, a Helm chart and an SBOM, against both registries. */
class ImageInspectorTest {
    private static final Instant BUILT = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path dir;

    /** Pushes a configured image and returns its manifest. */
    static ImageManifest pushImage(RegistryClient client, String repository, String tag, String seed) throws Exception {
        byte[] tar = OciLayoutImage.tar("app.txt", seed.getBytes(StandardCharsets.UTF_8));
        Descriptor layer = client.pushBlob(repository, MediaType.OCI_LAYER_TAR_GZIP, OciLayoutImage.gzip(tar));
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Annotations.VERSION, "2.4.1");
        labels.put("org.label-schema.vcs-url", "https://example.org/app.git");
        ContainerConfig cc = new ContainerConfig("app:app", Set.of("8080/tcp"),
                List.of("PATH=/usr/local/bin:/usr/bin", "DB_PASSWORD=hunter2", "api_key=abc",
                        "DATABASE_URL=postgres://app:s3cret@db:5432/app", "MODE=prod"),
                List.of("/entrypoint.sh"), List.of("serve", "--port=8080"), Set.of("/data"), "/srv", labels, "SIGTERM",
                Extensions.none());
        ImageConfig config = ImageConfig.builder(Platform.parse("linux/arm64")).created(BUILT).author("Ada")
                .config(cc).diffId(Digest.sha256(tar))
                .history(HistoryEntry.builder().created(BUILT).createdBy("RUN |1 GITHUB_TOKEN=ghp_x /bin/sh -c make").build()).build();
        Descriptor configBlob = client.pushBlob(repository, MediaType.OCI_CONFIG, config.bytes());
        ImageManifest manifest = ImageManifest.builder().config(configBlob).layer(layer)
                .annotation(Annotations.TITLE, "The App").build();
        client.pushManifest(repository, tag, manifest);
        return manifest;
    }

    @ParameterizedTest
    @EnumSource(Peer.class)
    void anImageShowsItsConfigurationMaskedAndItsReferrers(Peer peer) throws Exception {
        try (Peer.Running registry = peer.start(dir)) {
            RegistryClient client = registry.client();
            ImageManifest image = pushImage(client, "team/app", "2.4.1", "image " + System.nanoTime());
            client.pushBlob("team/app", MediaType.OCI_EMPTY, Artifacts.EMPTY_JSON);
            Descriptor spdx = client.pushBlob("team/app", MediaType.SPDX_JSON, "{\"spdxVersion\":\"SPDX-2.3\"}"
                    .getBytes(StandardCharsets.UTF_8));
            ImageManifest sbom = Artifacts.manifest(MediaType.SPDX_JSON,
                    List.of(spdx.toBuilder().annotation(Annotations.TITLE, "sbom.spdx.json").build()),
                    image.descriptor(), Map.of(Annotations.CREATED, "2026-03-02T08:00:00Z"));
            client.pushManifest("team/app", sbom.digest().toString(), sbom);

            ImageDetails d = new ImageInspector(client).inspect("team/app", "2.4.1");

            assertEquals(image.digest(), d.digest());
            assertEquals(MediaType.OCI_MANIFEST, d.mediaType());
            assertEquals(2, d.schemaVersion());
            assertEquals(ArtifactKind.IMAGE, d.kind());
            assertEquals(image.totalSize(), d.totalSize());
            assertEquals(1, d.layers().size());
            assertEquals(image.layers().get(0).digest(), d.layers().get(0).digest());
            assertEquals(Optional.of(BUILT), d.created());
            assertEquals(Optional.of("Ada"), d.author());
            ContainerDetails c = d.config().orElseThrow();
            assertEquals(List.of("PATH=/usr/local/bin:/usr/bin", "DB_PASSWORD=********", "api_key=********",
                    "DATABASE_URL=postgres://app:********@db:5432/app", "MODE=prod"),
                    c.env().stream().map(EnvVar::toString).toList());
            assertEquals(List.of("/entrypoint.sh"), c.entrypoint());
            assertEquals(List.of("serve", "--port=8080"), c.cmd());
            assertEquals("/srv", c.workingDir());
            assertEquals(Set.of("8080/tcp"), c.exposedPorts());
            assertEquals("app:app", c.user());
            assertEquals(Platform.parse("linux/arm64"), c.platform());
            assertEquals("RUN |1 GITHUB_TOKEN=******** /bin/sh -c make", c.history().get(0).createdBy().orElseThrow());
            assertEquals(Optional.of("The App"), d.metadata().title());
            assertEquals(Optional.of("2.4.1"), d.metadata().version());
            assertEquals(Optional.of("https://example.org/app.git"), d.metadata().source());
            assertEquals(1, d.referrers().size());
            assertEquals(sbom.digest(), d.referrers().get(0).digest());
            assertEquals(ArtifactKind.SBOM, d.referrers().get(0).kind());

            ImageDetails s = new ImageInspector(client).inspect("team/app", sbom.digest().toString());
            assertEquals(ArtifactKind.SBOM, s.kind());
            assertEquals(Optional.of(MediaType.SPDX_JSON), s.artifactType());
            assertEquals(Optional.of(image.digest()), s.subject());
            assertEquals(Optional.of(Instant.parse("2026-03-02T08:00:00Z")), s.created());
            assertEquals(Optional.of("sbom.spdx.json"), s.layers().get(0).title());
            assertTrue(s.config().isEmpty());
        }
    }

    /**
     * Pushes what cosign pushes in its default (tag) mode for an image: a signature at {@code sha256-<hex>.sig}
     * (a simple-signing payload layer) and attestations at {@code .att} (one DSSE envelope layer each).
     *
     * @return the two attachment manifests, signature first
     */
    static List<ImageManifest> pushCosignAttachments(RegistryClient client, String repository, Digest subject,
                                                     List<byte[]> attestations) throws Exception {
        Descriptor config = client.pushBlob(repository, MediaType.OCI_CONFIG, CosignFixtures.config());
        Descriptor signed = client.pushBlob(repository, MediaType.COSIGN_SIMPLE_SIGNING, CosignFixtures.signaturePayload(subject))
                .toBuilder().annotation(CosignFixtures.SIGNATURE_ANNOTATION, "MEUCIQDexample").build();
        ImageManifest signature = ImageManifest.builder().config(config).layer(signed).build();
        client.pushManifest(repository, CosignTags.signatureTag(subject), signature);
        ImageManifest.Builder att = ImageManifest.builder().config(config);
        for (byte[] envelope : attestations) {
            att.layer(client.pushBlob(repository, MediaType.DSSE_ENVELOPE, envelope).toBuilder()
                    .annotation("predicateType", "https://cosign.sigstore.dev/attestation/vuln/v1").build());
        }
        ImageManifest attestation = att.build();
        client.pushManifest(repository, CosignTags.attestationTag(subject), attestation);
        return List.of(signature, attestation);
    }

    @ParameterizedTest
    @EnumSource(Peer.class)
    void cosignsAttachmentTagsShowAsReferrersOfTheirKind(Peer peer) throws Exception {
        try (Peer.Running registry = peer.start(dir)) {
            RegistryClient client = registry.client();
            ImageManifest image = pushImage(client, "team/signed", "1.0", "signed " + System.nanoTime());
            byte[] envelope = ("{\"payloadType\":\"application/vnd.in-toto+json\",\"payload\":\"e30=\",\"signatures\":[]}")
                    .getBytes(StandardCharsets.UTF_8);
            List<ImageManifest> attached = pushCosignAttachments(client, "team/signed", image.digest(), List.of(envelope));

            ImageDetails d = new ImageInspector(client).inspect("team/signed", "1.0");

            String hex = image.digest().encoded();
            assertEquals(List.of(ArtifactKind.SIGNATURE, ArtifactKind.ATTESTATION), d.referrers().stream()
                    .map(ImageDetails.Referrer::kind).toList());
            assertEquals(List.of(attached.get(0).digest(), attached.get(1).digest()), d.referrers().stream()
                    .map(ImageDetails.Referrer::digest).toList());
            assertEquals(List.of(Optional.of("sha256-" + hex + ".sig"), Optional.of("sha256-" + hex + ".att")),
                    d.referrers().stream().map(ImageDetails.Referrer::tag).toList());
            assertEquals(attached.get(1).bytes().length, d.referrers().get(1).size());

            assertEquals(attached.get(0).digest(), new ImageInspector(client).inspect("team/signed", "sha256-" + hex + ".sig")
                    .digest());
            // A configuration typed as an image's that is none ({} has no os): no container details, and no failure.
            Descriptor notAConfig = client.pushBlob("team/signed", MediaType.OCI_CONFIG, "{}".getBytes(StandardCharsets.UTF_8));
            client.pushManifest("team/signed", "odd", ImageManifest.builder().config(notAConfig)
                    .layer(attached.get(0).layers().get(0)).build());
            assertTrue(new ImageInspector(client).inspect("team/signed", "odd").config().isEmpty());
            List<dev.berth.client.tags.TagInfo> byDate = new dev.berth.client.tags.TagLister(client)
                    .list("team/signed", dev.berth.client.tags.TagQuery.byCreated());
            assertEquals("1.0", byDate.get(0).name(), "dated first: " + byDate);
            assertEquals(4, byDate.size(), "the odd one and the attachments listed all the same: " + byDate);

            ImageDetails unsigned = new ImageInspector(client).inspect("team/app",
                    pushImage(client, "team/app", "1.0", "unsigned " + System.nanoTime()).digest().toString());
            assertEquals(List.of(), unsigned.referrers(), "nothing at the other image's cosign tags");
        }
    }

    @Test
    void aRegistryRefusingTheLookUpOfCosignTagsStillGivesTheDetail() throws Exception {
        WireMockServer refusing = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        try (EmbeddedRegistry real = EmbeddedRegistry.builder().start()) {
            refusing.start();
            // The real registry behind, except for cosign's tags: 403 for a name it does not have, as some registries
            // answer; then a 500, which fails the detail like any other failure.
            refusing.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(real.baseUri().toString())));
            refusing.stubFor(head(urlMatching("/v2/team/app/manifests/sha256-[0-9a-f]+\\.(sig|att|sbom)")).atPriority(1)
                    .willReturn(aResponse().withStatus(403)));
            // Pushed to the registry itself (WireMock's proxy is for reading: it would re-encode gzip bodies).
            ImageManifest image = pushImage(RegistryClient.builder(real.baseUri().toString()).build(), "team/app", "1.0",
                    "refused " + System.nanoTime());
            RegistryClient client = RegistryClient.builder("http://127.0.0.1:" + refusing.port()).retry(RetryPolicy.NONE).build();
            ImageDetails d = new ImageInspector(client).inspect("team/app", "1.0");
            assertEquals(image.digest(), d.digest());
            assertEquals(List.of(), d.referrers());
            assertEquals(3, refusing.countRequestsMatching(headRequestedFor(
                    urlMatching("/v2/team/app/manifests/sha256-[0-9a-f]+\\.(sig|att|sbom)")).build()).getCount(), "all three refused");

            refusing.stubFor(head(urlMatching("/v2/team/app/manifests/sha256-[0-9a-f]+\\.sig")).atPriority(1)
                    .willReturn(aResponse().withStatus(500)));
            assertEquals(500, assertThrows(RegistryException.class,
                    () -> new ImageInspector(client).inspect("team/app", "1.0")).status());
        } finally {
            refusing.stop();
        }
    }

    @ParameterizedTest
    @EnumSource(Peer.class)
    void aHelmChartShowsItsChartMetadata(Peer peer) throws Exception {
        try (Peer.Running registry = peer.start(dir)) {
            RegistryClient client = registry.client();
            byte[] chartYaml = ("{\"apiVersion\":\"v2\",\"name\":\"nginx\",\"version\":\"15.4.2\",\"appVersion\":\"1.25.3\","
                    + "\"description\":\"NGINX web server\",\"type\":\"application\",\"keywords\":[\"http\",\"web\"],"
                    + "\"maintainers\":[{\"name\":\"Ops\",\"email\":\"ops@example.org\"}]}").getBytes(StandardCharsets.UTF_8);
            Descriptor config = client.pushBlob("charts/nginx", MediaType.HELM_CONFIG, chartYaml);
            Descriptor content = client.pushBlob("charts/nginx", MediaType.HELM_CHART_CONTENT,
                    OciLayoutImage.gzip(OciLayoutImage.tar("nginx/Chart.yaml", chartYaml)));
            ImageManifest chart = ImageManifest.builder().config(config).layer(content).build();
            client.pushManifest("charts/nginx", "15.4.2", chart);

            ImageDetails d = new ImageInspector(client).inspect("charts/nginx", "15.4.2");

            assertEquals(ArtifactKind.HELM_CHART, d.kind());
            assertEquals(Optional.of(MediaType.HELM_CONFIG), d.artifactType());
            var helm = d.helmChart().orElseThrow();
            assertEquals("nginx", helm.name());
            assertEquals("15.4.2", helm.version());
            assertEquals(Optional.of("1.25.3"), helm.appVersion());
            assertEquals("Ops", helm.maintainers().get(0).name());
            assertTrue(d.config().isEmpty());
            assertEquals(List.of(), d.referrers());
        }
    }

    @ParameterizedTest
    @EnumSource(Peer.class)
    void anIndexShowsItsPlatformsEachWithItsDigest(Peer peer) throws Exception {
        OciLayoutIndex layout = OciLayoutIndex.write(dir.resolve("in"), "multi", "inspect " + System.nanoTime(),
                List.of(Platform.parse("linux/amd64"), Platform.parse("linux/arm64")));
        try (Peer.Running registry = peer.start(dir)) {
            Skopeo.run("copy", "--all", "--dest-tls-verify=false", layout.skopeoName(), registry.docker("multi/app:1"));

            ImageDetails d = new ImageInspector(registry.client()).inspect("multi/app", "1");

            assertEquals(ArtifactKind.INDEX, d.kind());
            assertEquals(layout.index().digest(), d.digest());
            assertEquals(List.of(Optional.of(Platform.parse("linux/amd64")), Optional.of(Platform.parse("linux/arm64"))),
                    d.platforms().stream().map(ImageDetails.PlatformEntry::platform).toList());
            assertEquals(layout.manifests().get(1).digest(), d.platforms().get(1).digest());
            assertEquals(layout.manifests().get(1).totalSize(), d.platforms().get(1).size());
            long expected = layout.index().size() + layout.manifests().stream().mapToLong(ImageManifest::totalSize).sum();
            assertEquals(expected, d.totalSize());
            assertTrue(d.layers().isEmpty());
            assertFalse(d.config().isPresent());
        }
    }
}
