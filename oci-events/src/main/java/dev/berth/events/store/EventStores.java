package dev.berth.events.store;

import dev.berth.events.RegistryEvent;
import dev.berth.model.InvalidArgumentException;
import java.util.List;
import java.util.Objects;

/** The argument checks Berth's own stores share. */
final class EventStores {
    private EventStores() {
    }

    // The empty name is "no registry" (append without one); a name of only spaces is a caller's mistake.
    static void requireRegistryName(String registry) {
        if (!InvalidArgumentException.requireNonNull(registry, "registry").isEmpty() && registry.isBlank()) {
            throw new InvalidArgumentException("registry", "must be empty (none) or a name, not blank");
        }
    }

    static void requireEvents(List<RegistryEvent> events, String name) {
        if (InvalidArgumentException.requireNonNull(events, name).stream().anyMatch(Objects::isNull)) {
            throw new InvalidArgumentException(name, "must not hold null");
        }
    }
}
