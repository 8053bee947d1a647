package dev.berth.events.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.events.Events;
import dev.berth.events.RegistryEvent;
import dev.berth.model.Page;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryEventStoreTest extends EventStoreContract {
    @Override
    EventStore newStore() {
        return new InMemoryEventStore();
    }

    @Test
    void beyondItsCapacityTheOldestEventsAreDroppedAndCounted() {
        int capacity = 50;
        int extra = 7;
        List<RegistryEvent> all = new ArrayList<>();
        for (int i = 0; i < capacity + extra; i++) {
            all.add(Events.push("e" + i, 1_000 + i, "team/app", "t" + i));
        }
        List<RegistryEvent> shuffled = new ArrayList<>(all);
        Collections.shuffle(shuffled, new java.util.Random(7)); // arrival order does not decide what is kept
        InMemoryEventStore store = new InMemoryEventStore(capacity);
        shuffled.subList(0, 20).forEach(e -> store.append(List.of(e)));
        store.append(shuffled.subList(20, shuffled.size()));

        Page<RegistryEvent> page = store.query(EventQuery.all().limit(EventQuery.MAX_LIMIT));
        assertEquals(capacity, store.count(EventQuery.all()));
        List<RegistryEvent> newest = new ArrayList<>(all.subList(extra, all.size()));
        Collections.reverse(newest);
        assertEquals(newest, page.items(), "the newest N are kept, newest first");
        assertEquals(extra, store.dropped());
        assertEquals(capacity, store.capacity());

        store.append(List.of(all.get(0))); // older than everything kept: stored, then dropped at once
        assertEquals(extra + 1, store.dropped());
        assertEquals(newest, store.query(EventQuery.all().limit(EventQuery.MAX_LIMIT)).items());
        assertEquals(0, store.count(EventQuery.all().tag("t0")));
    }

    @Test
    void theDefaultStoreIsBoundedAndABoundBelowOneIsRefused() {
        assertEquals(InMemoryEventStore.DEFAULT_CAPACITY, new InMemoryEventStore().capacity());
        assertEquals(0, new InMemoryEventStore().dropped());
        assertThrows(dev.berth.model.InvalidArgumentException.class, () -> new InMemoryEventStore(0));
    }
}
