package dev.berth.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.model.Digest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Every documented format read field by field: action, repository, tag,
 * digest, media type, size, actor, source address, time and registry host
 * (the request's host where the format names the registry). The fixtures and
 * the pages their shapes come from are listed in {@link WebhookFixtures}.
 */
class WebhookFormatsTest {
    static final Digest A = Digest.parse("sha256:ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb");
    static final Digest B = Digest.parse("sha256:3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d");
    static final Digest C = Digest.parse("sha256:2e7d2c03a9507ae265ecf5b5356885a53393a2029d241394997265a1a25aefc6");
    static final Digest D = Digest.parse("sha256:18ac3e7343f016890c510e93f935261169d9e3f565436429830faf0934f4f8e4");
    static final Digest E = Digest.parse("sha256:3f79bb7b435b05321651daefd374cdc681dc06faa65e374e38337b88ca046dea");
    static final Digest F = Digest.parse("sha256:252f10c83610ebca1a059c0bae8255eba2f95be4d1d7bcfa89d7248a82d9f111");

    static List<RegistryEvent> parse(String file) {
        WebhookFixtures.Fixture f = WebhookFixtures.named(file);
        return EventParser.parse(f.headers(), f.body());
    }

    static RegistryEvent one(String file) {
        List<RegistryEvent> events = parse(file);
        assertEquals(1, events.size(), file);
        return events.get(0);
    }

    @Test
    void distributionEnvelope() {
        RegistryEvent e = one("distribution/push.json");
        assertEquals(EventFormat.DISTRIBUTION, e.format());
        assertEquals("320678d8-ca14-430f-8bb6-4ca139cd83f7", e.id());
        assertEquals(EventAction.PUSH, e.action());
        assertEquals("team/web", e.target().repository());
        assertEquals(Optional.of("2.4.1"), e.target().tag());
        assertEquals(Optional.of(A), e.target().digest());
        assertEquals(Optional.of("application/vnd.oci.image.manifest.v1+json"), e.target().mediaType());
        assertEquals(OptionalLong.of(708), e.target().size());
        assertEquals("ci-bot", e.actor());
        assertEquals("192.0.2.10:52144", e.request().addr());
        assertEquals("registry.example.com", e.request().host());
        assertEquals("containerd/1.7.24", e.request().userAgent());
        assertEquals(new EventSource("registry-0:5000", "a53db899-3b4b-4a62-a067-8dd013beaca4"), e.source());
        assertEquals(Instant.parse("2026-11-30T09:15:22.419Z"), e.timestamp());
    }

    @Test
    void acrWebhookIsOneEventWithoutTheEnvelope() {
        RegistryEvent push = one("acr/push.json");
        assertEquals(EventFormat.ACR, push.format());
        assertEquals("7f0c9e6e-2b1d-4a8e-9f51-1c2d3e4f5a60", push.id());
        assertEquals(EventAction.PUSH, push.action());
        assertEquals("hello-world", push.target().repository());
        assertEquals(Optional.of("v1"), push.target().tag());
        assertEquals(Optional.of(B), push.target().digest());
        assertEquals(Optional.of("application/vnd.docker.distribution.manifest.v2+json"), push.target().mediaType());
        assertEquals(OptionalLong.of(524), push.target().size());
        assertEquals("", push.actor(), "ACR's webhook names no actor");
        assertEquals("", push.request().addr(), "nor the client's address");
        assertEquals("contoso.azurecr.io", push.request().host());
        assertEquals("PUT", push.request().method());
        assertEquals(EventSource.NONE, push.source());
        assertEquals(Instant.parse("2026-11-30T10:01:02.123456789Z"), push.timestamp());

        RegistryEvent delete = one("acr/delete.json");
        assertEquals(EventAction.DELETE, delete.action());
        assertEquals(Optional.empty(), delete.target().tag());
        assertEquals(OptionalLong.empty(), delete.target().size());
        assertEquals(Optional.of(B), delete.target().digest());
        assertEquals("DELETE", delete.request().method());

        RegistryEvent chart = one("acr/chart_push.json");
        assertEquals("chart_push", chart.action().name(), "ACR's chart action is kept as ACR names it");
        assertEquals("charts", chart.target().repository());
        assertEquals(Optional.of("wordpress-5.4.0.tgz"), chart.target().tag());
        assertEquals(Optional.of("application/vnd.acr.helm.chart"), chart.target().mediaType());
        assertEquals(OptionalLong.of(25265), chart.target().size());
        assertEquals(List.of("name", "version"), chart.target().extensions().names(), "chart name and version are kept");
        assertEquals(EventRequest.NONE, chart.request());
    }

    @Test
    void eventGridCloudEventsArrayAndSingle() {
        RegistryEvent push = one("eventgrid/cloudevents-image-pushed.json");
        assertEquals(EventFormat.EVENT_GRID_CLOUDEVENTS, push.format());
        assertEquals("31c51664-e5bd-416a-a5df-e5206bc47ed0", push.id(), "the registry's event id, as ACR's webhook gives it");
        assertEquals(EventAction.PUSH, push.action());
        assertEquals("web-frontend", push.target().repository());
        assertEquals(Optional.of("v7"), push.target().tag());
        assertEquals(Optional.of(D), push.target().digest());
        assertEquals(Optional.of("application/vnd.oci.image.manifest.v1+json"), push.target().mediaType());
        assertEquals(OptionalLong.of(3023), push.target().size());
        assertEquals("contoso.azurecr.io", push.request().host());
        assertEquals("docker/27.3.1 go/go1.22.7 os/linux arch/amd64", push.request().userAgent());
        assertEquals("", push.actor());
        assertEquals(Instant.parse("2026-11-30T11:39:47.276585742Z"), push.timestamp());
        assertEquals("web-frontend:v7", push.extensions().get("envelope").orElseThrow().get("subject").textValue());

        RegistryEvent deleted = one("eventgrid/cloudevents-image-deleted-single.json");
        assertEquals(EventAction.DELETE, deleted.action());
        assertEquals(Optional.of(D), deleted.target().digest());
        assertEquals(Optional.empty(), deleted.target().tag());
    }

    @Test
    void eventGridOwnSchemaCarriesActorAndSource() {
        RegistryEvent push = one("eventgrid/eventgrid-schema-image-pushed.json");
        assertEquals(EventFormat.EVENT_GRID, push.format());
        assertEquals("9d3e2c1b-0a9f-48e7-b6d5-c4b3a2918070", push.id());
        assertEquals(EventAction.PUSH, push.action());
        assertEquals("api", push.target().repository());
        assertEquals(Optional.of("3.2.0"), push.target().tag());
        assertEquals(Optional.of(E), push.target().digest());
        assertEquals(Optional.of("application/vnd.docker.distribution.manifest.v2+json"), push.target().mediaType());
        assertEquals(OptionalLong.of(1573), push.target().size());
        assertEquals(Optional.of("https://contoso.azurecr.io/v2/api/manifests/" + E), push.target().url());
        assertEquals("pipeline-sp", push.actor());
        assertEquals("203.0.113.7", push.request().addr());
        assertEquals("contoso.azurecr.io", push.request().host());
        assertEquals(new EventSource("contoso.azurecr.io", "westeurope-1"), push.source());
        assertEquals(Instant.parse("2026-11-30T12:00:04.987654321Z"), push.timestamp());
        assertTrue(push.extensions().get("envelope").orElseThrow().get("topic").textValue()
                .endsWith("/Microsoft.ContainerRegistry/registries/contoso"), "the registry's Azure resource is kept");

        RegistryEvent chart = one("eventgrid/eventgrid-schema-chart-pushed.json");
        assertEquals("chart_push", chart.action().name());
        assertEquals(Optional.of("wordpress-5.4.0.tgz"), chart.target().tag());
        assertEquals(Optional.of(C), chart.target().digest());
    }

    @Test
    void eventGridDataWithoutItsOwnIdTimeOrActionTakesTheEnvelopes() {
        String body = "[{\"id\":\"env-1\",\"eventType\":\"Microsoft.ContainerRegistry.ImageDeleted\","
                + "\"eventTime\":\"2026-11-30T12:00:00Z\",\"data\":{\"target\":{\"repository\":\"api\",\"digest\":\"" + E + "\"}}}]";
        RegistryEvent e = EventParser.parse(Map.of(), body.getBytes(StandardCharsets.UTF_8)).get(0);
        assertEquals("env-1", e.id());
        assertEquals(EventAction.DELETE, e.action());
        assertEquals(Instant.parse("2026-11-30T12:00:00Z"), e.timestamp());
    }

    @Test
    void eventGridSubscriptionValidationCarriesNoEvent() {
        assertEquals(List.of(), parse("eventgrid/subscription-validation.json"));
    }

    @Test
    void harborV2() {
        RegistryEvent push = one("harbor/v2-push-artifact.json");
        assertEquals(EventFormat.HARBOR, push.format());
        assertEquals(EventAction.PUSH, push.action());
        assertEquals("web/nginx", push.target().repository());
        assertEquals(Optional.of("1.27"), push.target().tag());
        assertEquals(Optional.of(F), push.target().digest());
        assertEquals(Optional.empty(), push.target().mediaType(), "Harbor sends no media type");
        assertEquals(OptionalLong.empty(), push.target().size(), "nor a size");
        assertEquals("robot$web+ci", push.actor());
        assertEquals("harbor.example.com", push.request().host());
        assertEquals(Optional.of("harbor.example.com/web/nginx:1.27"), push.target().url());
        assertEquals(Instant.ofEpochSecond(1764497100), push.timestamp());

        RegistryEvent delete = one("harbor/v2-delete-by-digest.json");
        assertEquals(EventAction.DELETE, delete.action());
        assertEquals(Optional.empty(), delete.target().tag(), "the digest Harbor puts in \"tag\" is no tag");
        assertEquals(Optional.of(F), delete.target().digest());
        assertEquals("harbor-jobservice", delete.actor());
        assertNotEquals(push.id(), delete.id());
    }

    @Test
    void harborV1TypeNamesReadAsV2s() {
        RegistryEvent push = one("harbor/v1-push-image.json");
        assertEquals(EventFormat.HARBOR, push.format());
        assertEquals(EventAction.PUSH, push.action());
        assertEquals("library/centos", push.target().repository());
        assertEquals(Optional.of("7"), push.target().tag());
        assertEquals(Optional.of(A), push.target().digest());
        assertEquals("alice", push.actor());
        assertEquals("harbor.example.com", push.request().host());
        assertEquals(Instant.ofEpochSecond(1582640688), push.timestamp());
        assertEquals(EventAction.DELETE, one("harbor/v1-delete-image.json").action());

        Map<String, String> same = Map.of("pullImage", "PULL_ARTIFACT", "uploadChart", "UPLOAD_CHART",
                "downloadChart", "DOWNLOAD_CHART", "deleteChart", "DELETE_CHART", "scanningCompleted", "SCANNING_COMPLETED",
                "scanningFailed", "SCANNING_FAILED");
        String body = new String(WebhookFixtures.named("harbor/v1-push-image.json").body(), StandardCharsets.UTF_8);
        for (Map.Entry<String, String> names : same.entrySet()) {
            EventAction v1 = EventParser.parse(Map.of(), body.replace("pushImage", names.getKey())
                    .getBytes(StandardCharsets.UTF_8)).get(0).action();
            EventAction v2 = EventParser.parse(Map.of(), body.replace("pushImage", names.getValue())
                    .getBytes(StandardCharsets.UTF_8)).get(0).action();
            assertEquals(v2, v1, names.getKey());
        }
        assertEquals(EventAction.PULL, EventParser.parse(Map.of(), body.replace("pushImage", "pullImage")
                .getBytes(StandardCharsets.UTF_8)).get(0).action());
        assertEquals("upload_chart", EventParser.parse(Map.of(), body.replace("pushImage", "uploadChart")
                .getBytes(StandardCharsets.UTF_8)).get(0).action().name());
    }

    @Test
    void harborScanEventsKeepTheScanOverview() {
        String scan = new String(WebhookFixtures.named("harbor/v2-push-artifact.json").body(), StandardCharsets.UTF_8)
                .replace("PUSH_ARTIFACT", "SCANNING_COMPLETED").replace("\"tag\": \"1.27\",",
                        "\"scan_overview\": {\"application/vnd.security.vulnerability.report; version=1.1\": {\"scan_status\": \"Success\"}},");
        RegistryEvent e = EventParser.parse(Map.of(), scan.getBytes(StandardCharsets.UTF_8)).get(0);
        assertEquals("scanning_completed", e.action().name());
        assertEquals(Optional.empty(), e.target().tag(), "Harbor names no tag in a scan's event");
        assertEquals(List.of("scan_overview"), e.target().extensions().names());
    }

    @Test
    void harborPayloadsAboutNoRepositoryCarryNoEvent() {
        assertEquals(List.of(), parse("harbor/v2-replication.json"));
    }

    @Test
    void harborCloudEvents() {
        RegistryEvent pull = one("harbor/cloudevents-artifact-pulled.json");
        assertEquals(EventFormat.HARBOR_CLOUDEVENTS, pull.format());
        assertEquals("718eab63-2efa-4f88-8c27-8bcacc34929b", pull.id());
        assertEquals(EventAction.PULL, pull.action());
        assertEquals("web/nginx", pull.target().repository());
        assertEquals(Optional.of("1.27"), pull.target().tag());
        assertEquals(Optional.of(F), pull.target().digest());
        assertEquals("bob", pull.actor());
        assertEquals("bb4b5b91-aac7-4acd-8dff-e4118e53f6d1", pull.request().id());
        assertEquals("harbor.example.com", pull.request().host());
        assertEquals(Instant.parse("2026-11-30T13:12:52Z"), pull.timestamp());
    }

    @Test
    void zotBinaryMode() {
        WebhookFixtures.Fixture f = WebhookFixtures.named("zot/binary-image-updated.json");
        RegistryEvent e = one(f.file());
        assertEquals(EventFormat.ZOT_CLOUDEVENTS, e.format());
        assertEquals("4e2a9c3b-5d6f-4a7b-8c9d-0e1f2a3b4c5d", e.id());
        assertEquals(EventAction.PUSH, e.action());
        assertEquals("tools/golang", e.target().repository());
        assertEquals(Optional.of("1.23"), e.target().tag());
        assertEquals(Optional.of(E), e.target().digest());
        assertEquals(Optional.of("application/vnd.oci.image.manifest.v1+json"), e.target().mediaType());
        String manifest = dev.berth.model.internal.Json.readObject(f.body(), "fixture").get("manifest").textValue();
        assertEquals(OptionalLong.of(manifest.getBytes(StandardCharsets.UTF_8).length), e.target().size());
        assertEquals("", e.actor(), "zot names no actor");
        assertEquals(new EventSource("zotregistry.dev", ""), e.source());
        assertEquals(Instant.parse("2026-11-30T14:01:02.123456Z"), e.timestamp());
    }

    @Test
    void zotWithAConfiguredTypePrefixAndSource() {
        RegistryEvent deleted = one("zot/structured-image-deleted-custom-prefix.json");
        assertEquals(EventFormat.ZOT_CLOUDEVENTS, deleted.format());
        assertEquals(EventAction.DELETE, deleted.action(), "com.example.registry.image.deleted is a delete");
        assertEquals(Optional.empty(), deleted.target().tag(), "a digest reference is no tag");
        assertEquals(Optional.of(E), deleted.target().digest());
        assertEquals(new EventSource("https://registry.example.com", ""), deleted.source());

        RegistryEvent created = one("zot/structured-repository-created.json");
        assertEquals("repository.created", created.action().name());
        assertEquals("tools/golang", created.target().repository());

        // the same update under another prefix reads the same
        WebhookFixtures.Fixture f = WebhookFixtures.named("zot/binary-image-updated.json");
        Map<String, List<String>> renamed = new HashMap<>(f.headers());
        renamed.put("Ce-Type", List.of("io.acme.zot.image.updated"));
        renamed.put("Ce-Source", List.of("urn:acme:registry:1"));
        RegistryEvent e = EventParser.parse(renamed, f.body()).get(0);
        assertEquals(EventAction.PUSH, e.action());
        assertEquals(EventFormat.ZOT_CLOUDEVENTS, e.format());
        assertEquals("urn:acme:registry:1", e.source().addr());
    }

    @Test
    void dockerHub() {
        RegistryEvent e = one("dockerhub/push.json");
        assertEquals(EventFormat.DOCKER_HUB, e.format());
        assertEquals(EventAction.PUSH, e.action());
        assertEquals("acme/web", e.target().repository());
        assertEquals(Optional.of("latest"), e.target().tag());
        assertEquals(Optional.empty(), e.target().digest(), "Docker Hub sends no digest");
        assertEquals("acmebuilder", e.actor());
        assertEquals("hub.docker.com", e.source().addr());
        assertEquals(Instant.ofEpochSecond(1764500000), e.timestamp());
    }

    @Test
    void quayTagsAsAnArray() {
        List<RegistryEvent> events = parse("quay/push-tags-array.json");
        assertEquals(2, events.size());
        RegistryEvent latest = events.get(0);
        assertEquals(EventFormat.QUAY, latest.format());
        assertEquals(EventAction.PUSH, latest.action());
        assertEquals("acme/web", latest.target().repository());
        assertEquals(Optional.of("latest"), latest.target().tag());
        assertEquals(Optional.of("2.4.1"), events.get(1).target().tag());
        assertEquals(Optional.empty(), latest.target().digest(), "Quay sends no digest");
        assertEquals("quay.io", latest.request().host());
        assertEquals("", latest.actor());
        assertTrue(!latest.timestamp().isAfter(Instant.now()), "Quay sends no time: the arrival is the time");
        assertEquals(Optional.of("https://quay.io/repository/acme/web"),
                latest.extensions().get("homepage").map(n -> n.textValue()), "the rest is kept");
        assertNotEquals(latest.id(), events.get(1).id());
    }

    @Test
    void quayTagsAsAMapKeepTheImageIdAndGiveStableIds() {
        RegistryEvent e = one("quay/push-tags-map.json");
        assertEquals("acme/ubuntu", e.target().repository());
        assertEquals(Optional.of("latest"), e.target().tag());
        assertEquals("b750fe79269d2ec9a3c593ef05b4332b1d1a02a62b4accb2c21d589ff2f5f2dc",
                e.target().extensions().get("imageId").orElseThrow().textValue());
        assertEquals(e.id(), one("quay/push-tags-map.json").id(), "a redelivery is the same event");
    }

    @Test
    void malformedBodiesOfEachFormatNameWhatIsWrong() {
        assertMessage("{\"repository\":\"a/b\",\"docker_url\":\"quay.io/a/b\",\"updated_tags\":7}", "updated_tags");
        assertMessage("{\"repository\":\"a/b\",\"docker_url\":\"quay.io/a/b\",\"updated_tags\":[\"ok\",3]}", "updated_tags[1]");
        assertMessage("{\"repository\":\"a/b\",\"docker_url\":\"quay.io/a/b\"}", "updated_tags");
        assertMessage("{\"action\":\"push\",\"target\":{\"repository\":\"r\"},\"timestamp\":\"2026-01-01T00:00:00Z\"}", "id");
        assertMessage("[{\"eventType\":\"Microsoft.ContainerRegistry.ImagePushed\",\"id\":\"x\","
                + "\"eventTime\":\"soon\",\"data\":{}}]", "eventTime");
        assertMessage("[{\"specversion\":\"1.0\",\"id\":\"x\",\"type\":\"t\",\"time\":\"2026-01-01T00:00:00Z\","
                + "\"data\":{\"target\":{}}}]", "target.repository");
        assertMessage("[]", "empty JSON array");
        assertMessage("[1]", "[0]");
        assertMessage("[{\"specversion\":\"1.0\",\"id\":\"x\",\"type\":\"Microsoft.ContainerRegistry.ImagePushed\","
                + "\"data\":{\"target\":{\"repository\":\"r\"}}},{\"events\":[]}]", "[1]");
        assertMessage("{\"specversion\":\"1.0\",\"id\":\"x\",\"type\":\"com.example.thing\",\"data\":[1]}",
                "unrecognised CloudEvent");
        assertMessage("\"just a string\"", "expected a JSON object or array");
        assertMessage("{\"type\":\"pushImage\",\"occur_at\":-5,\"event_data\":{}}", "occur_at");
    }

    private static void assertMessage(String body, String expected) {
        EventParseException e = assertThrows(EventParseException.class,
                () -> EventParser.parse(Map.of(), body.getBytes(StandardCharsets.UTF_8)), body);
        assertTrue(e.getMessage().contains(expected), "\"" + e.getMessage() + "\" should name " + expected);
    }
}
