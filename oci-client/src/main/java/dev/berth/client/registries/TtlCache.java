package dev.berth.client.registries;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Values that stay fresh for a fixed time after they were loaded. Failures are
 * not cached: the next call loads again. Two threads missing the same key at
 * once may both load it; the later answer wins.
 */
final class TtlCache<K, V> {
    private record Entry<V>(V value, Instant expires) {
    }

    private final Duration ttl;
    private final Clock clock;
    private final Map<K, Entry<V>> entries = new HashMap<>();
    private long generation; // bumped by invalidation, so a load that started before it is not stored after it

    TtlCache(Duration ttl, Clock clock) {
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("a cache TTL cannot be negative");
        }
        this.ttl = ttl;
        this.clock = clock;
    }

    V get(K key, Supplier<V> loader) {
        return lookup(key, false, loader).value();
    }

    /** A value and whether it came from the cache. */
    record Lookup<V>(V value, boolean hit) {
    }

    /** @param reload true to load even if a fresh value is cached (the loaded value replaces it) */
    Lookup<V> lookup(K key, boolean reload, Supplier<V> loader) {
        long loadGeneration;
        synchronized (this) {
            Entry<V> e = entries.get(key);
            if (!reload && e != null && clock.instant().isBefore(e.expires())) {
                return new Lookup<>(e.value(), true);
            }
            entries.remove(key);
            loadGeneration = generation;
        }
        Instant loadedAt = clock.instant();
        V value = loader.get();
        synchronized (this) {
            if (!ttl.isZero() && generation == loadGeneration) {
                entries.put(key, new Entry<>(value, loadedAt.plus(ttl)));
            }
        }
        return new Lookup<>(value, false);
    }

    synchronized void invalidateIf(Predicate<K> which) {
        generation++;
        entries.keySet().removeIf(which);
    }
}
