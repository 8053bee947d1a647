package dev.berth.events.store;

import dev.berth.model.InvalidArgumentException;
import dev.berth.events.RegistryEvent;
import dev.berth.model.Page;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
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
    private final Map<String, String> registryById = new HashMap<>(); // only events appended under a registry's name
    private final int capacity;
    private long dropped;

    /** A store holding at most {@value #DEFAULT_CAPACITY} events. */
    public InMemoryEventStore() {
        this(DEFAULT_CAPACITY);
    }

    /**
     * @param capacity the most events held, at least 1
     * @throws InvalidArgumentException if capacity is less than 1
     */
    public InMemoryEventStore(int capacity) {
        if (capacity < 1) {
            throw new InvalidArgumentException("capacity", "must be at least one event, not " + capacity);
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
    public List<RegistryEvent> append(List<RegistryEvent> events) {
        return append("", events);
    }

    @Override
    public synchronized List<RegistryEvent> append(String registry, List<RegistryEvent> events) {
        EventStores.requireRegistryName(registry);
        EventStores.requireEvents(events, "events");
        List<RegistryEvent> added = new ArrayList<>();
        for (RegistryEvent e : events) {
            if (!byId.containsKey(e.id())) {
                EventOrder key = EventOrder.of(e);
                byId.put(e.id(), key);
                this.events.put(key, e);
                if (!registry.isEmpty()) {
                    registryById.put(e.id(), registry);
                }
                added.add(e);
            }
        }
        while (this.events.size() > capacity) {
            String oldest = this.events.pollLastEntry().getValue().id(); // newest first, so the last is the oldest
            byId.remove(oldest);
            registryById.remove(oldest);
            dropped++;
        }
        return added;
    }

    @Override
    public synchronized Page<RegistryEvent> query(EventQuery query) {
        InvalidArgumentException.requireNonNull(query, "query");
        NavigableMap<EventOrder, RegistryEvent> view = query.cursor()
                .map(c -> events.tailMap(EventOrder.fromCursor(c), false)).orElse(events);
        List<RegistryEvent> page = new ArrayList<>();
        EventOrder last = null;
        boolean more = false;
        for (Map.Entry<EventOrder, RegistryEvent> entry : view.entrySet()) {
            if (!matches(query, entry.getValue())) {
                continue;
            }
            if (page.size() == query.limit()) {
                more = true;
                break;
            }
            page.add(entry.getValue());
            last = entry.getKey();
        }
        return more ? Page.of(page, last.toCursor()) : Page.last(page);
    }

    @Override
    public synchronized long count(EventQuery query) {
        InvalidArgumentException.requireNonNull(query, "query");
        return events.values().stream().filter(e -> matches(query, e)).count();
    }

    private boolean matches(EventQuery query, RegistryEvent e) {
        long micros = EventOrder.microsOf(e.timestamp());
        return query.registry().map(r -> r.equals(registryById.getOrDefault(e.id(), ""))).orElse(true)
                && query.repository().map(e.target().repository()::equals).orElse(true)
                && query.tag().map(t -> e.target().tag().equals(Optional.of(t))).orElse(true)
                && query.digest().map(d -> e.target().digest().equals(Optional.of(d))).orElse(true)
                && query.action().map(a -> a.name().equalsIgnoreCase(e.action().name())).orElse(true)
                && query.actor().map(e.actor()::equals).orElse(true)
                && query.from().map(f -> micros >= EventOrder.microsOf(f)).orElse(true)
                && query.until().map(u -> micros < EventOrder.microsOf(u)).orElse(true);
    }

    @Override
    public synchronized int deleteRepository(String repository) {
        InvalidArgumentException.requireNonBlank(repository, "repository");
        int removed = 0;
        for (var it = events.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<EventOrder, RegistryEvent> entry = it.next();
            if (entry.getValue().target().repository().equals(repository)) {
                byId.remove(entry.getValue().id());
                registryById.remove(entry.getValue().id());
                it.remove();
                removed++;
            }
        }
        return removed;
    }

    @Override
    public synchronized int deleteRegistry(String registry) {
        InvalidArgumentException.requireNonBlank(registry, "registry");
        int removed = 0;
        for (var it = events.entrySet().iterator(); it.hasNext(); ) {
            String id = it.next().getValue().id();
            if (registry.equals(registryById.get(id))) {
                byId.remove(id);
                registryById.remove(id);
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
