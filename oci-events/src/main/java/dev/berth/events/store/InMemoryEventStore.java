package dev.berth.events.store;

import dev.berth.events.RegistryEvent;
import dev.berth.model.Page;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * An {@link EventStore} in memory: for tests, demos and short-lived receivers.
 * It holds at most {@link #capacity()} events, so a receiver left running
 * costs a known amount of memory: beyond the bound the oldest events (in the
 * store's order, by timestamp) are dropped, and {@link #dropped()} counts them.
 * A dropped event is forgotten entirely, so a later redelivery of it is stored
 * again.
 */
public final class InMemoryEventStore implements EventStore {
    /** The default bound, {@value} events: a dashboard's worth of recent history. */
    public static final int DEFAULT_CAPACITY = 10_000;

    private final NavigableMap<EventOrder, RegistryEvent> events = new TreeMap<>();
    private final Map<String, EventOrder> byId = new HashMap<>();
    private final int capacity;
    private long dropped;

    /** A store holding at most {@value #DEFAULT_CAPACITY} events. */
    public InMemoryEventStore() {
        this(DEFAULT_CAPACITY);
    }

    /**
     * @param capacity the most events held, at least 1
     * @throws IllegalArgumentException if capacity is less than 1
     */
    public InMemoryEventStore(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("an event store must hold at least one event, capacity was " + capacity);
        }
        this.capacity = capacity;
    }

    /** @return the most events this store holds */
    public int capacity() {
        return capacity;
    }

    /** @return how many events were dropped, oldest first, to stay within the capacity */
    public synchronized long dropped() {
        return dropped;
    }

    @Override
    public synchronized List<RegistryEvent> append(List<RegistryEvent> batch) {
        List<RegistryEvent> added = new ArrayList<>();
        for (RegistryEvent e : batch) {
            if (!byId.containsKey(e.id())) {
                EventOrder key = EventOrder.of(e);
                byId.put(e.id(), key);
                events.put(key, e);
                added.add(e);
            }
        }
        while (events.size() > capacity) {
            byId.remove(events.pollLastEntry().getValue().id()); // newest first, so the last is the oldest
            dropped++;
        }
        return added;
    }

    @Override
    public synchronized Page<RegistryEvent> query(EventQuery q) {
        NavigableMap<EventOrder, RegistryEvent> view = q.cursor() == null ? events
                : events.tailMap(EventOrder.fromCursor(q.cursor()), false);
        List<RegistryEvent> page = new ArrayList<>();
        EventOrder last = null;
        boolean more = false;
        for (Map.Entry<EventOrder, RegistryEvent> entry : view.entrySet()) {
            if (!matches(q, entry.getValue())) {
                continue;
            }
            if (page.size() == q.limit()) {
                more = true;
                break;
            }
            page.add(entry.getValue());
            last = entry.getKey();
        }
        return more ? Page.of(page, last.toCursor()) : Page.last(page);
    }

    @Override
    public synchronized long count(EventQuery q) {
        return events.values().stream().filter(e -> matches(q, e)).count();
    }

    static boolean matches(EventQuery q, RegistryEvent e) {
        long micros = EventOrder.microsOf(e.timestamp());
        return (q.repository() == null || q.repository().equals(e.target().repository()))
                && (q.tag() == null || e.target().tag().map(q.tag()::equals).orElse(false))
                && (q.digest() == null || e.target().digest().map(q.digest()::equals).orElse(false))
                && (q.action() == null || q.action().name().equalsIgnoreCase(e.action().name()))
                && (q.actor() == null || q.actor().equals(e.actor()))
                && (q.from() == null || micros >= EventOrder.microsOf(q.from()))
                && (q.until() == null || micros < EventOrder.microsOf(q.until()));
    }

    @Override
    public synchronized int deleteRepository(String repository) {
        int removed = 0;
        for (var it = events.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<EventOrder, RegistryEvent> entry = it.next();
            if (entry.getValue().target().repository().equals(repository)) {
                byId.remove(entry.getValue().id());
                it.remove();
                removed++;
            }
        }
        return removed;
    }

    @Override
    public void close() {
        // nothing to release
    }
}
