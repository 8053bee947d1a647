package dev.berth.events.store;

import static dev.berth.events.Events.event;
import static dev.berth.events.Events.push;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.events.EventAction;
import dev.berth.events.EventTarget;
import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.Extensions;
import dev.berth.model.MediaType;
import dev.berth.events.RegistryEvent;
import dev.berth.model.Page;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link EventStore} must do; each implementation's test extends this. */
abstract class EventStoreContract {
    EventStore store;

    abstract EventStore newStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void appendIsIdempotentById() {
        RegistryEvent a = push("a", 10, "team/app", "1");
        assertEquals(List.of(a), store.append(List.of(a)));
        assertEquals(List.of(), store.append(List.of(a)));
        assertEquals(List.of(), store.append(List.of(a, a)));
        RegistryEvent b = push("b", 11, "team/app", "2");
        assertEquals(List.of(b), store.append(List.of(a, b, b)));
        assertEquals(2, store.count(EventQuery.all()));
    }

    @Test
    void everyFieldSurvivesStorage() {
        RegistryEvent e = event("full", Instant.parse("2026-11-22T21:03:04.123456789Z"), EventAction.of("replicate"),
                "team/app", "1.0", "alice");
        store.append(List.of(e));
        assertEquals(List.of(e), store.query(EventQuery.all()).items());
    }

    @Test
    void referencesAndUnknownFieldsSurviveStorage() {
        RegistryEvent plain = event("refs", Instant.parse("2026-11-22T21:03:04Z"), EventAction.PUSH, "team/app", "1.0", "");
        Descriptor config = Descriptor.of(MediaType.OCI_CONFIG, Digest.sha256(new byte[] {1}), 233);
        Descriptor layer = Descriptor.builder().mediaType(MediaType.OCI_LAYER_TAR_GZIP).digest(Digest.sha256(new byte[] {2}))
                .size(32).annotation("org.example", "x").build();
        EventTarget t = plain.target();
        ObjectNode targetExtra = JsonNodeFactory.instance.objectNode();
        targetExtra.putObject("annotations").put("a", "b");
        ObjectNode eventExtra = JsonNodeFactory.instance.objectNode();
        eventExtra.putArray("future").add(1).add("two");
        RegistryEvent e = new RegistryEvent(plain.id(), plain.timestamp(), plain.action(),
                t.toBuilder().references(List.of(config, layer)).extensions(Extensions.of(targetExtra)).build(),
                plain.request(), plain.actor(), plain.source(), plain.format(), Extensions.of(eventExtra));
        store.append(List.of(e));
        RegistryEvent back = store.query(EventQuery.all()).items().get(0);
        assertEquals(e, back);
        assertEquals(List.of(config, layer), back.target().references());
    }

    @Test
    void queriesReturnNewestFirstAndFilterOnEveryField() {
        store.append(List.of(push("1", 100, "team/app", "1"), push("2", 300, "team/app", "2"),
                push("3", 200, "other/app", "1"),
                event("4", Instant.ofEpochSecond(400), EventAction.DELETE, "team/app", "1", "bob")));
        assertEquals(List.of("4", "2", "3", "1"), ids(store.query(EventQuery.all())));
        assertEquals(List.of("4", "2", "1"), ids(store.query(EventQuery.all().repository("team/app"))));
        assertEquals(List.of("4", "3", "1"), ids(store.query(EventQuery.all().tag("1"))));
        assertEquals(List.of("4"), ids(store.query(EventQuery.all().action(EventAction.DELETE))));
        assertEquals(List.of("4"), ids(store.query(EventQuery.all().actor("bob"))));
        RegistryEvent two = push("2", 300, "team/app", "2");
        assertEquals(List.of("2"), ids(store.query(EventQuery.all().digest(two.target().digest().orElseThrow()))));
        assertEquals(List.of("2", "3"), ids(store.query(EventQuery.all()
                .between(Instant.ofEpochSecond(200), Instant.ofEpochSecond(400)))));
        assertEquals(List.of("1"), ids(store.query(EventQuery.all().repository("team/app").tag("1").action(EventAction.PUSH))));
    }

    @Test
    void equalTimestampsAreOrderedById() {
        store.append(List.of(push("b", 5, "r", "t"), push("c", 5, "r", "t"), push("a", 5, "r", "t")));
        assertEquals(List.of("c", "b", "a"), ids(store.query(EventQuery.all())));
    }

    @Test
    void cursorPaginationVisitsEveryEventOnceWithATotal() {
        List<RegistryEvent> all = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            all.add(push(String.format("e%02d", i), 1000 + i / 3, i % 2 == 0 ? "even" : "odd", "t" + i));
        }
        store.append(all);
        List<String> seen = new ArrayList<>();
        EventQuery q = EventQuery.all().limit(5);
        Page<RegistryEvent> page = store.query(q);
        int pages = 1;
        seen.addAll(ids(page));
        while (page.next().isPresent()) {
            assertEquals(23, store.count(q.after(page.next().get())), "a count ignores the cursor");
            page = store.query(q.after(page.next().get()));
            seen.addAll(ids(page));
            pages++;
        }
        assertEquals(5, pages);
        assertEquals(23, seen.size());
        assertEquals(23, new HashSet<>(seen).size());
        assertEquals(ids(store.query(EventQuery.all().limit(100))), seen);

        Page<RegistryEvent> even = store.query(EventQuery.all().repository("even").limit(10));
        assertEquals(12, store.count(EventQuery.all().repository("even").limit(10)), "a count ignores the limit");
        Page<RegistryEvent> rest = store.query(EventQuery.all().repository("even").limit(10).after(even.next().orElseThrow()));
        assertEquals(2, rest.items().size());
        assertTrue(rest.isLast());
    }

    @Test
    void aForeignCursorIsATypedError() {
        assertThrows(EventStoreException.class, () -> store.query(EventQuery.all().after("not-a-cursor!")));
        assertEquals("limit", assertThrows(dev.berth.model.InvalidArgumentException.class, () -> EventQuery.all().limit(0)).argument());
    }

    @Test
    void deletingARepositoryForgetsOnlyItsHistory() {
        store.append(List.of(push("1", 1, "gone", "a"), push("2", 2, "gone", "b"), push("3", 3, "kept", "a")));
        assertEquals(2, store.deleteRepository("gone"));
        assertEquals(List.of("3"), ids(store.query(EventQuery.all())));
        assertEquals(List.of(push("1", 1, "gone", "a")), store.append(List.of(push("1", 1, "gone", "a"))),
                "a deleted event can be stored again");
    }

    @Test
    void eventsKeptUnderARegistryAreQueriedAndForgottenWithIt() {
        store.append("hub", List.of(push("1", 1, "app", "a"), push("2", 2, "app", "b")));
        store.append("corp", List.of(push("3", 3, "app", "a")));
        store.append(List.of(push("4", 4, "app", "a")));
        assertEquals(List.of("2", "1"), ids(store.query(EventQuery.all().registry("hub").repository("app"))));
        assertEquals(List.of("4"), ids(store.query(EventQuery.all().registry(""))), "no registry is the empty name");
        assertEquals(1, store.count(EventQuery.all().registry("hub").tag("a")));
        assertEquals(List.of(), store.append("corp", List.of(push("1", 1, "app", "a"))), "an id is unique across registries");
        assertEquals(2, store.deleteRegistry("hub"));
        assertEquals(0, store.deleteRegistry("hub"));
        assertEquals(List.of("4", "3"), ids(store.query(EventQuery.all())), "other registries' events stay");
        assertEquals("registry", assertThrows(dev.berth.model.InvalidArgumentException.class,
                () -> store.deleteRegistry(" ")).argument());
    }

    @Test
    void concurrentAppendsLoseNothingAndDuplicateNothing() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<RegistryEvent>>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    List<RegistryEvent> added = new ArrayList<>();
                    for (int i = 0; i < 50; i++) {
                        // every thread offers the same 50 events: each must be stored exactly once
                        added.addAll(store.append(List.of(push("c" + i, i, "r", "t"))));
                    }
                    return added;
                }));
            }
            Set<String> addedIds = new HashSet<>();
            int addedCount = 0;
            for (Future<List<RegistryEvent>> f : futures) {
                for (RegistryEvent e : f.get()) {
                    addedIds.add(e.id());
                    addedCount++;
                }
            }
            assertEquals(50, addedCount);
            assertEquals(50, addedIds.size());
            assertEquals(50, store.count(EventQuery.all()));
        } finally {
            pool.shutdownNow();
        }
    }

    static List<String> ids(Page<RegistryEvent> page) {
        List<String> ids = new ArrayList<>();
        page.items().forEach(e -> ids.add(e.id()));
        return ids;
    }
}
