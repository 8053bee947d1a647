package dev.berth.examples.cli;

import dev.berth.events.store.EventStore;
import dev.berth.events.store.InMemoryEventStore;
import dev.berth.events.store.JdbcEventStore;

/** Opens the event store named by {@code --store}: {@code memory} or a JDBC URL. */
final class EventStores {
    private EventStores() {
    }

    static EventStore open(String spec) {
        if (spec.equals("memory")) {
            return new InMemoryEventStore();
        }
        if (spec.startsWith("jdbc:")) {
            return JdbcEventStore.open(spec);
        }
        throw new UsageException("--store must be \"memory\" or a JDBC URL such as jdbc:sqlite:events.db, not \"" + spec + "\"");
    }
}
