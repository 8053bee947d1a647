package dev.berth.examples.ui;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** Answers kept for a while (the tag detail answers), at most a fixed number, dropped by key on change. */
final class ExpiringCache<K, V> {
    private record Entry<V>(V value, Instant expires) {
    }

    private final Duration ttl;
    private final Clock clock;
    private final int capacity;
    private final Map<K, Entry<V>> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long generation; // bumped by invalidation: a value read before it is not kept after it

    ExpiringCache(Duration ttl, Clock clock, int capacity) {
        this.ttl = ttl;
        this.clock = clock;
        this.capacity = capacity;
    }

    synchronized Optional<V> get(K key) {
        Entry<V> e = entries.get(key);
        if (e == null || !clock.instant().isBefore(e.expires())) {
            entries.remove(key);
            return Optional.empty();
        }
        return Optional.of(e.value());
    }

    synchronized long generation() {
        return generation;
    }

    /** Keeps the value unless something was invalidated since {@code readAt} ({@link #generation()} then). */
    synchronized void put(K key, V value, long readAt) {
        if (generation == readAt) {
            put(key, value);
        }
    }

    synchronized void put(K key, V value) {
        if (ttl.isZero()) {
            return;
        }
        entries.put(key, new Entry<>(value, clock.instant().plus(ttl)));
        if (entries.size() > capacity) {
            entries.remove(entries.keySet().iterator().next());
        }
    }

    synchronized void invalidateIf(Predicate<K> which) {
        generation++;
        entries.keySet().removeIf(which);
    }
}
