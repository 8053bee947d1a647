package dev.berth.events.store;

import dev.berth.events.RegistryEvent;
import java.util.List;
import java.util.Optional;

/**
 * One page of a query's answer.
 *
 * @param events     the events, newest first
 * @param total      how many events match the query in all pages
 * @param nextCursor where the next page starts, empty on the last page
 */
public record EventPage(List<RegistryEvent> events, long total, Optional<String> nextCursor) {
    /**
     * Copies the list.
     *
     * @param events the events, newest first
     * @param total how many events match the query in all pages
     * @param nextCursor where the next page starts, empty on the last page
     */
    public EventPage {
        events = List.copyOf(events);
    }
}
