package dev.berth.examples.it;

import dev.berth.auth.Credential;
import dev.berth.auth.CredentialProvider;
import dev.berth.auth.CredentialProviders;
import dev.berth.client.RegistryClient;
import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.MediaType;
import dev.berth.model.Platform;
import dev.berth.model.artifact.Artifacts;
import dev.berth.model.artifact.CosignTags;
import dev.berth.model.config.Annotations;
import dev.berth.model.config.ContainerConfig;
import dev.berth.model.config.ImageConfig;
import dev.berth.model.manifest.ImageManifest;
import dev.berth.testsupport.CosignFixtures;
import dev.berth.testsupport.OciLayoutImage;
import dev.berth.testsupport.Skopeo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the browser test puts in a registry: {@code team/app} at three semantic versions (1.2.0,
 * 1.9.3, 1.10.0, so that a sort by name and a sort by version differ), {@code latest} on the same
 * manifest as 1.10.0 and {@code tools/cli:0.1.0}, written as one OCI image layout with Berth's model
 * and pushed by skopeo; and an SPDX SBOM referring to 1.10.0, attached through the SDK.
 */
final class SampleImages {
    /** The SPDX document's package count, which the detail view shows. */
    static final int SBOM_PACKAGES = 3;
    /** A label value that is markup: the page must show it as text (registry data is hostile input). */
    static final String HOSTILE_LABEL = "<img src=x onerror=\"document.title='pwned'\">";

    private final Path layout;
    private final Map<String, ImageManifest> manifests = new LinkedHashMap<>();
    private final ImageManifest sbom;

    private final byte[] spdx;

    private SampleImages(Path layout, ImageManifest sbom, byte[] spdx) {
        this.layout = layout;
        this.sbom = sbom;
        this.spdx = spdx;
    }

    /** Writes the layout into {@code dir}; {@code salt} makes its content unique (no mounts from skopeo's cache). */
    static SampleImages write(Path dir, String salt) throws IOException {
        Path blobs = Files.createDirectories(dir.resolve("blobs/sha256"));
        Map<String, ImageManifest> images = new LinkedHashMap<>();
        List<String> index = new ArrayList<>();
        Map<String, Instant> versions = Map.of("1.2.0", Instant.parse("2026-11-01T10:00:00Z"),
                "1.9.3", Instant.parse("2026-11-02T10:00:00Z"), "1.10.0", Instant.parse("2026-11-03T10:00:00Z"));
        for (String version : List.of("1.2.0", "1.9.3", "1.10.0")) {
            ImageManifest m = image(blobs, "team/app " + version + " " + salt, version, versions.get(version));
            images.put(version, m);
            index.add(entry(m, version));
        }
        ImageManifest cli = image(blobs, "tools/cli " + salt, "0.1.0", Instant.parse("2026-10-01T08:00:00Z"));
        images.put("cli", cli);
        index.add(entry(cli, "cli"));

        byte[] spdx = ("{\"spdxVersion\":\"SPDX-2.3\",\"SPDXID\":\"SPDXRef-DOCUMENT\",\"name\":\"team/app-" + salt + "\","
                + "\"dataLicense\":\"CC0-1.0\",\"packages\":["
                + "{\"SPDXID\":\"SPDXRef-openssl\",\"name\":\"openssl\",\"versionInfo\":\"3.0.13\"},"
                + "{\"SPDXID\":\"SPDXRef-zlib\",\"name\":\"zlib\",\"versionInfo\":\"1.3.1\"},"
                + "{\"SPDXID\":\"SPDXRef-busybox\",\"name\":\"busybox\",\"versionInfo\":\"1.36.1\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        Descriptor sbomBlob = Descriptor.forContent(MediaType.SPDX_JSON, spdx);
        ImageManifest sbom = Artifacts.manifest(MediaType.SPDX_JSON, List.of(sbomBlob), images.get("1.10.0").descriptor(),
                Map.of(Annotations.CREATED, "2026-11-04T12:00:00Z"));

        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        Files.writeString(dir.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[" + String.join(",", index) + "]}");
        SampleImages set = new SampleImages(dir, sbom, spdx);
        set.manifests.putAll(images);
        return set;
    }

    /**
     * Pushes everything to {@code hostPort} with skopeo over plain HTTP.
     *
     * @param credentials {@code user:password}, or null for an anonymous registry
     */
    void push(String hostPort, String credentials) throws IOException, InterruptedException {
        for (String version : List.of("1.2.0", "1.9.3", "1.10.0")) {
            copy(version, hostPort + "/team/app:" + version, credentials);
        }
        copy("1.10.0", hostPort + "/team/app:latest", credentials);
        copy("cli", hostPort + "/tools/cli:0.1.0", credentials);
        // skopeo 1.9 cannot write a referrers index as it is (--preserve-digests refuses any list), so the SBOM is
        // attached as oras or cosign attach it, through the SDK: by digest, with the subject's fallback index updated
        // where the registry has no referrers API (distribution 2.8).
        CredentialProvider creds = credentials == null ? r -> Optional.empty() : CredentialProviders.of(hostPort,
                Credential.basic(credentials.substring(0, credentials.indexOf(':')), credentials.substring(credentials.indexOf(':') + 1)));
        try (RegistryClient client = RegistryClient.builder(hostPort).credentials(creds).build()) {
            client.pushBlob("team/app", MediaType.SPDX_JSON, spdx);
            client.pushBlob("team/app", MediaType.OCI_EMPTY, Artifacts.EMPTY_JSON);
            client.pushManifest("team/app", sbom.digest().toString(), sbom);
            // A signature as cosign stores it by default (and only can on distribution 2.8): at sha256-<hex>.sig.
            Digest signed = manifests.get("1.10.0").digest();
            Descriptor config = client.pushBlob("team/app", MediaType.OCI_CONFIG, CosignFixtures.config());
            Descriptor payload = client.pushBlob("team/app", MediaType.COSIGN_SIMPLE_SIGNING, CosignFixtures.signaturePayload(signed));
            client.pushManifest("team/app", CosignTags.signatureTag(signed), ImageManifest.builder().config(config)
                    .layer(payload.toBuilder().annotation(CosignFixtures.SIGNATURE_ANNOTATION, "MEUCIQ").build()).build());
        }
    }

    private void copy(String ref, String destination, String credentials) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("copy", "--preserve-digests", "--dest-tls-verify=false"));
        if (credentials != null) {
            args.add("--dest-creds=" + credentials);
        }
        args.add("oci:" + layout + ":" + ref);
        args.add("docker://" + destination);
        Skopeo.run(args.toArray(String[]::new));
    }

    /** @return the manifest digest of {@code team/app:VERSION} (or "cli") */
    Digest digest(String version) {
        return manifests.get(version).digest();
    }

    Digest sbomDigest() {
        return sbom.digest();
    }

    private static ImageManifest image(Path blobs, String content, String version, Instant created) throws IOException {
        byte[] tar = OciLayoutImage.tar("app/VERSION", (content + "\n").getBytes(StandardCharsets.UTF_8));
        byte[] layer = OciLayoutImage.gzip(tar);
        ImageConfig config = ImageConfig.builder(Platform.parse("linux/amd64"))
                .created(created)
                .author("Berth browser test")
                .diffId(Digest.sha256(tar))
                .config(ContainerConfig.builder()
                        .user("app")
                        .env("PATH", "/usr/local/bin:/usr/bin:/bin")
                        .env("DB_PASSWORD", "not-for-the-page")
                        .entrypoint("/app/bin/server")
                        .cmd("--port", "8080")
                        .workingDir("/app")
                        .exposedPort("8080/tcp")
                        .label("org.label-schema.schema-version", "1.0")
                        .label("org.label-schema.vcs-url", "https://example.com/team/app.git")
                        .label("org.label-schema.build-date", created.toString())
                        .label("org.example.note", HOSTILE_LABEL)
                        .build())
                .build();
        Descriptor layerDescriptor = write(blobs, MediaType.OCI_LAYER_TAR_GZIP, layer);
        Descriptor configDescriptor = write(blobs, MediaType.OCI_CONFIG, config.bytes());
        ImageManifest manifest = ImageManifest.builder().config(configDescriptor).layer(layerDescriptor)
                .annotation(Annotations.VERSION, version)
                .annotation(Annotations.SOURCE, "https://example.com/team/app")
                .annotation(Annotations.REVISION, "0123456789abcdef")
                .annotation(Annotations.BASE_NAME, "docker.io/library/alpine:3.20")
                .build();
        Files.write(blobs.resolve(manifest.digest().encoded()), manifest.bytes());
        return manifest;
    }

    private static Descriptor write(Path blobs, String mediaType, byte[] content) throws IOException {
        Descriptor d = Descriptor.forContent(mediaType, content);
        Files.write(blobs.resolve(d.digest().encoded()), content);
        return d;
    }

    private static String entry(ImageManifest m, String ref) {
        return "{\"mediaType\":\"" + m.mediaType() + "\",\"digest\":\"" + m.digest() + "\",\"size\":" + m.size()
                + ",\"annotations\":{\"" + Annotations.REF_NAME + "\":\"" + ref + "\"}}";
    }
}
