package dev.berth.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.events.receive.EventReceiver;
import dev.berth.events.receive.EventReceiverServer;
import dev.berth.events.send.EndpointConfig;
import dev.berth.events.send.EventSender;
import dev.berth.events.store.EventPage;
import dev.berth.events.store.EventQuery;
import dev.berth.events.store.EventStore;
import dev.berth.events.store.JdbcEventStore;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's oci-events quick start, kept compiling and true. */
class ReadmeExamplesTest {
    @TempDir
    Path dir;

    @Test
    void receiveStoreQueryAndSend() {
        List<String> printed = new ArrayList<>();
        try (EventStore store = JdbcEventStore.open("jdbc:sqlite:" + dir.resolve("events.db"))) {
            EventReceiver receiver = EventReceiver.builder(store)
                    .filter(EventFilter.defaults())
                    .sharedSecret("Authorization", "Bearer s3cret")
                    .onStored(e -> printed.add(e.summary()))
                    .build();
            try (EventReceiverServer server = EventReceiverServer.start(receiver, new InetSocketAddress("127.0.0.1", 0), "/events");
                 EventSender sender = new EventSender(EndpointConfig.of("audit", server.uri())
                         .withRetry(Duration.ofSeconds(1), 10, Duration.ofSeconds(1))
                         .withHeaders(java.util.Map.of("Authorization", List.of("Bearer s3cret"))))) {
                for (int i = 0; i < 25; i++) {
                    sender.send(Events.push("r" + i, 100 + i, "team/app", "v" + i));
                }
                assertEquals(true, sender.flush(Duration.ofSeconds(20)));
                assertEquals(25, sender.metrics().sent());
            }
            EventPage page = store.query(EventQuery.all().repository("team/app").action("push").limit(20));
            EventPage next = store.query(EventQuery.all().repository("team/app").action("push").limit(20)
                    .after(page.nextCursor().orElseThrow()));
            assertEquals(20, page.events().size());
            assertEquals(5, next.events().size());
            assertEquals(25, printed.size());
        }
    }
}
