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

    @Property(tries = 2000)
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

    @Provide
    Arbitrary<Map<String, List<String>>> headers() {
        return Arbitraries.of(Map.of(), Map.of("Content-Type", List.of(EventParser.DISTRIBUTION_V1)),
                Map.of("ce-type", List.of("zotregistry.image.updated"), "ce-id", List.of("1")),
                Map.of("ce-type", List.of("zotregistry.image.deleted"), "ce-time", List.of("2026-01-01T00:00:00Z")));
    }

    @Provide
    Arbitrary<String> jsonish() {
        Arbitrary<String> tokens = Arbitraries.of("{", "}", "[", "]", ",", ":", "\"events\"", "\"id\"", "\"x\"", "\"\"",
                "\"timestamp\"", "\"2026-01-01T00:00:00Z\"", "\"action\"", "\"push\"", "\"target\"", "\"repository\"",
                "\"digest\"", "\"sha256:abc\"", "\"size\"", "-1", "1", "1.5", "null", "true", "\"type\"", "\"event_data\"",
                "\"occur_at\"", "\"resources\"", "\"repo_full_name\"", "\"push_data\"", "\"pushed_at\"", "\"repo_name\"",
                "\"specversion\"", "\"harbor.artifact.pushed\"", "\"zotregistry.image.updated\"", "\"data\"", "\"name\"",
                "\"reference\"", "\"time\"", "\"request\"", "\"actor\"", "\"source\"", "99999999999999999999");
        return tokens.list().ofMaxSize(50).map(l -> String.join("", l));
    }
}
