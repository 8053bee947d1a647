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
import dev.berth.model.Page;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's oci-events quick start, word for word between the snippet markers (examples' ReadmeSnippetsTest
 * compares them), run and checked.
 */
class ReadmeExamplesTest {
    @TempDir
    Path dir;

    @Test
    void receiveStoreQueryAndSend() {
        String jdbcUrl = "jdbc:sqlite:" + dir.resolve("events.db");
        try (EventStore earlier = JdbcEventStore.open(jdbcUrl)) {
            List<RegistryEvent> pushes = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                pushes.add(Events.push("r" + i, 100 + i, "team/app", "v" + i));
            }
            earlier.append(pushes);
        }
        // snippet: events-receive
        EventStore store = JdbcEventStore.open(jdbcUrl);                      // "jdbc:sqlite:events.db", or new InMemoryEventStore()
        EventReceiver receiver = EventReceiver.builder(store)
                .filter(EventFilter.defaults())                                // everything but pulls
                .sharedSecret("Authorization", "Bearer s3cret")                // as distribution's endpoint headers send it
                .onStored(e -> System.out.println(e.summary()))
                .build();
        EventReceiverServer server = EventReceiverServer.start(receiver, new InetSocketAddress("127.0.0.1", 0), "/events"); // 0: a free port

        EventQuery pushes = EventQuery.all().repository("team/app").action(EventAction.PUSH).limit(20);
        Page<RegistryEvent> page = store.query(pushes);                   // newest first
        Page<RegistryEvent> next = store.query(pushes.after(page.next().orElseThrow()));  // empty next(): the last page
        long total = store.count(pushes);
        // end snippet
        try (store; server) {
            assertEquals(20, page.items().size());
            assertEquals(5, next.items().size());
            assertEquals(25, total);
        }
    }

    @Test
    void send() {
        InMemoryEventStore received = new InMemoryEventStore();
        RegistryEvent event = Events.push("sent-1", 100, "team/app", "1.0");
        try (EventReceiverServer receiver = EventReceiverServer.start(EventReceiver.builder(received).build(),
                new InetSocketAddress("127.0.0.1", 0), "/events")) {
            URI receiverUri = receiver.uri();
            // snippet: events-send
            try (EventSender sender = new EventSender(EndpointConfig.of("audit", receiverUri)    // such as server.uri() above
                    .withRetry(Duration.ofSeconds(1), 10, Duration.ofSeconds(1)))) {
                sender.send(event);            // QUEUED, FILTERED or DROPPED; never blocks
                sender.metrics();              // pending, sent, failed, dropped, filtered
            }                                  // close() delivers what it can within five seconds
            // end snippet
            assertEquals(List.of("sent-1"), received.query(EventQuery.all()).items().stream().map(RegistryEvent::id).toList());
        }
    }
}
