package dev.berth.events.receive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.events.EventParser;
import dev.berth.events.RegistryEvent;
import dev.berth.events.store.EventQuery;
import dev.berth.events.store.EventStore;
import dev.berth.events.store.EventStoreException;
import dev.berth.events.store.InMemoryEventStore;
import dev.berth.model.Page;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventReceiverTest {
    static final Map<String, List<String>> HEADERS = Map.of("Content-Type", List.of(EventParser.DISTRIBUTION_V1));

    static byte[] envelope(String id, String action) {
        return ("{\"events\":[{\"id\":\"" + id + "\",\"timestamp\":\"2026-11-22T10:00:00Z\",\"action\":\"" + action
                + "\",\"target\":{\"repository\":\"team/app\",\"tag\":\"1\"}}]}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void storesOnceAndAnswers200EvenForRedeliveries() {
        InMemoryEventStore store = new InMemoryEventStore();
        List<RegistryEvent> printed = new ArrayList<>();
        EventReceiver receiver = EventReceiver.builder(store).onStored(printed::add).build();
        EventReceiver.Result first = receiver.receive("POST", HEADERS, envelope("e1", "push"));
        assertEquals(200, first.status());
        assertEquals(1, first.stored().size());
        EventReceiver.Result again = receiver.receive("POST", HEADERS, envelope("e1", "push"));
        assertEquals(200, again.status());
        assertEquals(0, again.stored().size());
        assertEquals(1, again.duplicates());
        assertEquals(1, printed.size(), "the listener hears each event once");
        assertEquals(1, store.count(EventQuery.all()));
    }

    @Test
    void pullsAreIgnoredByDefaultButAcknowledged() {
        InMemoryEventStore store = new InMemoryEventStore();
        EventReceiver.Result r = EventReceiver.builder(store).build().receive("POST", HEADERS, envelope("p", "pull"));
        assertEquals(200, r.status(), "an ignored event must not be redelivered forever");
        assertEquals(1, r.ignored());
        assertEquals(0, store.count(EventQuery.all()));
    }

    @Test
    void refusesWhatItDidNotStoreSoTheRegistryRetries() {
        InMemoryEventStore store = new InMemoryEventStore();
        EventReceiver receiver = EventReceiver.builder(store).sharedSecret("Authorization", "Bearer s3cret")
                .maxBodyBytes(400).build();
        Map<String, List<String>> authorised = Map.of("Authorization", List.of("Bearer s3cret"));
        assertEquals(401, receiver.receive("POST", HEADERS, envelope("a", "push")).status());
        assertEquals(401, receiver.receive("POST", Map.of("Authorization", List.of("Bearer wrong")), envelope("a", "push")).status());
        assertEquals(405, receiver.receive("GET", authorised, envelope("a", "push")).status());
        assertEquals(413, receiver.receive("POST", authorised, new byte[401]).status());
        EventReceiver.Result malformed = receiver.receive("POST", authorised, "{\"events\":[{}]}".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, malformed.status());
        assertTrue(malformed.message().contains("events[0].id"), malformed.message());
        assertEquals(0, store.count(EventQuery.all()));
        assertEquals(200, receiver.receive("POST", authorised, envelope("a", "push")).status());
    }

    @Test
    void eventsAreKeptUnderTheRegistryTheyCameFromAndUnplacedOnesIgnored() {
        InMemoryEventStore store = new InMemoryEventStore();
        EventReceiver receiver = EventReceiver.builder(store).build();
        EventReceiver.Result placed = receiver.receive("POST", HEADERS, envelope("p1", "push"), e -> Optional.of("hub"));
        assertEquals(1, placed.stored().size());
        EventReceiver.Result unplaced = receiver.receive("POST", HEADERS, envelope("p2", "push"), e -> Optional.empty());
        assertEquals(200, unplaced.status());
        assertEquals(1, unplaced.ignored());
        assertEquals(1, store.count(EventQuery.all().registry("hub")));
        assertEquals(1, store.count(EventQuery.all()));
    }

    @Test
    void aFailingStoreAnswers503() {
        EventStore empty = new InMemoryEventStore();
        EventStore failing = new EventStore() {
            @Override
            public List<RegistryEvent> append(List<RegistryEvent> events) {
                throw new EventStoreException("database is down");
            }

            @Override
            public List<RegistryEvent> append(String registry, List<RegistryEvent> events) {
                throw new EventStoreException("database is down");
            }

            @Override
            public int deleteRegistry(String registry) {
                return 0;
            }

            @Override
            public Page<RegistryEvent> query(EventQuery query) {
                return empty.query(query);
            }

            @Override
            public long count(EventQuery query) {
                return empty.count(query);
            }

            @Override
            public int deleteRepository(String repository) {
                return 0;
            }

            @Override
            public void close() {
            }
        };
        assertEquals(503, EventReceiver.builder(failing).build().receive("POST", HEADERS, envelope("x", "push")).status());
    }

    @Test
    void theJdkServerAdapterServesThePath() throws Exception {
        InMemoryEventStore store = new InMemoryEventStore();
        try (EventReceiverServer server = EventReceiverServer.start(EventReceiver.builder(store).build(),
                new InetSocketAddress("127.0.0.1", 0), EventReceiverServer.DEFAULT_PATH)) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> ok = http.send(HttpRequest.newBuilder(server.uri())
                    .header("Content-Type", EventParser.DISTRIBUTION_V1)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(envelope("h1", "push"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ok.statusCode());
            assertTrue(ok.body().startsWith("stored 1"), ok.body());
            HttpResponse<String> other = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/eventsX"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(envelope("h2", "push"))).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, other.statusCode());
            HttpResponse<String> huge = http.send(HttpRequest.newBuilder(server.uri())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[EventReceiver.DEFAULT_MAX_BODY + 10])).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(413, huge.statusCode());
        }
        assertEquals(1, store.count(EventQuery.all()));
    }
}
