package dev.berth.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The detection table: every documented fixture is detected as its format and
 * read without error, and read as any other format it is refused. So no body
 * fits two formats, and detection's choice is the only one that reads it.
 */
class FormatDetectionTest {

    static Stream<WebhookFixtures.Fixture> fixtures() {
        return WebhookFixtures.ALL.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void eachFixtureIsDetectedAsItsFormat(WebhookFixtures.Fixture f) {
        assertEquals(f.format(), EventParser.detect(f.headers(), f.body()));
        List<RegistryEvent> events = EventParser.parse(f.headers(), f.body());
        events.forEach(e -> assertEquals(f.format(), e.format()));
        events.forEach(e -> assertEquals(e, EventJsonCodec.fromJson(EventJsonCodec.toJson(e)), "stored and read back"));
        // forcing the detected format reads the same (Quay's times are arrival times, so compare what was sent)
        assertEquals(events.stream().map(RegistryEvent::target).toList(),
                EventParser.parse(f.format(), f.headers(), f.body()).stream().map(RegistryEvent::target).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void theBodyAloneDecidesExceptForBinaryModeCloudEvents(WebhookFixtures.Fixture f) {
        if (f.headers().keySet().stream().anyMatch(h -> h.toLowerCase(java.util.Locale.ROOT).startsWith("ce-"))) {
            return; // a binary-mode CloudEvent's attributes are its headers: without them it is bare data
        }
        assertEquals(f.format(), EventParser.detect(Map.of(), f.body()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void noFixtureReadsAsAnotherFormat(WebhookFixtures.Fixture f) {
        for (EventFormat other : EventFormat.values()) {
            if (other != f.format()) {
                assertThrows(EventParseException.class, () -> EventParser.parse(other, f.headers(), f.body()),
                        f.file() + " read as " + other);
            }
        }
    }

    @Test
    void everyFormatHasAFixture() {
        assertEquals(Set.of(EventFormat.values()),
                WebhookFixtures.ALL.stream().map(WebhookFixtures.Fixture::format).collect(Collectors.toSet()));
    }
}
