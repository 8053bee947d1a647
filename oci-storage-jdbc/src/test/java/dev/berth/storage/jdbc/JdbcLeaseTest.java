package dev.berth.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.model.InvalidArgumentException;
import dev.berth.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two instances contend for one lease in their shared database: one holds it at a time. */
class JdbcLeaseTest {
    private static final Duration TTL = Duration.ofMinutes(5);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T12:00:00Z"));
    private String url;
    private JdbcLease a;
    private JdbcLease b;

    @BeforeEach
    void twoInstances() {
        url = Postgres.newDatabase();
        a = JdbcMetadataStore.open(Postgres.dataSource(url), clock).lease();
        b = JdbcMetadataStore.open(Postgres.dataSource(url), clock).lease();
    }

    @Test
    void oneHoldsItUntilItReleasesIt() {
        assertTrue(a.tryAcquire("gc", "instance-a", TTL));
        assertFalse(b.tryAcquire("gc", "instance-b", TTL), "held by a");
        assertEquals(Optional.of("instance-a"), b.holder("gc"));
        assertTrue(a.tryAcquire("gc", "instance-a", TTL), "its holder may take it again");
        assertTrue(a.renew("gc", "instance-a", TTL));
        assertFalse(b.renew("gc", "instance-b", TTL), "only its holder renews it");
        assertFalse(b.release("gc", "instance-b"), "nor releases it");
        assertTrue(a.release("gc", "instance-a"));
        assertEquals(Optional.empty(), b.holder("gc"));
        assertTrue(b.tryAcquire("gc", "instance-b", TTL), "free again");
        assertTrue(a.tryAcquire("other", "instance-a", TTL), "leases are separate by name");
    }

    @Test
    void anExpiredLeaseGoesToTheNextAndItsOldHolderLearnsItOnRenewal() {
        assertTrue(a.tryAcquire("gc", "instance-a", TTL));
        clock.advance(TTL.minusSeconds(1));
        assertFalse(b.tryAcquire("gc", "instance-b", TTL), "not yet expired");
        assertTrue(a.renew("gc", "instance-a", TTL));
        clock.advance(TTL.minusSeconds(1));
        assertFalse(b.tryAcquire("gc", "instance-b", TTL), "the renewal counts from when it was made");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Optional.empty(), b.holder("gc"), "expired: held by nobody");
        assertTrue(b.tryAcquire("gc", "instance-b", TTL), "an instance that died lets its lease go");
        assertFalse(a.renew("gc", "instance-a", TTL), "the old holder must stop");
        assertFalse(a.release("gc", "instance-a"));
        assertEquals(Optional.of("instance-b"), a.holder("gc"));
    }

    @Test
    void ofManyTryingAtOnceExactlyOneGetsIt() throws Exception {
        int contenders = 8;
        CyclicBarrier start = new CyclicBarrier(contenders);
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        try {
            List<Future<Boolean>> tries = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                JdbcLease lease = i % 2 == 0 ? a : b;
                String holder = "instance-" + i;
                tries.add(pool.submit(() -> {
                    start.await();
                    return lease.tryAcquire("gc", holder, TTL);
                }));
            }
            int won = 0;
            for (Future<Boolean> f : tries) {
                won += f.get() ? 1 : 0;
            }
            assertEquals(1, won);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void badArgumentsAreRefusedByName() {
        assertEquals("ttl", assertThrows(InvalidArgumentException.class,
                () -> a.tryAcquire("gc", "instance-a", Duration.ZERO)).argument());
        assertEquals("holder", assertThrows(InvalidArgumentException.class,
                () -> a.tryAcquire("gc", " ", TTL)).argument());
        assertEquals("name", assertThrows(InvalidArgumentException.class, () -> a.release(null, "instance-a")).argument());
    }
}
