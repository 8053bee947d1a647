package dev.berth.client.registries;

import dev.berth.model.OciException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Applies a function to several items, at most {@code concurrency} at a time,
 * keeping each item's failure beside the others' results. Threads live only
 * for the call: nothing needs closing afterwards.
 */
final class BoundedParallel {
    /**
     * @param value   the result, when there is one
     * @param failure what the function threw instead
     */
    record Outcome<R>(R value, RuntimeException failure) {
    }

    private final int concurrency;

    BoundedParallel(int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, not " + concurrency);
        }
        this.concurrency = concurrency;
    }

    /** @return one outcome per item, in the items' order */
    <T, R> List<Outcome<R>> map(List<T> items, Function<T, R> function) {
        if (items.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, items.size()), daemonThreads());
        try {
            List<Future<R>> pending = new ArrayList<>();
            for (T item : items) {
                pending.add(pool.submit(() -> function.apply(item)));
            }
            List<Outcome<R>> outcomes = new ArrayList<>();
            for (Future<R> f : pending) {
                try {
                    outcomes.add(new Outcome<>(f.get(), null));
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException failure) {
                        outcomes.add(new Outcome<>(null, failure));
                    } else if (e.getCause() instanceof Error error) {
                        throw error;
                    } else {
                        outcomes.add(new Outcome<>(null, new OciException(String.valueOf(e.getCause()), e.getCause())));
                    }
                }
            }
            return outcomes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OciException("interrupted while waiting for registries", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "berth-registries-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
