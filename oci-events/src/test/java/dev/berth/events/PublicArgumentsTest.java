package dev.berth.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.events.receive.EventReceiver;
import dev.berth.events.receive.EventReceiverServer;
import dev.berth.events.send.EndpointConfig;
import dev.berth.events.send.EventSender;
import dev.berth.events.store.EventQuery;
import dev.berth.events.store.EventStore;
import dev.berth.events.store.InMemoryEventStore;
import dev.berth.events.store.JdbcEventStore;
import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.Extensions;
import dev.berth.model.MediaType;
import dev.berth.testsupport.PublicArguments;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public entry points of oci-events take no null as a meaningful argument: each refuses a null, blank
 * or negative argument with {@link dev.berth.model.InvalidArgumentException} naming the parameter, before
 * it does anything (no server starts, nothing is stored or sent).
 */
class PublicArgumentsTest {
    private static final byte[] BODY = "{\"events\":[]}".getBytes(StandardCharsets.UTF_8);
    private static final Digest DIGEST = Digest.sha256(BODY);
    // a closed loopback port: nothing is ever delivered there
    private static final URI NOWHERE = URI.create("http://127.0.0.1:1/events");

    private final InMemoryEventStore store = new InMemoryEventStore();

    @TempDir
    Path dir;

    private PublicArguments checker() {
        EventTarget target = EventTarget.builder("team/app").tag("1.0").digest(DIGEST).build();
        RegistryEvent event = new RegistryEvent("1", Instant.EPOCH, EventAction.PUSH, target, EventRequest.NONE, "",
                EventSource.NONE, EventFormat.DISTRIBUTION);
        return PublicArguments.with(Map.ofEntries(
                        Map.entry(Digest.class, DIGEST),
                        Map.entry(Instant.class, Instant.EPOCH),
                        Map.entry(Duration.class, Duration.ofSeconds(1)),
                        Map.entry(URI.class, NOWHERE),
                        Map.entry(byte[].class, BODY),
                        Map.entry(Map.class, Map.of()),
                        Map.entry(List.class, List.of()),
                        Map.entry(Set.class, Set.of()),
                        Map.entry(Extensions.class, Extensions.none()),
                        Map.entry(Descriptor.class, Descriptor.forContent(MediaType.OCTET_STREAM, BODY)),
                        Map.entry(EventAction.class, EventAction.PUSH),
                        Map.entry(EventFormat.class, EventFormat.DISTRIBUTION),
                        Map.entry(EventTarget.class, target),
                        Map.entry(EventRequest.class, EventRequest.NONE),
                        Map.entry(EventSource.class, EventSource.NONE),
                        Map.entry(RegistryEvent.class, event),
                        Map.entry(EventFilter.class, EventFilter.all()),
                        Map.entry(EventQuery.class, EventQuery.all()),
                        Map.entry(EventStore.class, store),
                        Map.entry(EventReceiver.class, EventReceiver.builder(store).build()),
                        Map.entry(EndpointConfig.class, EndpointConfig.of("test", NOWHERE)),
                        Map.entry(InetSocketAddress.class, new InetSocketAddress("127.0.0.1", 0)),
                        Map.entry(HttpClient.class, HttpClient.newHttpClient()),
                        Map.entry(Consumer.class, (Consumer<Object>) e -> { }),
                        Map.entry(Function.class, (Function<Object, Optional<String>>) e -> Optional.empty())))
                .strings(Map.ofEntries(Map.entry("registry", "dist"), Map.entry("repository", "team/app"), Map.entry("tag", "1.0"),
                        Map.entry("mediaType", MediaType.OCI_MANIFEST), Map.entry("url", "http://h/v2/"),
                        Map.entry("fromRepository", "team/other"), Map.entry("actor", "alice"), Map.entry("id", "1"),
                        Map.entry("cursor", "x"), Map.entry("regex", "team/.*"), Map.entry("name", "test"),
                        Map.entry("method", "POST"), Map.entry("header", "Authorization"),
                        Map.entry("value", "Bearer s3cret"), Map.entry("text", "text"), Map.entry("addr", "127.0.0.1:1"),
                        Map.entry("host", "h"), Map.entry("userAgent", "ua"), Map.entry("instanceId", "i"),
                        Map.entry("path", "/events"), Map.entry("jdbcUrl", "jdbc:nothing:"),
                        Map.entry("jdbcUrlSample", "")))
                // distribution's encoding: empty text is "none" in a target and the parts of a request or source
                .blankAllowed("tag", "mediaType", "url", "fromRepository", "actor", "addr", "host", "method",
                        "userAgent", "instanceId", "text");
    }

    @Test
    void eventsAndTheirPartsNameEveryBadArgument() {
        // an event's id and repository are whatever the registry sent, as long as it sent them
        PublicArguments check = checker().blankAllowed("id", "repository");
        List<String> failures = new ArrayList<>();
        failures.addAll(check.check(RegistryEvent.class, (Object) null));
        failures.addAll(check.check(EventRequest.class, (Object) null));
        failures.addAll(check.check(EventSource.class, (Object) null));
        failures.addAll(check.check(EventTarget.class, (Object) null));
        failures.addAll(check.check(EventTarget.Builder.class, t -> EventTarget.builder("team/app")));
        failures.addAll(check.check(EventAction.class, (Object) null));
        failures.addAll(check.check(EventText.class, (Object) null));
        failures.addAll(check.check(EventParser.class, (Object) null));
        failures.addAll(check.check(EventJsonCodec.class, (Object) null));
        assertEquals(List.of(), failures, String.join("\n", failures));
    }

    @Test
    void filtersQueriesAndStoresNameEveryBadArgument() {
        PublicArguments check = checker();
        List<String> failures = new ArrayList<>();
        failures.addAll(check.check(EventFilter.class, EventFilter.defaults()));
        failures.addAll(check.check(EventQuery.class, EventQuery.all()));
        failures.addAll(check.check(InMemoryEventStore.class, store));
        try (JdbcEventStore jdbc = JdbcEventStore.open("jdbc:sqlite:" + dir.resolve("events.db"))) {
            failures.addAll(check.skip("close").check(JdbcEventStore.class, jdbc));
        }
        assertEquals(List.of(), failures, String.join("\n", failures));
    }

    @Test
    void receiversAndSendersNameEveryBadArgument() {
        PublicArguments check = checker();
        List<String> failures = new ArrayList<>();
        failures.addAll(check.check(EventReceiver.class, EventReceiver.builder(store).build()));
        failures.addAll(check.check(EventReceiver.Builder.class, t -> EventReceiver.builder(store)));
        failures.addAll(check.check(EventReceiverServer.class, (Object) null));
        failures.addAll(check.check(EndpointConfig.class, EndpointConfig.of("test", NOWHERE)));
        try (EventSender sender = new EventSender(EndpointConfig.of("test", NOWHERE))) {
            failures.addAll(check.skip("close").check(EventSender.class, sender));
        }
        assertEquals(List.of(), failures, String.join("\n", failures));
    }
}
