package dev.berth.events.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.events.EventAction;
import dev.berth.events.Events;
import dev.berth.events.RegistryEvent;
import dev.berth.model.Page;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The store guarantees, checked on random event streams against both stores. */
class EventStoreProperties {

    private static final List<Function<Path, EventStore>> STORES = List.of(
            dir -> new InMemoryEventStore(),
            dir -> JdbcEventStore.open("jdbc:sqlite:" + dir.resolve("events.db")));

    @Property(tries = 60)
    void appendIsIdempotentAndReturnsExactlyTheNewEvents(@ForAll("batches") List<List<RegistryEvent>> batches) throws IOException {
        for (Function<Path, EventStore> factory : STORES) {
            Path dir = Files.createTempDirectory("berth-store");
            try (EventStore store = factory.apply(dir)) {
                Map<String, RegistryEvent> model = new LinkedHashMap<>();
                for (List<RegistryEvent> batch : batches) {
                    List<RegistryEvent> expectedNew = new ArrayList<>();
                    for (RegistryEvent e : batch) {
                        if (!model.containsKey(e.id())) {
                            model.put(e.id(), e);
                            expectedNew.add(e);
                        }
                    }
                    assertEquals(expectedNew, store.append(batch));
                }
                assertEquals(model.size(), store.count(EventQuery.all()));
            } finally {
                deleteRecursively(dir);
            }
        }
    }

    @Property(tries = 60)
    void paginationReturnsEveryEventExactlyOnceInOrder(@ForAll("batches") List<List<RegistryEvent>> batches,
                                                       @ForAll @IntRange(min = 1, max = 7) int pageSize,
                                                       @ForAll("repositories") String repository) throws IOException {
        for (Function<Path, EventStore> factory : STORES) {
            Path dir = Files.createTempDirectory("berth-store");
            try (EventStore store = factory.apply(dir)) {
                Map<String, RegistryEvent> model = new LinkedHashMap<>();
                for (List<RegistryEvent> batch : batches) {
                    store.append(batch);
                    batch.forEach(e -> model.putIfAbsent(e.id(), e));
                }
                List<RegistryEvent> expected = model.values().stream()
                        .filter(e -> e.target().repository().equals(repository))
                        .sorted(Comparator.comparing(EventOrder::of))
                        .toList();
                EventQuery q = EventQuery.all().repository(repository).limit(pageSize);
                List<RegistryEvent> seen = new ArrayList<>();
                Page<RegistryEvent> page = store.query(q);
                seen.addAll(page.items());
                assertEquals(expected.size(), store.count(q));
                while (page.next().isPresent()) {
                    page = store.query(q.after(page.next().get()));
                    seen.addAll(page.items());
                }
                assertEquals(expected, seen);
            } finally {
                deleteRecursively(dir);
            }
        }
    }

    @Provide
    Arbitrary<String> repositories() {
        return Arbitraries.of("a", "b/c", "d");
    }

    @Provide
    Arbitrary<List<List<RegistryEvent>>> batches() {
        // Few ids and timestamps, so duplicates and equal timestamps are common.
        Arbitrary<RegistryEvent> event = Combinators.combine(
                Arbitraries.integers().between(0, 30).map(i -> "id-" + i),
                Arbitraries.longs().between(0, 8).map(s -> Instant.ofEpochSecond(1_700_000_000L + s, 500)),
                Arbitraries.of(EventAction.PUSH, EventAction.DELETE, EventAction.PULL),
                Arbitraries.of("a", "b/c", "d"),
                Arbitraries.of("t1", "t2"))
                .as((id, at, action, repo, tag) -> Events.event(id, at, action, repo, tag, "u"));
        return event.list().ofMaxSize(8).list().ofMaxSize(6);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
