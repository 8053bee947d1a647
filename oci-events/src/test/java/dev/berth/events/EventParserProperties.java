package dev.berth.events;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class EventParserProperties {

    /** Random JSON-ish text from every format's field names: parsed or refused with the typed error, nothing else. */
    @Property(tries = 3000)
    void arbitraryJsonNeverThrowsAnythingButTheTypedError(@ForAll("jsonish") String body, @ForAll("headers") Map<String, List<String>> headers) {
        try {
            List<RegistryEvent> events = EventParser.parse(headers, body.getBytes(StandardCharsets.UTF_8));
            events.forEach(e -> {
                if (e.id().isEmpty() || e.target().repository() == null) {
                    throw new AssertionError("an accepted event lacks what it needs: " + e);
                }
            });
        } catch (EventParseException expected) {
            // the only failure allowed
        }
    }

    @Property(tries = 500)
    void arbitraryBytesNeverThrowAnythingButTheTypedError(@ForAll byte[] body) {
        try {
            EventParser.parse(Map.of(), body);
        } catch (EventParseException expected) {
            // the only failure allowed
        }
    }

    @Property(tries = 300)
    void everyDocumentedFixtureMutatedNeverThrowsAnythingButTheTypedError(
            @ForAll("fixtures") WebhookFixtures.Fixture fixture, @ForAll("mutations") List<Mutation> mutations) {
        String body = new String(fixture.body(), StandardCharsets.UTF_8);
        for (Mutation m : mutations) {
            body = m.apply(body);
        }
        try {
            EventParser.parse(fixture.headers(), body.getBytes(StandardCharsets.UTF_8));
        } catch (EventParseException expected) {
            // the only failure allowed
        }
    }

    @Property(tries = 20)
    void hostileNestingIsRefusedAsTheTypedError(@ForAll("depths") int depth, @ForAll boolean arrays) {
        // deep enough to overflow a recursive reader's stack: the JSON reader's nesting limit refuses it first
        String open = arrays ? "[" : "{\"data\":";
        String close = arrays ? "]" : "}";
        String body = "[{\"specversion\":\"1.0\",\"id\":\"x\",\"type\":\"t\",\"data\":"
                + open.repeat(depth) + "1" + close.repeat(depth) + "}]";
        try {
            EventParser.parse(Map.of(), body.getBytes(StandardCharsets.UTF_8));
            throw new AssertionError("a body nested " + depth + " deep was read");
        } catch (EventParseException expected) {
            // the only failure allowed
        }
    }

    @Provide
    Arbitrary<Integer> depths() {
        return Arbitraries.integers().between(1_100, 200_000);
    }

    @Provide
    Arbitrary<WebhookFixtures.Fixture> fixtures() {
        return Arbitraries.of(WebhookFixtures.ALL);
    }

    /** One edit of a JSON text: a token replaced by another, or a cut. */
    interface Mutation {
        String apply(String body);
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<String> from = Arbitraries.of("\"", ":", "{", "}", "[", "]", ",", "\"id\"", "\"target\"", "\"data\"",
                "\"repository\"", "\"updated_tags\"", "\"event_data\"", "\"specversion\"", "\"type\"", "\"name\"",
                "\"timestamp\"", "\"eventType\"", "\"resources\"", "sha256:", "1.0", "push");
        Arbitrary<String> to = Arbitraries.of("", "null", "[]", "{}", "1", "-1", "\"\"", "true", "\"x\"", "[{}]",
                "99999999999999999999", "\"\\u0000\"", "\"2026-13-45T99:99:99Z\"");
        Arbitrary<Mutation> replace = Arbitraries.integers().between(0, 40).flatMap(nth -> from.flatMap(f -> to.map(t ->
                body -> replaceNth(body, f, t, nth))));
        Arbitrary<Mutation> cut = Arbitraries.integers().between(0, 4000).map(at -> body -> body.substring(0,
                Math.min(at, body.length())));
        return Arbitraries.oneOf(replace, replace, replace, cut).list().ofMinSize(1).ofMaxSize(4);
    }

    private static String replaceNth(String body, String from, String to, int nth) {
        int at = -1;
        for (int i = 0; i <= nth; i++) {
            at = body.indexOf(from, at + 1);
            if (at < 0) {
                return body;
            }
        }
        return body.substring(0, at) + to + body.substring(at + from.length());
    }

    @Provide
    Arbitrary<Map<String, List<String>>> headers() {
        return Arbitraries.of(Map.of(), Map.of("Content-Type", List.of(EventParser.DISTRIBUTION_V1)),
                Map.of("ce-type", List.of("zotregistry.image.updated"), "ce-id", List.of("1")),
                Map.of("ce-type", List.of("zotregistry.image.deleted"), "ce-time", List.of("2026-01-01T00:00:00Z")),
                Map.of("ce-specversion", List.of("1.0"), "ce-type", List.of("harbor.artifact.pushed"), "ce-id", List.of("h"),
                        "ce-time", List.of("2026-01-01T00:00:00Z")),
                Map.of("ce-specversion", List.of("1.0"), "ce-type", List.of("Microsoft.ContainerRegistry.ImagePushed"),
                        "ce-id", List.of("a")),
                Map.of("Content-Type", List.of("application/cloudevents-batch+json")));
    }

    @Provide
    Arbitrary<String> jsonish() {
        Arbitrary<String> tokens = Arbitraries.of("{", "}", "[", "]", ",", ":", "\"events\"", "\"id\"", "\"x\"", "\"\"",
                "\"timestamp\"", "\"2026-01-01T00:00:00Z\"", "\"action\"", "\"push\"", "\"target\"", "\"repository\"",
                "\"digest\"", "\"sha256:abc\"", "\"size\"", "-1", "1", "1.5", "null", "true", "\"type\"", "\"event_data\"",
                "\"occur_at\"", "\"resources\"", "\"repo_full_name\"", "\"push_data\"", "\"pushed_at\"", "\"repo_name\"",
                "\"specversion\"", "\"harbor.artifact.pushed\"", "\"zotregistry.image.updated\"", "\"data\"", "\"name\"",
                "\"reference\"", "\"time\"", "\"request\"", "\"actor\"", "\"source\"", "99999999999999999999",
                "\"eventType\"", "\"eventTime\"", "\"Microsoft.ContainerRegistry.ImagePushed\"",
                "\"Microsoft.EventGrid.SubscriptionValidationEvent\"", "\"updated_tags\"", "\"docker_url\"",
                "\"quay.io/a/b\"", "\"pushImage\"", "\"PUSH_ARTIFACT\"", "\"requestid\"", "\"com.example.image.updated\"",
                "\"resource_url\"", "\"host\"", "\"chart_push\"");
        return tokens.list().ofMaxSize(50).map(l -> String.join("", l));
    }
}
