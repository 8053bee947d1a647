package dev.berth.events.store;

import dev.berth.events.RegistryEvent;
import dev.berth.model.InvalidArgumentException;
import java.util.List;
import java.util.Objects;

/** The argument checks Berth's own stores share. */
final class EventStores {
    private EventStores() {
    }

    static void requireEvents(List<RegistryEvent> events, String name) {
        if (InvalidArgumentException.requireNonNull(events, name).stream().anyMatch(Objects::isNull)) {
            throw new InvalidArgumentException(name, "must not hold null");
        }
    }
}
