package dev.berth.examples.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.client.RegistryClient;
import dev.berth.client.layout.OciLayout;
import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.MediaType;
import dev.berth.model.Platform;
import dev.berth.model.artifact.Artifacts;
import dev.berth.model.artifact.CosignTags;
import dev.berth.model.manifest.ImageManifest;
import dev.berth.server.EmbeddedRegistry;
import dev.berth.server.auth.Htpasswd;
import dev.berth.testsupport.CosignFixtures;
import dev.berth.testsupport.DistributionRegistry;
import dev.berth.testsupport.OciLayoutImage;
import dev.berth.testsupport.OciLayoutIndex;
import dev.berth.testsupport.Skopeo;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The browser's REST API end to end against distribution 2.8 with htpasswd, delete enabled and notifications
 * pointed at the UI, filled by skopeo: repositories, tags by semantic version and date, a detail with its layers,
 * platforms, SBOM and vulnerability counts and Helm chart, deleting a tag, the push events that came in,
 * search across registries, and pulls into another registry and an OCI layout.
 */
class UiDistributionTest {
    static final String PASSWORD = "alice-dist-pw";
    @TempDir
    static Path dir;
    static UiFixture ui;
    static DistributionRegistry distribution;
    static EmbeddedRegistry berth;
    static RegistryClient client;

    @BeforeAll
    static void fill() throws Exception {
        ui = UiFixture.startWithDefaultStore(dir.resolve("ui"));
        Path htpasswd = dir.resolve("htpasswd");
        Files.writeString(htpasswd, Htpasswd.line("alice", PASSWORD) + "\n");
        distribution = DistributionRegistry.builder(dir.resolve("distribution")).htpasswd(htpasswd)
                .notifications(URI.create(ui.webhook("plugins/registry/events")), null).start();
        berth = EmbeddedRegistry.builder().start();
        assertEquals(201, ui.http.post("api/v1/registries", Map.of("name", "dist", "url", distribution.baseUrl(),
                "username", "alice", "password", PASSWORD)).status());
        assertEquals(201, ui.http.post("api/v1/registries", Map.of("name", "berth",
                "url", berth.baseUri().toString())).status());

        push("team/app", "1.0.0", "one", "2026-01-01T00:00:00Z");
        push("team/app", "1.2.0", "two", "2026-03-01T00:00:00Z");
        push("team/app", "1.10.0", "ten", "2026-02-01T00:00:00Z");
        push("team/app", "2.0.0-rc.1", "rc", "2026-04-01T00:00:00Z");
        skopeo("docker://" + distribution.hostPort() + "/team/app:1.10.0", "team/app:latest"); // same digest
        push("team/web", "1", "web", null);
        push("other/tool", "1", "tool", null);
        push("team/del", "a", "del", null);
        skopeo("docker://" + distribution.hostPort() + "/team/del:a", "team/del:b");
        OciLayoutIndex multi = OciLayoutIndex.write(dir.resolve("multi"), "1.0", "multi",
                List.of(Platform.parse("linux/amd64"), Platform.parse("linux/arm64")));
        Skopeo.run("copy", "--all", "--dest-tls-verify=false", "--dest-creds", "alice:" + PASSWORD, multi.skopeoName(),
                "docker://" + distribution.hostPort() + "/team/multi:1.0");

        client = ui.server.registries().client("dist");
        ImageManifest subject = (ImageManifest) client.getManifest("team/app", "1.2.0");
        client.pushBlob("team/app", MediaType.OCI_EMPTY, Artifacts.EMPTY_JSON);
        byte[] spdx = ("{\"spdxVersion\":\"SPDX-2.3\",\"name\":\"app\",\"packages\":["
                + "{\"name\":\"a\"},{\"name\":\"b\"},{\"name\":\"c\"}]}").getBytes(StandardCharsets.UTF_8);
        Descriptor spdxBlob = client.pushBlob("team/app", MediaType.SPDX_JSON, spdx);
        client.pushManifest("team/app", Artifacts.manifest(MediaType.SPDX_JSON, List.of(spdxBlob),
                subject.descriptor(), Map.of()).digest().toString(),
                Artifacts.manifest(MediaType.SPDX_JSON, List.of(spdxBlob), subject.descriptor(), Map.of()));
        String statement = "{\"_type\":\"https://in-toto.io/Statement/v0.1\",\"predicateType\":"
                + "\"https://cosign.sigstore.dev/attestation/vuln/v1\",\"predicate\":{\"scanner\":{\"uri\":"
                + "\"pkg:github/aquasecurity/trivy\",\"result\":{\"Results\":[{\"Vulnerabilities\":["
                + "{\"VulnerabilityID\":\"CVE-1\",\"Severity\":\"CRITICAL\"},{\"VulnerabilityID\":\"CVE-2\",\"Severity\":\"HIGH\"}]},"
                + "{\"Vulnerabilities\":[{\"VulnerabilityID\":\"CVE-3\",\"Severity\":\"HIGH\"},"
                + "{\"VulnerabilityID\":\"CVE-4\",\"Severity\":\"LOW\"}]}]}}}}";
        byte[] dsse = ("{\"payloadType\":\"application/vnd.in-toto+json\",\"payload\":\""
                + Base64.getEncoder().encodeToString(statement.getBytes(StandardCharsets.UTF_8))
                + "\",\"signatures\":[]}").getBytes(StandardCharsets.UTF_8);
        Descriptor dsseBlob = client.pushBlob("team/app", "application/vnd.dsse.envelope.v1+json", dsse);
        ImageManifest vuln = Artifacts.manifest("application/vnd.dev.cosign.attestation.vuln.v1+json",
                List.of(dsseBlob), subject.descriptor(), Map.of());
        client.pushManifest("team/app", vuln.digest().toString(), vuln);

        cosignAttachments("team/web", "1");

        byte[] chartConfig = ("{\"apiVersion\":\"v2\",\"name\":\"demo\",\"version\":\"0.3.1\",\"appVersion\":\"1.4.2\","
                + "\"description\":\"A demo chart\",\"type\":\"application\"}").getBytes(StandardCharsets.UTF_8);
        Descriptor config = client.pushBlob("charts/demo", MediaType.HELM_CONFIG, chartConfig);
        Descriptor content = client.pushBlob("charts/demo", MediaType.HELM_CHART_CONTENT, "chart".getBytes(StandardCharsets.UTF_8));
        client.pushManifest("charts/demo", "0.3.1", ImageManifest.builder().config(config).layer(content).build());

        OciLayoutImage mirror = OciLayoutImage.write(dir.resolve("mirror"), "1", "mirror");
        Skopeo.run("copy", "--dest-tls-verify=false", mirror.skopeoName(), "docker://" + berth.hostPort() + "/mirror/app:1");
    }

    // What cosign pushes in its default tag mode (distribution 2.8 has no referrers API): a signature at
    // sha256-HEX.sig, and at .att one DSSE envelope layer per attestation: here a CycloneDX SBOM and a vuln scan.
    private static void cosignAttachments(String repository, String tag) throws Exception {
        Digest subject = client.getManifest(repository, tag).digest();
        Descriptor config = client.pushBlob(repository, MediaType.OCI_CONFIG, CosignFixtures.config());
        Descriptor payload = client.pushBlob(repository, MediaType.COSIGN_SIMPLE_SIGNING, CosignFixtures.signaturePayload(subject));
        client.pushManifest(repository, CosignTags.signatureTag(subject), ImageManifest.builder().config(config)
                .layer(payload.toBuilder().annotation(CosignFixtures.SIGNATURE_ANNOTATION, "MEUCIQ").build()).build());
        String cyclonedx = "{\"_type\":\"https://in-toto.io/Statement/v0.1\",\"predicateType\":\"https://cyclonedx.org/bom\","
                + "\"predicate\":{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\",\"components\":["
                + "{\"name\":\"openssl\"},{\"name\":\"zlib\"}]}}";
        String vuln = "{\"_type\":\"https://in-toto.io/Statement/v0.1\",\"predicateType\":"
                + "\"https://cosign.sigstore.dev/attestation/vuln/v1\",\"predicate\":{\"scanner\":{\"result\":{\"Results\":"
                + "[{\"Vulnerabilities\":[{\"VulnerabilityID\":\"CVE-9\",\"Severity\":\"MEDIUM\"}]}]}}}}";
        ImageManifest.Builder attestations = ImageManifest.builder().config(config);
        for (String[] statement : List.of(new String[] {"https://cyclonedx.org/bom", cyclonedx},
                new String[] {"https://cosign.sigstore.dev/attestation/vuln/v1", vuln})) {
            byte[] envelope = ("{\"payloadType\":\"application/vnd.in-toto+json\",\"payload\":\""
                    + Base64.getEncoder().encodeToString(statement[1].getBytes(StandardCharsets.UTF_8))
                    + "\",\"signatures\":[]}").getBytes(StandardCharsets.UTF_8);
            attestations.layer(client.pushBlob(repository, MediaType.DSSE_ENVELOPE, envelope).toBuilder()
                    .annotation("predicateType", statement[0]).build());
        }
        client.pushManifest(repository, CosignTags.attestationTag(subject), attestations.build());
    }

    private static void push(String repository, String tag, String content, String created) throws Exception {
        OciLayoutImage image = OciLayoutImage.write(dir.resolve("img-" + repository.replace('/', '-') + "-" + tag),
                tag, content, created == null ? null : Instant.parse(created));
        skopeo(image.skopeoName(), repository + ":" + tag);
    }

    private static void skopeo(String source, String target) throws Exception {
        Skopeo.run("copy", "--src-tls-verify=false", "--src-creds", "alice:" + PASSWORD, "--dest-tls-verify=false",
                "--dest-creds", "alice:" + PASSWORD, source, "docker://" + distribution.hostPort() + "/" + target);
    }

    @AfterAll
    static void stop() {
        ui.close();
        distribution.close();
        berth.close();
    }

    @Test
    void repositoriesAreFilteredSortedPaginatedAndCached() throws Exception {
        JsonNode all = ui.http.get("api/v1/registries/dist/repositories?refresh=true").json();
        assertTrue(all.path("catalogAvailable").asBoolean());
        assertEquals(List.of("charts/demo", "other/tool", "team/app", "team/del", "team/multi", "team/web"), items(all));
        assertFalse(all.path("cached").asBoolean());
        JsonNode again = ui.http.get("api/v1/registries/dist/repositories").json();
        assertTrue(again.path("cached").asBoolean(), "a second load comes from the cache (FR-IMG-05)");
        JsonNode team = ui.http.get("api/v1/registries/dist/repositories?filter=TEAM&sort=desc&size=2&page=2").json();
        assertEquals(4, team.path("total").asInt());
        assertEquals(2, team.path("page").asInt());
        assertEquals(2, team.path("size").asInt());
        assertEquals(List.of("team/del", "team/app"), items(team));
        assertEquals(400, ui.http.get("api/v1/registries/dist/repositories?sort=sideways").status());
        assertEquals(400, ui.http.get("api/v1/registries/dist/repositories?size=501").status());
    }

    @Test
    void tagsSortBySemanticVersionAndByDate() throws Exception {
        JsonNode semver = ui.http.get("api/v1/registries/dist/repositories/team/app/tags?sort=semver&order=desc").json();
        List<String> names = names(semver);
        assertEquals(List.of("2.0.0-rc.1", "1.10.0", "1.2.0", "1.0.0"), names.subList(0, 4), names.toString());
        JsonNode first = semver.path("items").get(0);
        assertTrue(first.path("digest").asText().startsWith("sha256:"), first.toString());
        assertEquals("2026-04-01T00:00:00Z", first.path("created").asText());
        assertTrue(first.path("size").asLong() > 0);

        JsonNode byDate = ui.http.get("api/v1/registries/dist/repositories/team/app/tags?sort=date&order=desc").json();
        assertEquals(List.of("2.0.0-rc.1", "1.2.0", "1.10.0", "latest", "1.0.0"), names(byDate).subList(0, 5));
        JsonNode filtered = ui.http.get("api/v1/registries/dist/repositories/team/app/tags?filter=1.*&sort=name&size=2").json();
        assertEquals(3, filtered.path("total").asInt());
        assertEquals(List.of("1.0.0", "1.10.0"), names(filtered));
        assertEquals(400, ui.http.get("api/v1/registries/dist/repositories/team/app/tags?sort=size").status());
        assertEquals(404, ui.http.get("api/v1/registries/dist/repositories/no/such/tags").status());
    }

    @Test
    void theDetailIsTheInspectDocumentWithReferrersSummarised() throws Exception {
        UiHttp.Answer a = ui.http.get("api/v1/registries/dist/repositories/team/app/tags/1.2.0");
        assertEquals(200, a.status(), a.body());
        JsonNode d = a.json();
        assertEquals("team/app", d.path("repository").asText());
        assertEquals("1.2.0", d.path("tag").asText());
        assertEquals("IMAGE", d.path("image").path("kind").asText());
        assertEquals(1, d.path("image").path("details").path("layers").size());
        List<String> kinds = new ArrayList<>();
        d.path("image").path("details").path("referrers").forEach(r -> kinds.add(r.path("kind").asText()));
        assertTrue(kinds.contains("SBOM"), kinds.toString());
        assertEquals("SPDX 2.3", d.path("sbom").path("format").asText());
        assertEquals(3, d.path("sbom").path("packages").asInt());
        JsonNode v = d.path("vulnerabilities");
        assertEquals(1, v.path("critical").asInt(), d.toString());
        assertEquals(2, v.path("high").asInt());
        assertEquals(0, v.path("medium").asInt());
        assertEquals(1, v.path("low").asInt());
        assertTrue(d.path("helm").isNull());
        assertFalse(d.path("cached").asBoolean());
        assertTrue(ui.http.get("api/v1/registries/dist/repositories/team/app/tags/1.2.0").json().path("cached").asBoolean());

        JsonNode ten = ui.http.get("api/v1/registries/dist/repositories/team/app/tags/1.10.0").json();
        assertEquals(List.of("latest"), strings(ten.path("otherTags")));
        JsonNode multi = ui.http.get("api/v1/registries/dist/repositories/team/multi/tags/1.0").json();
        assertEquals("INDEX", multi.path("image").path("kind").asText());
        JsonNode platforms = multi.path("image").path("details").path("platforms");
        assertEquals(2, platforms.size());
        assertEquals("linux/amd64", platforms.get(0).path("platform").asText());
        assertTrue(platforms.get(0).path("size").asLong() > 0);
        JsonNode chart = ui.http.get("api/v1/registries/dist/repositories/charts/demo/tags/0.3.1").json();
        assertEquals("demo", chart.path("helm").path("name").asText());
        assertEquals("1.4.2", chart.path("helm").path("appVersion").asText());
        assertEquals(404, ui.http.get("api/v1/registries/dist/repositories/team/app/tags/9.9.9").status());
    }

    @Test
    void cosignsAttachmentTagsAreReferrersAndWhatTheirAttestationsSayIsSummarised() throws Exception {
        JsonNode d = ui.http.get("api/v1/registries/dist/repositories/team/web/tags/1").json();
        String hex = d.path("image").path("digest").asText().substring("sha256:".length());
        List<String> found = new ArrayList<>();
        d.path("image").path("details").path("referrers").forEach(r -> found.add(r.path("kind").asText() + " "
                + r.path("tag").asText()));
        assertEquals(List.of("SIGNATURE sha256-" + hex + ".sig", "ATTESTATION sha256-" + hex + ".att"), found, d.toString());
        assertEquals("CycloneDX 1.5", d.path("sbom").path("format").asText(), d.toString());
        assertEquals(2, d.path("sbom").path("packages").asInt());
        assertEquals(1, d.path("vulnerabilities").path("medium").asInt(), d.toString());
        assertEquals(0, d.path("vulnerabilities").path("critical").asInt());

        UiHttp.Answer byDate = ui.http.get("api/v1/registries/dist/repositories/team/web/tags?sort=date&order=desc");
        assertEquals(200, byDate.status(), "cosign's undated configurations do not fail the list: " + byDate.body());
        assertEquals(List.of("1", "sha256-" + hex + ".att", "sha256-" + hex + ".sig"), names(byDate.json()));
    }

    @Test
    void deletingATagReportsTheOtherTagsAndTheListForgetsThem() throws Exception {
        assertEquals(List.of("a", "b"), names(ui.http.get("api/v1/registries/dist/repositories/team/del/tags").json()));
        UiHttp.Answer deleted = ui.http.delete("api/v1/registries/dist/repositories/team/del/tags/a");
        assertEquals(200, deleted.status(), deleted.body());
        assertTrue(deleted.json().path("deleted").asText().startsWith("sha256:"));
        assertEquals(List.of("b"), strings(deleted.json().path("otherTags")));
        assertEquals(List.of(), names(ui.http.get("api/v1/registries/dist/repositories/team/del/tags").json()),
                "the cached tag list was dropped");
        JsonNode audit = ui.http.get("api/v1/audit").json().path("items").get(0);
        assertEquals("tag.delete", audit.path("action").asText());
        assertEquals("dist/team/del:a", audit.path("target").asText());
        assertEquals(404, ui.http.delete("api/v1/registries/dist/repositories/team/del/tags/a").status());
    }

    @Test
    void distributionsPushEventsArriveAndAreListedNewestFirst() throws Exception {
        JsonNode events = awaitEvents("team/app", 5);
        List<String> tags = new ArrayList<>();
        events.path("items").forEach(e -> tags.add(e.path("tag").asText()));
        assertTrue(tags.containsAll(List.of("1.0.0", "1.2.0", "1.10.0", "2.0.0-rc.1", "latest")), tags.toString());
        JsonNode first = events.path("items").get(0);
        assertEquals("push", first.path("action").asText());
        assertEquals("alice", first.path("actor").asText());
        assertTrue(first.path("sourceAddr").asText().startsWith("127.0.0.1"), first.toString());
        List<String> times = new ArrayList<>();
        events.path("items").forEach(e -> times.add(e.path("timestamp").asText()));
        List<String> sorted = new ArrayList<>(times);
        sorted.sort(java.util.Comparator.comparing(Instant::parse).reversed());
        assertEquals(sorted, times, "newest first");
        JsonNode onlyRc = ui.http.get("api/v1/registries/dist/repositories/team/app/events?tag=2.0.0-rc.1").json();
        assertEquals(List.of("2.0.0-rc.1"), onlyRc.findValuesAsText("tag"));
        assertTrue(Files.exists(ui.configDir.resolve("events.db")), "kept in the default SQLite store");
    }

    private static JsonNode awaitEvents(String repository, int atLeast) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode events;
        do {
            events = ui.http.get("api/v1/registries/dist/repositories/" + repository + "/events?size=100").json();
            if (events.path("total").asInt() >= atLeast) {
                return events;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("distribution's events did not arrive: " + events + "\n" + distribution.log());
    }

    @Test
    void searchCoversEveryRegistryOrOne() throws Exception {
        JsonNode all = ui.http.post("api/v1/images/search", Map.of("query", "APP")).json();
        List<String> found = new ArrayList<>();
        all.path("items").forEach(i -> found.add(i.path("registry").asText() + " " + i.path("repository").asText()));
        assertTrue(found.containsAll(List.of("berth mirror/app", "dist team/app")), found.toString());
        JsonNode one = ui.http.post("api/v1/images/search", Map.of("query", "app", "registry", "berth")).json();
        assertTrue(one.findValuesAsText("repository").contains("mirror/app"), one.toString());
        assertEquals(List.of("berth"), one.findValuesAsText("registry").stream().distinct().toList(),
                "(the pull test may have promoted an image there too)");
        assertEquals(404, ui.http.post("api/v1/images/search", Map.of("query", "x", "registry", "nope")).status());
    }

    @Test
    void pullCopiesIntoAnotherRegistryAndAnOciLayoutWithProgress() throws Exception {
        JsonNode toBerth = awaitPull(Map.of("registry", "dist", "repository", "team/app", "tag", "1.2.0",
                "to", "berth/promoted/app:1.2.0"));
        assertTrue(toBerth.path("bytesTotal").asLong() > 0, toBerth.toString());
        assertEquals(toBerth.path("bytesTotal").asLong(), toBerth.path("bytesDone").asLong());
        assertEquals("berth/promoted/app:1.2.0", toBerth.path("target").asText());
        assertEquals(client.statManifest("team/app", "1.2.0").orElseThrow().digest(),
                ui.server.registries().client("berth").statManifest("promoted/app", "1.2.0").orElseThrow().digest());

        Path layout = dir.resolve("pulled-layout");
        JsonNode toDisk = awaitPull(Map.of("registry", "dist", "repository", "team/multi", "tag", "1.0",
                "to", "oci:" + layout + ":v1"));
        assertEquals("done", toDisk.path("state").asText(), toDisk.toString());
        assertEquals(List.of("v1"), OciLayout.open(layout).tags());

        UiHttp.Answer badTarget = ui.http.post("api/v1/images/pull", Map.of("registry", "dist",
                "repository", "team/app", "tag", "1.2.0", "to", "nowhere"));
        assertEquals(400, badTarget.status());
        assertTrue(badTarget.errorMessage().contains("\"to\""), badTarget.body());
        JsonNode missing = awaitPull(Map.of("registry", "dist", "repository", "team/app", "tag", "0.0.0",
                "to", "berth/x:1"));
        assertEquals("failed", missing.path("state").asText());
        assertEquals(404, ui.http.get("api/v1/images/pull/no-such-job").status());
    }

    private static JsonNode awaitPull(Map<String, String> body) throws Exception {
        UiHttp.Answer started = ui.http.post("api/v1/images/pull", body);
        assertEquals(202, started.status(), started.body());
        String id = started.json().path("id").asText();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode job;
        do {
            job = ui.http.get("api/v1/images/pull/" + id).json();
            if (!job.path("state").asText().equals("running")) {
                return job;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the pull did not finish: " + job);
    }

    static List<String> items(JsonNode answer) {
        return strings(answer.path("items"));
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static List<String> names(JsonNode answer) {
        List<String> out = new ArrayList<>();
        answer.path("items").forEach(n -> out.add(n.path("name").asText()));
        return out;
    }
}
