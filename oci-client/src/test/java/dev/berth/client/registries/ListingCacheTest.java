package dev.berth.client.registries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.server.EmbeddedRegistry;
import dev.berth.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Catalogs and tag lists are cached for the TTL, by the set's clock, and dropped on demand. */
class ListingCacheTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void catalogsAndTagListsStayUntilTheTtlOrAnInvalidation() {
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder().start()) {
            RegistrySet set = RegistrySet.builder().cacheTtl(Duration.ofMinutes(1)).clock(clock).build();
            set.add(RegistryEntry.of("e", registry.hostPort()));
            TestImages.push(set.client("e"), "team/a", "1.0");
            assertEquals(List.of("team/a"), set.repositories("e"));
            assertEquals(List.of("1.0"), set.tags("e", "team/a"));

            TestImages.push(set.client("e"), "team/b", "1.0");
            TestImages.push(set.client("e"), "team/a", "2.0");
            clock.advance(Duration.ofSeconds(59));
            assertEquals(List.of("team/a"), set.repositories("e"), "still fresh");
            assertEquals(List.of("1.0"), set.tags("e", "team/a"), "still fresh");

            clock.advance(Duration.ofSeconds(1));
            assertEquals(List.of("team/a", "team/b"), set.repositories("e"), "expired");
            assertEquals(List.of("1.0", "2.0"), set.tags("e", "team/a"), "expired");

            TestImages.push(set.client("e"), "team/c", "1.0");
            TestImages.push(set.client("e"), "team/a", "3.0");
            assertEquals(List.of("1.0", "2.0"), set.tags("e", "team/a"), "fresh again");
            set.invalidate("e");
            assertEquals(List.of("team/a", "team/b", "team/c"), set.repositories("e"));
            assertEquals(List.of("1.0", "2.0", "3.0"), set.tags("e", "team/a"));
        }
    }

    @Test
    void theCachedFlagTheRefreshAndAOneRepositoryInvalidation() {
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder().start()) {
            RegistrySet set = RegistrySet.builder().cacheTtl(Duration.ofMinutes(1)).clock(clock).build();
            set.add(RegistryEntry.of("e", registry.hostPort()));
            TestImages.push(set.client("e"), "team/a", "1.0");
            TestImages.push(set.client("e"), "team/b", "1.0");
            assertEquals(new CachedList(List.of("team/a", "team/b"), false), set.repositories("e", false));
            assertEquals(new CachedList(List.of("team/a", "team/b"), true), set.repositories("e", false));
            assertEquals(new CachedList(List.of("1.0"), false), set.tags("e", "team/a", false));
            assertEquals(new CachedList(List.of("1.0"), false), set.tags("e", "team/b", false));

            TestImages.push(set.client("e"), "team/a", "2.0");
            TestImages.push(set.client("e"), "team/b", "2.0");
            assertEquals(new CachedList(List.of("1.0"), true), set.tags("e", "team/a", false));
            assertEquals(new CachedList(List.of("1.0", "2.0"), false), set.tags("e", "team/a", true), "refresh asks again");
            assertEquals(new CachedList(List.of("1.0", "2.0"), true), set.tags("e", "team/a", false), "and caches it");

            TestImages.push(set.client("e"), "team/c", "1.0");
            set.invalidate("e", "team/c");
            assertEquals(new CachedList(List.of("team/a", "team/b", "team/c"), false), set.repositories("e", false),
                    "a repository's change drops the catalog");
            assertEquals(new CachedList(List.of("1.0"), true), set.tags("e", "team/b", false), "not another's tags");
        }
    }

    @Test
    void anEditKeepsThePasswordUnlessTheUserGoes() {
        RegistrySet set = RegistrySet.inMemory();
        set.add(RegistryEntry.of("r", "localhost:5000").withUsername("ci"), new dev.berth.auth.vault.Secret("pw"));
        set.edit(RegistryEntry.of("r", "localhost:5001").withUsername("ci").withInsecure(true));
        assertEquals("localhost:5001", set.get("r").orElseThrow().address());
        assertEquals(true, set.hasPassword("r"), "kept");
        set.edit(RegistryEntry.of("r", "localhost:5001"));
        assertEquals(false, set.hasPassword("r"), "anonymous now");
        assertThrows(java.util.NoSuchElementException.class, () -> set.edit(RegistryEntry.of("nope", "localhost:1")));
    }

    @Test
    void replacingAnEntryDropsItsListings() {
        try (EmbeddedRegistry first = EmbeddedRegistry.builder().start();
             EmbeddedRegistry second = EmbeddedRegistry.builder().start()) {
            RegistrySet set = RegistrySet.builder().clock(clock).build();
            set.add(RegistryEntry.of("r", first.hostPort()));
            TestImages.push(set.client("r"), "one", "1");
            assertEquals(List.of("one"), set.repositories("r"));
            set.add(RegistryEntry.of("r", second.hostPort()));
            assertEquals(List.of(), set.repositories("r"));
        }
    }

    @Test
    void failuresAreNotCachedAndZeroTtlCachesNothing() {
        TtlCache<String, Integer> cache = new TtlCache<>(Duration.ofMinutes(1), clock);
        AtomicInteger loads = new AtomicInteger();
        assertThrows(IllegalStateException.class, () -> cache.get("k", () -> {
            loads.incrementAndGet();
            throw new IllegalStateException("registry down");
        }));
        assertEquals(2, cache.get("k", loads::incrementAndGet));
        assertEquals(2, cache.get("k", loads::incrementAndGet));

        TtlCache<String, Integer> none = new TtlCache<>(Duration.ZERO, clock);
        assertEquals(3, none.get("k", loads::incrementAndGet));
        assertEquals(4, none.get("k", loads::incrementAndGet));
    }

    @Test
    void aLoadThatStartedBeforeAnInvalidationIsNotKept() {
        TtlCache<String, String> cache = new TtlCache<>(Duration.ofMinutes(1), clock);
        assertEquals("stale", cache.get("k", () -> {
            cache.invalidateIf(k -> true); // an invalidation arrives while the registry is being asked
            return "stale";
        }));
        assertEquals("fresh", cache.get("k", () -> "fresh"));
    }
}
