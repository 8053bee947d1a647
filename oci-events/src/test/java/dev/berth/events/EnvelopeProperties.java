package dev.berth.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.events.receive.EventReceiver;
import dev.berth.events.store.EventQuery;
import dev.berth.events.store.InMemoryEventStore;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * A receiver never refuses distribution's envelope over a field it does not
 * need: distribution would redeliver that event forever, and nothing after it.
 * What it needs (id, timestamp, action, target.repository) it checks; what is
 * not an envelope at all it refuses with {@link EventParseException}.
 */
class EnvelopeProperties {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, List<String>> HEADERS = Map.of("Content-Type", List.of(EventParser.DISTRIBUTION_V1));
    private static final String DIGEST = "sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";
    // Fields the parser reads but an event can do without, with where they sit.
    private static final List<String> OPTIONAL_TARGET = List.of("tag", "digest", "mediaType", "size", "length", "url",
            "references", "fromRepository");
    private static final List<String> OPTIONAL_EVENT = List.of("request", "actor", "source");
    private static final List<String> OPTIONAL_REQUEST = List.of("id", "addr", "host", "method", "useragent");
    private static final Set<String> REQUIRED = Set.of("id", "timestamp", "action", "target", "repository");

    /** One event as distribution 2.8 sends it, with includereferences on. */
    static ObjectNode wellFormed(String id, String repository, String action, Instant at) {
        ObjectNode e = JSON.objectNode().put("id", id).put("timestamp", at.toString()).put("action", action);
        ObjectNode t = e.putObject("target").put("mediaType", "application/vnd.oci.image.manifest.v1+json")
                .put("size", 428).put("digest", DIGEST).put("length", 428).put("repository", repository)
                .put("url", "http://127.0.0.1:5000/v2/" + repository + "/manifests/" + DIGEST).put("tag", "1.0");
        t.putArray("references").addObject().put("mediaType", "application/vnd.oci.image.config.v1+json")
                .put("size", 233).put("digest", DIGEST);
        e.putObject("request").put("id", "r").put("addr", "127.0.0.1:1").put("host", "h").put("method", "PUT")
                .put("useragent", "skopeo/1.9.3");
        e.putObject("actor").put("name", "alice");
        e.putObject("source").put("addr", "h:5000").put("instanceID", "i");
        return e;
    }

    @Property(tries = 1000)
    void envelopesWithUnknownFieldsAndOddTypesAreStoredWhole(@ForAll("mangledEnvelopes") Tuple.Tuple2<ObjectNode, List<ObjectNode>> sample)
            throws Exception {
        ObjectNode envelope = sample.get1();
        List<ObjectNode> events = sample.get2();
        byte[] body = MAPPER.writeValueAsBytes(envelope);

        List<RegistryEvent> parsed = EventParser.parse(HEADERS, body);
        assertEquals(events.size(), parsed.size());
        for (int i = 0; i < events.size(); i++) {
            ObjectNode sent = events.get(i);
            RegistryEvent got = parsed.get(i);
            assertEquals(sent.get("id").textValue(), got.id());
            assertEquals(Instant.parse(sent.get("timestamp").textValue()), got.timestamp());
            assertEquals(EventAction.of(sent.get("action").textValue()), got.action());
            assertEquals(sent.get("target").get("repository").textValue(), got.target().repository());
            assertEquals(got, EventJsonCodec.fromJson(EventJsonCodec.toJson(got)), "what is kept survives storage");
        }

        InMemoryEventStore store = new InMemoryEventStore();
        EventReceiver.Result result = EventReceiver.builder(store).filter(EventFilter.all()).build()
                .receive("POST", HEADERS, body);
        assertEquals(200, result.status(), result.message());
        assertEquals(events.stream().map(e -> e.get("id").textValue()).distinct().count(),
                store.count(EventQuery.all().limit(EventQuery.MAX_LIMIT)));
    }

    @Property(tries = 500)
    void whatIsNotAnEnvelopeIsATypedError(@ForAll("notEnvelopes") byte[] body) {
        assertThrows(EventParseException.class, () -> EventParser.parse(HEADERS, body));
    }

    @Provide
    Arbitrary<Tuple.Tuple2<ObjectNode, List<ObjectNode>>> mangledEnvelopes() {
        return mangledEvent().list().ofMinSize(1).ofMaxSize(4).flatMap(events ->
                extraFields().map(extra -> {
                    ObjectNode envelope = JSON.objectNode();
                    envelope.setAll(extra);
                    envelope.putArray("events").addAll(events);
                    return Tuple.of(envelope, events);
                }));
    }

    private Arbitrary<ObjectNode> mangledEvent() {
        Arbitrary<String> ids = Arbitraries.strings().ofMinLength(1).ofMaxLength(20);
        Arbitrary<String> repositories = Arbitraries.strings().ofMaxLength(30);
        Arbitrary<String> actions = Arbitraries.oneOf(Arbitraries.of("push", "pull", "delete", "mount"),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10));
        Arbitrary<Instant> times = Arbitraries.longs().between(0, 4_000_000_000L).map(Instant::ofEpochSecond);
        Arbitrary<ObjectNode> base = Combinators.combine(ids, repositories, actions, times).as(EnvelopeProperties::wellFormed);
        return Combinators.combine(base, replacements(OPTIONAL_EVENT), replacements(OPTIONAL_TARGET),
                replacements(OPTIONAL_REQUEST), extraFields(), extraFields(), extraFields())
                .as((e, eventOdd, targetOdd, requestOdd, eventExtra, targetExtra, requestExtra) -> {
                    ObjectNode target = (ObjectNode) e.get("target");
                    ObjectNode request = (ObjectNode) e.get("request");
                    request.setAll(requestOdd);
                    request.setAll(requestExtra);
                    target.setAll(targetOdd);
                    target.setAll(targetExtra);
                    e.setAll(eventOdd);
                    e.setAll(eventExtra);
                    return e;
                });
    }

    /** Some of these fields, each with any JSON value at all. */
    private Arbitrary<ObjectNode> replacements(List<String> fields) {
        return Arbitraries.subsetOf(fields).flatMap(chosen -> anyJson().list().ofSize(chosen.size()).map(values -> {
            ObjectNode o = JSON.objectNode();
            int i = 0;
            for (String name : chosen) {
                o.set(name, values.get(i++));
            }
            return o;
        }));
    }

    /** Fields the parser has never heard of, with any values (required names left alone). */
    private Arbitrary<ObjectNode> extraFields() {
        Arbitrary<String> names = Arbitraries.strings().ofMinLength(1).ofMaxLength(12)
                .filter(n -> !REQUIRED.contains(n) && !n.equals("events"));
        return Combinators.combine(names.list().ofMaxSize(4), anyJson().list().ofSize(4)).as((ns, vs) -> {
            ObjectNode o = JSON.objectNode();
            for (int i = 0; i < ns.size(); i++) {
                o.set(ns.get(i), vs.get(i));
            }
            return o;
        });
    }

    private Arbitrary<JsonNode> anyJson() {
        Arbitrary<JsonNode> scalars = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20).map(JSON::textNode),
                Arbitraries.longs().map(JSON::numberNode),
                Arbitraries.bigIntegers().between(BigInteger.TWO.pow(70).negate(), BigInteger.TWO.pow(70)).map(JSON::numberNode),
                Arbitraries.doubles().map(JSON::numberNode),
                Arbitraries.of(true, false).map(JSON::booleanNode),
                Arbitraries.just(JSON.nullNode()),
                Arbitraries.just(JSON.textNode(DIGEST)));
        Arbitrary<JsonNode> arrays = scalars.list().ofMaxSize(3).map(l -> {
            ArrayNode a = JSON.arrayNode();
            l.forEach(a::add);
            return a;
        });
        Arbitrary<JsonNode> objects = Combinators.combine(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8)
                .list().ofMaxSize(3), scalars.list().ofSize(3)).as((ns, vs) -> {
                    ObjectNode o = JSON.objectNode();
                    for (int i = 0; i < ns.size(); i++) {
                        o.set(ns.get(i), vs.get(i));
                    }
                    return o;
                });
        return Arbitraries.oneOf(scalars, arrays, objects);
    }

    @Provide
    Arbitrary<byte[]> notEnvelopes() {
        Arbitrary<JsonNode> notAnObject = anyJson().filter(j -> !j.isObject());
        Arbitrary<JsonNode> eventsNotAnArray = anyJson().filter(j -> !j.isArray() && !j.isNull())
                .map(j -> JSON.objectNode().set("events", j));
        Arbitrary<JsonNode> eventsOfNonObjects = anyJson().filter(j -> !j.isObject() && !j.isNull())
                .map(j -> JSON.objectNode().set("events", JSON.arrayNode().add(j)));
        Arbitrary<JsonNode> eventsWithoutWhatTheyNeed = Arbitraries.of("id", "timestamp", "action", "target").map(missing -> {
            ObjectNode e = wellFormed("x", "team/app", "push", Instant.EPOCH);
            e.remove(missing);
            return JSON.objectNode().set("events", JSON.arrayNode().add(e));
        });
        Arbitrary<byte[]> json = Arbitraries.oneOf(notAnObject, eventsNotAnArray, eventsOfNonObjects, eventsWithoutWhatTheyNeed)
                .map(j -> j.toString().getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> notJson = Arbitraries.strings().ofMaxLength(40).filter(s -> !s.strip().startsWith("{"))
                .map(s -> s.getBytes(StandardCharsets.UTF_8));
        return Arbitraries.oneOf(json, notJson);
    }
}
