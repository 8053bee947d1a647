package dev.berth.client.internal;

import dev.berth.model.OciException;
import dev.berth.model.internal.ServerDefaults;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Applies a function to several items, at most {@code concurrency} at a time,
 * keeping each item's failure beside the others' results. Threads live only
 * for the call: nothing needs closing afterwards.
 */
public final class BoundedParallel {
    /**
     * @param value   the result, when there is one
     * @param failure what the function threw instead
     */
    public record Outcome<R>(R value, RuntimeException failure) {
    }

    private final int concurrency;
    private final String threadName;

    /**
     * @param concurrency at most this many calls at once
     * @param threadName  names the threads, e.g. {@code berth-tags}
     */
    public BoundedParallel(int concurrency, String threadName) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, not " + concurrency);
        }
        this.concurrency = concurrency;
        this.threadName = threadName;
    }

    /** @return one outcome per item, in the items' order */
    public <T, R> List<Outcome<R>> map(List<T> items, Function<T, R> function) {
        if (items.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, items.size()),
                ServerDefaults.daemonThreads(threadName));
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
            throw new OciException("interrupted while waiting for " + threadName, e);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * @return one result per item, in the items' order
     * @throws RuntimeException the failure of the first item (in order) that failed, as it was thrown
     */
    public <T, R> List<R> mapAll(List<T> items, Function<T, R> function) {
        List<R> results = new ArrayList<>();
        for (Outcome<R> o : map(items, function)) {
            if (o.failure() != null) {
                throw o.failure();
            }
            results.add(o.value());
        }
        return results;
    }
}
