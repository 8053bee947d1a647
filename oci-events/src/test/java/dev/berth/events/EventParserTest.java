package dev.berth.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class EventParserTest {
    static final String DIGEST = "sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";
    static final String OTHER = "sha256:486ea46224d1bb4fb680f34f7c9ad96a8f24ec88be73ea8e5a6c65260e9cb8a7";
    static final Map<String, List<String>> DISTRIBUTION_HEADERS =
            Map.of("Content-Type", List.of(EventParser.DISTRIBUTION_V1), "User-Agent", List.of("Go-http-client/1.1"));

    // As distribution 2.8.2 sends a manifest push (captured on this machine, ids shortened).
    static final String DISTRIBUTION_PUSH = """
            {"events":[{"id":"9b7a2c1e-1","timestamp":"2026-11-22T21:03:04.123456789Z","action":"push",
              "target":{"mediaType":"application/vnd.oci.image.manifest.v1+json","size":428,"digest":"%s","length":428,
                "repository":"team/app","url":"http://127.0.0.1:5000/v2/team/app/manifests/%s","tag":"1.0"},
              "request":{"id":"req-1","addr":"127.0.0.1:40000","host":"127.0.0.1:5000","method":"PUT","useragent":"skopeo/1.9.3"},
              "actor":{"name":"alice"},"source":{"addr":"host:5000","instanceID":"inst-1"}}]}
            """.formatted(DIGEST, DIGEST);

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsEveryFieldDistributionSends() {
        List<RegistryEvent> events = EventParser.parse(DISTRIBUTION_HEADERS, bytes(DISTRIBUTION_PUSH));
        assertEquals(1, events.size());
        RegistryEvent e = events.get(0);
        assertEquals("9b7a2c1e-1", e.id());
        assertEquals(Instant.parse("2026-11-22T21:03:04.123456789Z"), e.timestamp());
        assertEquals(EventAction.PUSH, e.action());
        assertEquals(EventTarget.builder("team/app").tag("1.0").digest(Digest.parse(DIGEST))
                .mediaType("application/vnd.oci.image.manifest.v1+json").size(428).length(428)
                .url("http://127.0.0.1:5000/v2/team/app/manifests/" + DIGEST).build(), e.target());
        assertEquals(new EventRequest("req-1", "127.0.0.1:40000", "127.0.0.1:5000", "PUT", "skopeo/1.9.3"), e.request());
        assertEquals("alice", e.actor());
        assertEquals(new EventSource("host:5000", "inst-1"), e.source());
        assertEquals(EventFormat.DISTRIBUTION, e.format());
    }

    @Test
    void referencesAreReadAsTheDescriptorsDistributionSends() {
        // notifications.events.includereferences: true puts the manifest's config and layers here.
        String withReferences = DISTRIBUTION_PUSH.replace("\"tag\":\"1.0\"", "\"tag\":\"1.0\",\"references\":["
                + "{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"size\":233,\"digest\":\"" + DIGEST + "\"},"
                + "{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"size\":32,\"digest\":\"" + OTHER + "\"}]");
        RegistryEvent e = EventParser.parse(DISTRIBUTION_HEADERS, bytes(withReferences)).get(0);
        assertEquals(List.of(Descriptor.of("application/vnd.oci.image.config.v1+json", Digest.parse(DIGEST), 233),
                Descriptor.of("application/vnd.oci.image.layer.v1.tar+gzip", Digest.parse(OTHER), 32)), e.target().references());
        assertEquals(e, EventJsonCodec.fromJson(EventJsonCodec.toJson(e)), "references survive storage");
        assertEquals(List.of(e), EventParser.parse(DISTRIBUTION_HEADERS, EventJsonCodec.toEnvelope(List.of(e))),
                "and forwarding");
    }

    @Test
    void referencesThatAreNotDescriptorsAreDroppedAndTheEventKept() {
        String odd = DISTRIBUTION_PUSH.replace("\"tag\":\"1.0\"", "\"tag\":\"1.0\",\"references\":[\"" + DIGEST
                + "\",{\"digest\":\"" + DIGEST + "\"},7,null,{\"mediaType\":\"a/b\",\"size\":1,\"digest\":\"" + DIGEST + "\"}]");
        RegistryEvent e = EventParser.parse(DISTRIBUTION_HEADERS, bytes(odd)).get(0);
        assertEquals(List.of(Descriptor.of("a/b", Digest.parse(DIGEST), 1)), e.target().references());
        RegistryEvent notAnArray = EventParser.parse(DISTRIBUTION_HEADERS,
                bytes(DISTRIBUTION_PUSH.replace("\"tag\":\"1.0\"", "\"tag\":\"1.0\",\"references\":{\"x\":1}"))).get(0);
        assertEquals(List.of(), notAnArray.target().references());
    }

    @Test
    void distributionThreeAndUnknownFieldsAndActionsAreAcceptedAndUnknownFieldsKept() {
        String v2 = DISTRIBUTION_PUSH.replace("\"action\":\"push\"", "\"action\":\"Replicate\",\"future\":{\"x\":1}")
                .replace("\"tag\":\"1.0\"", "\"tag\":\"1.0\",\"fromRepository\":\"other\",\"annotations\":{\"a\":\"b\"}");
        RegistryEvent e = EventParser.parse(Map.of("content-type", List.of(EventParser.DISTRIBUTION_V2)), bytes(v2)).get(0);
        assertEquals("replicate", e.action().name());
        assertTrue(!e.action().isKnown());
        assertEquals(Optional.of("other"), e.target().fromRepository());
        assertEquals("{\"x\":1}", e.extensions().get("future").orElseThrow().toString());
        assertEquals(List.of("annotations"), e.target().extensions().names());
        assertEquals(e, EventJsonCodec.fromJson(EventJsonCodec.toJson(e)), "unknown fields survive storage");
    }

    @Test
    void optionalFieldsOfUnexpectedTypesReadAsAbsent() {
        String odd = DISTRIBUTION_PUSH.replace("\"size\":428", "\"size\":\"big\"").replace("\"length\":428", "\"length\":-1")
                .replace("\"tag\":\"1.0\"", "\"tag\":[1]").replace("\"digest\":\"" + DIGEST, "\"digest\":\"sha256:zz")
                .replace("\"useragent\":\"skopeo/1.9.3\"", "\"useragent\":{}").replace("\"actor\":{\"name\":\"alice\"}", "\"actor\":\"alice\"")
                .replace("\"source\":{", "\"source\":[{").replace("\"inst-1\"}", "\"inst-1\"}]");
        RegistryEvent e = EventParser.parse(DISTRIBUTION_HEADERS, bytes(odd)).get(0);
        assertEquals("9b7a2c1e-1", e.id());
        assertEquals(EventTarget.builder("team/app").mediaType("application/vnd.oci.image.manifest.v1+json")
                .url("http://127.0.0.1:5000/v2/team/app/manifests/" + DIGEST).build(), e.target());
        assertEquals("", e.request().userAgent());
        assertEquals("PUT", e.request().method());
        assertEquals("", e.actor());
        assertEquals(EventSource.NONE, e.source());
    }

    @Test
    void theBodyAloneIdentifiesDistribution() {
        assertEquals(EventFormat.DISTRIBUTION, EventParser.detect(Map.of(), bytes(DISTRIBUTION_PUSH)));
    }

    @Test
    void missingRequiredFieldsAreNamed() {
        EventParseException e = assertThrows(EventParseException.class, () -> EventParser.parse(DISTRIBUTION_HEADERS,
                bytes(DISTRIBUTION_PUSH.replace("\"repository\":\"team/app\",", ""))));
        assertTrue(e.getMessage().contains("events[0].target.repository"), e.getMessage());
        e = assertThrows(EventParseException.class, () -> EventParser.parse(DISTRIBUTION_HEADERS,
                bytes(DISTRIBUTION_PUSH.replace("2026-11-22T21:03:04.123456789Z", "yesterday"))));
        assertTrue(e.getMessage().contains("events[0].timestamp"), e.getMessage());
        e = assertThrows(EventParseException.class, () -> EventParser.parse(DISTRIBUTION_HEADERS,
                bytes(DISTRIBUTION_PUSH.replace("\"action\":\"push\"", "\"action\":7"))));
        assertTrue(e.getMessage().contains("events[0].action"), e.getMessage());
        e = assertThrows(EventParseException.class, () -> EventParser.parse(DISTRIBUTION_HEADERS,
                bytes(DISTRIBUTION_PUSH.replace("\"id\":\"9b7a2c1e-1\",", ""))));
        assertTrue(e.getMessage().contains("events[0].id"), e.getMessage());
        assertThrows(EventParseException.class, () -> EventParser.parse(DISTRIBUTION_HEADERS, bytes("{\"events\":{}}")));
        assertThrows(EventParseException.class, () -> EventParser.parse(DISTRIBUTION_HEADERS, bytes("not json")));
        assertThrows(EventParseException.class, () -> EventParser.parse(DISTRIBUTION_HEADERS, new byte[0]));
        assertTrue(assertThrows(EventParseException.class, () -> EventParser.parse(Map.of(), bytes("{\"hello\":1}")))
                .getMessage().contains("unrecognised webhook"));
    }

    @Test
    void oneBadEventRejectsTheWholeBody() {
        String two = DISTRIBUTION_PUSH.replace("}]}", "},{\"id\":\"x\"}]}");
        assertThrows(EventParseException.class, () -> EventParser.parse(DISTRIBUTION_HEADERS, bytes(two)));
    }

    @Test
    void readsHarborsOwnFormatOneEventPerResourceWithStableIds() {
        String harbor = """
                {"type":"PUSH_ARTIFACT","occur_at":1700000000,"operator":"admin","event_data":{
                  "resources":[{"digest":"%s","tag":"latest","resource_url":"harbor.example.com/library/nginx:latest"},
                               {"digest":"%s","tag":"1.25","resource_url":"harbor.example.com/library/nginx:1.25"}],
                  "repository":{"date_created":1690000000,"name":"nginx","namespace":"library","repo_full_name":"library/nginx","repo_type":"public"}}}
                """.formatted(DIGEST, DIGEST);
        List<RegistryEvent> events = EventParser.parse(Map.of("Content-Type", List.of("application/json")), bytes(harbor));
        assertEquals(2, events.size());
        assertEquals(EventAction.PUSH, events.get(0).action());
        assertEquals("library/nginx", events.get(0).target().repository());
        assertEquals(Optional.of("1.25"), events.get(1).target().tag());
        assertEquals("admin", events.get(0).actor());
        assertEquals(Instant.ofEpochSecond(1700000000), events.get(0).timestamp());
        assertEquals(EventFormat.HARBOR, events.get(0).format());
        assertTrue(!events.get(0).id().equals(events.get(1).id()));
        assertEquals(events, EventParser.parse(Map.of(), bytes(harbor)), "a redelivery yields the same ids");
    }

    @Test
    void otherFormatsReadOptionalFieldsOfOddTypesAsAbsentToo() {
        String harbor = """
                {"type":"PUSH_ARTIFACT","occur_at":1700000000,"operator":{"name":"admin"},"event_data":{
                  "resources":[{"digest":"not-a-digest","tag":7,"resource_url":null}],
                  "repository":{"name":"nginx","namespace":"library","repo_full_name":["x"]}}}
                """;
        RegistryEvent h = EventParser.parse(Map.of(), bytes(harbor)).get(0);
        assertEquals("library/nginx", h.target().repository());
        assertEquals("", h.actor());
        assertEquals(Optional.empty(), h.target().digest());
        String hub = "{\"callback_url\":1,\"push_data\":{\"pushed_at\":1417566161,\"pusher\":[],\"tag\":{}},"
                + "\"repository\":{\"repo_name\":\"acme/app\",\"repo_url\":false}}";
        RegistryEvent d = EventParser.parse(Map.of(), bytes(hub)).get(0);
        assertEquals("acme/app", d.target().repository());
        assertEquals(Optional.empty(), d.target().tag());
        String zot = "{\"specversion\":\"1.0\",\"id\":\"z\",\"type\":\"zotregistry.image.updated\",\"source\":5,"
                + "\"data\":{\"name\":\"golang\",\"reference\":[],\"digest\":\"sha256:zz\",\"mediaType\":1,\"manifest\":{}}}";
        RegistryEvent z = EventParser.parse(Map.of(), bytes(zot)).get(0);
        assertEquals("golang", z.target().repository());
        assertEquals(OptionalLong.empty(), z.target().size());
    }

    @Test
    void readsHarborCloudEvents() {
        String ce = """
                {"specversion":"1.0","id":"ce-42","requestid":"r","source":"/projects/1/webhook/policies/1",
                 "type":"harbor.artifact.deleted","datacontenttype":"application/json","time":"2026-01-02T03:04:05Z",
                 "data":{"resources":[{"digest":"%s","tag":"old","resource_url":"h/p/r:old"}],
                         "repository":{"name":"r","namespace":"p","repo_full_name":"p/r","repo_type":"private"}},
                 "operator":"robot$ci"}
                """.formatted(DIGEST);
        RegistryEvent e = EventParser.parse(Map.of("Content-Type", List.of("application/cloudevents+json")), bytes(ce)).get(0);
        assertEquals(EventFormat.HARBOR_CLOUDEVENTS, e.format());
        assertEquals("ce-42", e.id());
        assertEquals(EventAction.DELETE, e.action());
        assertEquals("p/r", e.target().repository());
        assertEquals("robot$ci", e.actor());
    }

    @Test
    void readsZotBinaryAndStructuredCloudEvents() {
        Map<String, List<String>> binaryHeaders = Map.of("Ce-Specversion", List.of("1.0"), "Ce-Id", List.of("z-1"),
                "Ce-Type", List.of("zotregistry.image.updated"), "Ce-Source", List.of("zotregistry.dev"),
                "Ce-Time", List.of("2026-05-06T07:08:09Z"), "Content-Type", List.of("application/json"));
        String data = "{\"name\":\"golang\",\"reference\":\"latest\",\"digest\":\"" + DIGEST
                + "\",\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"manifest\":\"{}\"}";
        RegistryEvent binary = EventParser.parse(binaryHeaders, bytes(data)).get(0);
        assertEquals(EventFormat.ZOT_CLOUDEVENTS, binary.format());
        assertEquals("z-1", binary.id());
        assertEquals(EventAction.PUSH, binary.action());
        assertEquals("golang", binary.target().repository());
        assertEquals(Optional.of("latest"), binary.target().tag());
        assertEquals(Instant.parse("2026-05-06T07:08:09Z"), binary.timestamp());
        assertEquals(OptionalLong.of(2), binary.target().size());

        String structured = "{\"specversion\":\"1.0\",\"id\":\"z-2\",\"type\":\"zotregistry.image.deleted\","
                + "\"source\":\"zotregistry.dev\",\"time\":\"2026-05-06T07:08:10Z\",\"data\":{\"name\":\"golang\","
                + "\"reference\":\"" + DIGEST + "\",\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"}}";
        RegistryEvent deleted = EventParser.parse(Map.of(), bytes(structured)).get(0);
        assertEquals(EventAction.DELETE, deleted.action());
        assertEquals(Optional.empty(), deleted.target().tag(), "a digest reference is not a tag");
        assertEquals(Digest.parse(DIGEST), deleted.target().digest().orElseThrow());

        Map<String, List<String>> badTime = new java.util.HashMap<>(binaryHeaders);
        badTime.put("Ce-Time", List.of("soon"));
        assertThrows(EventParseException.class, () -> EventParser.parse(badTime, bytes(data)));
    }

    @Test
    void readsDockerHubPushWebhooks() {
        String hub = """
                {"callback_url":"https://registry.hub.docker.com/u/acme/app/hook/abc/","push_data":{"pushed_at":1417566161,
                 "pusher":"trustedbuilder","tag":"latest"},"repository":{"name":"app","namespace":"acme","repo_name":"acme/app",
                 "repo_url":"https://registry.hub.docker.com/u/acme/app/","is_private":true,"status":"Active"}}
                """;
        RegistryEvent e = EventParser.parse(Map.of(), bytes(hub)).get(0);
        assertEquals(EventFormat.DOCKER_HUB, e.format());
        assertEquals("acme/app", e.target().repository());
        assertEquals(Optional.of("latest"), e.target().tag());
        assertEquals("trustedbuilder", e.actor());
        assertEquals(e.id(), EventParser.parse(Map.of(), bytes(hub)).get(0).id());
    }

    @Test
    void theFormatCanBeForced() {
        assertThrows(EventParseException.class,
                () -> EventParser.parse(EventFormat.HARBOR, DISTRIBUTION_HEADERS, bytes(DISTRIBUTION_PUSH)));
        assertEquals(1, EventParser.parse(EventFormat.DISTRIBUTION, Map.of(), bytes(DISTRIBUTION_PUSH)).size());
    }

    @Test
    void filtersDropPullsByDefaultAndCanSelectByMediaTypeAndRepository() {
        RegistryEvent push = EventParser.parse(DISTRIBUTION_HEADERS, bytes(DISTRIBUTION_PUSH)).get(0);
        RegistryEvent pull = EventParser.parse(DISTRIBUTION_HEADERS,
                bytes(DISTRIBUTION_PUSH.replace("\"action\":\"push\"", "\"action\":\"pull\""))).get(0);
        RegistryEvent blob = EventParser.parse(DISTRIBUTION_HEADERS, bytes(DISTRIBUTION_PUSH.replace(
                "application/vnd.oci.image.manifest.v1+json", "application/octet-stream"))).get(0);
        assertTrue(EventFilter.defaults().test(push));
        assertTrue(!EventFilter.defaults().test(pull));
        assertTrue(EventFilter.defaults().includingPulls().test(pull));
        EventFilter manifestsOnly = EventFilter.all().ignoringMediaTypes(java.util.Set.of("application/octet-stream"));
        assertTrue(manifestsOnly.test(push));
        assertTrue(!manifestsOnly.test(blob));
        assertTrue(EventFilter.all().onlyRepositories("team/.*").test(push));
        assertTrue(!EventFilter.all().onlyRepositories("other/.*").test(push));
    }
}
