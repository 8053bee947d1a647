package dev.berth.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.InvalidArgumentException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * An event target says "absent" one way: every part but the repository reads back as an empty optional when
 * the registry did not send it, whatever the part's type, and distribution's JSON is written as before.
 */
class EventTargetTest {
    private static final Digest DIGEST = Digest.sha256("manifest".getBytes(StandardCharsets.UTF_8));

    @Test
    void everyPartButTheRepositoryIsAnOptionalOrACollection() {
        List<String> notOptional = new ArrayList<>();
        for (Method m : EventTarget.class.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == 0
                    && !List.of("toString", "hashCode", "toBuilder", "repository", "references", "extensions")
                    .contains(m.getName())) {
                Class<?> type = m.getReturnType();
                if (type != Optional.class && type != OptionalLong.class) {
                    notOptional.add(m.getName() + ": " + type.getSimpleName());
                }
            }
        }
        assertEquals(List.of(), notOptional);
        assertEquals(0, Arrays.stream(EventTarget.class.getConstructors()).count(), "built, not constructed");
    }

    @Test
    void aDeletionByDigestReadsEveryMissingPartAsEmpty() {
        String delete = """
                {"events":[{"id":"d-1","timestamp":"2026-11-22T21:03:04Z","action":"delete",
                  "target":{"digest":"%s","repository":"team/app"},
                  "request":{"id":"r","addr":"127.0.0.1:1","host":"h","method":"DELETE","useragent":"skopeo"},
                  "actor":{},"source":{"addr":"h:5000","instanceID":"i"}}]}
                """.formatted(DIGEST);
        EventTarget t = EventParser.parse(Map.of("Content-Type", List.of(EventParser.DISTRIBUTION_V1)),
                delete.getBytes(StandardCharsets.UTF_8)).get(0).target();
        assertEquals("team/app", t.repository());
        assertEquals(Optional.of(DIGEST), t.digest());
        assertEquals(Optional.empty(), t.tag());
        assertEquals(Optional.empty(), t.mediaType());
        assertEquals(OptionalLong.empty(), t.size());
        assertEquals(OptionalLong.empty(), t.length());
        assertEquals(Optional.empty(), t.url());
        assertEquals(Optional.empty(), t.fromRepository());
        assertEquals(List.of(), t.references());
        assertEquals(EventTarget.builder("team/app").digest(DIGEST).build(), t);
    }

    @Test
    void emptyTextAndZeroSizesAreDistributionsAbsenceAndReadBackAsSuch() {
        EventTarget zero = EventTarget.builder("team/app").tag("").mediaType("").url("").fromRepository("")
                .size(0).length(0).build();
        assertEquals(EventTarget.builder("team/app").build(), zero);
        assertEquals(Optional.empty(), zero.tag());
        assertEquals(OptionalLong.empty(), zero.size());
        EventTarget some = zero.toBuilder().tag("1.0").size(428).build();
        assertEquals(Optional.of("1.0"), some.tag());
        assertEquals(OptionalLong.of(428), some.size());
        assertEquals(OptionalLong.empty(), some.length(), "toBuilder keeps what was not changed");
    }

    @Test
    void aBadValueIsATypedErrorNamingIt() {
        EventTarget.Builder b = EventTarget.builder("team/app");
        assertEquals("repository", assertThrows(InvalidArgumentException.class, () -> EventTarget.builder(null)).argument());
        assertEquals("tag", assertThrows(InvalidArgumentException.class, () -> b.tag(null)).argument());
        assertEquals("digest", assertThrows(InvalidArgumentException.class, () -> b.digest(null)).argument());
        assertEquals("mediaType", assertThrows(InvalidArgumentException.class, () -> b.mediaType(null)).argument());
        assertEquals("size", assertThrows(InvalidArgumentException.class, () -> b.size(-1)).argument());
        assertEquals("length", assertThrows(InvalidArgumentException.class, () -> b.length(-1)).argument());
        assertEquals("url", assertThrows(InvalidArgumentException.class, () -> b.url(null)).argument());
        assertEquals("references", assertThrows(InvalidArgumentException.class, () -> b.references(null)).argument());
        List<Descriptor> withNull = new ArrayList<>();
        withNull.add(null);
        assertEquals("references", assertThrows(InvalidArgumentException.class, () -> b.references(withNull)).argument());
        assertEquals("fromRepository", assertThrows(InvalidArgumentException.class, () -> b.fromRepository(null)).argument());
        assertEquals("extensions", assertThrows(InvalidArgumentException.class, () -> b.extensions(null)).argument());
    }

    @Test
    void theJsonWrittenIsDistributionsAsBefore() {
        EventRequest request = new EventRequest("r", "127.0.0.1:1", "h", "PUT", "skopeo");
        EventSource source = new EventSource("h:5000", "i");
        Instant at = Instant.parse("2026-11-22T21:03:04Z");
        RegistryEvent push = new RegistryEvent("p-1", at, EventAction.PUSH, EventTarget.builder("team/app").tag("1.0")
                .digest(DIGEST).mediaType("application/vnd.oci.image.manifest.v1+json").size(428).length(428)
                .url("http://h/v2/team/app/manifests/" + DIGEST).build(), request, "alice", source, EventFormat.DISTRIBUTION);
        assertEquals("{\"id\":\"p-1\",\"timestamp\":\"2026-11-22T21:03:04Z\",\"action\":\"push\",\"target\":{"
                + "\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"size\":428,\"digest\":\"" + DIGEST
                + "\",\"length\":428,\"repository\":\"team/app\",\"url\":\"http://h/v2/team/app/manifests/" + DIGEST
                + "\",\"tag\":\"1.0\"},\"request\":{\"id\":\"r\",\"addr\":\"127.0.0.1:1\",\"host\":\"h\",\"method\":\"PUT\","
                + "\"useragent\":\"skopeo\"},\"actor\":{\"name\":\"alice\"},\"source\":{\"addr\":\"h:5000\","
                + "\"instanceID\":\"i\"},\"format\":\"DISTRIBUTION\"}", json(push));
        // A deletion has a digest and no size: distribution writes the zero size and length with the digest.
        RegistryEvent delete = new RegistryEvent("d-1", at, EventAction.DELETE, EventTarget.builder("team/app")
                .digest(DIGEST).build(), request, "", source, EventFormat.DISTRIBUTION);
        assertEquals("{\"id\":\"d-1\",\"timestamp\":\"2026-11-22T21:03:04Z\",\"action\":\"delete\",\"target\":{"
                + "\"size\":0,\"digest\":\"" + DIGEST + "\",\"length\":0,\"repository\":\"team/app\"},"
                + "\"request\":{\"id\":\"r\",\"addr\":\"127.0.0.1:1\",\"host\":\"h\",\"method\":\"PUT\","
                + "\"useragent\":\"skopeo\"},\"actor\":{},\"source\":{\"addr\":\"h:5000\","
                + "\"instanceID\":\"i\"},\"format\":\"DISTRIBUTION\"}", json(delete));
        assertEquals(delete, EventJsonCodec.fromJson(EventJsonCodec.toJson(delete)));
        // Without a digest either (a deletion by tag), nothing but the repository and the tag.
        RegistryEvent byTag = new RegistryEvent("d-2", at, EventAction.DELETE, EventTarget.builder("team/app").tag("old")
                .build(), request, "", source, EventFormat.DISTRIBUTION);
        String target = json(byTag).replaceAll(".*\"target\":(\\{[^}]*}).*", "$1");
        assertEquals("{\"repository\":\"team/app\",\"tag\":\"old\"}", target);
    }

    private static String json(RegistryEvent e) {
        return new String(EventJsonCodec.toJson(e), StandardCharsets.UTF_8);
    }
}
