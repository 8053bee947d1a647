package dev.berth.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Bounded concurrency for searches, tests and tag lookups: the bound holds and failures stay with their item. */
class BoundedParallelTest {

    @Test
    void noMoreThanTheBoundRunAtOnce() {
        int bound = 3;
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch all = new CountDownLatch(bound);
        List<Integer> items = IntStream.range(0, 12).boxed().toList();
        List<BoundedParallel.Outcome<Integer>> outcomes = new BoundedParallel(bound, "berth-test").map(items, i -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            all.countDown();
            try {
                all.await(5, TimeUnit.SECONDS); // the first ones wait until the bound is reached
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            if (i == 7) {
                throw new IllegalStateException("seven fails");
            }
            return i * 2;
        });
        assertEquals(bound, most.get());
        List<Integer> values = new ArrayList<>();
        outcomes.forEach(o -> values.add(o.value()));
        assertEquals(List.of(0, 2, 4, 6, 8, 10, 12, 16, 18, 20, 22), values.stream().filter(v -> v != null).toList());
        assertEquals("seven fails", outcomes.get(7).failure().getMessage());
        assertEquals(Collections.nCopies(1, (Integer) null), values.subList(7, 8));
    }

    @Test
    void mapAllRethrowsTheFirstFailureInItemOrder() {
        BoundedParallel parallel = new BoundedParallel(2, "berth-test");
        assertEquals(List.of(2, 4, 6), parallel.mapAll(List.of(1, 2, 3), i -> i * 2));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> parallel.mapAll(List.of(1, 2, 3, 4), i -> {
            if (i >= 2) {
                throw new IllegalStateException("item " + i);
            }
            return i;
        }));
        assertEquals("item 2", e.getMessage());
    }
}
