package dev.berth.bench;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a benchmark started, stopped in the reverse order: by {@link #close()} when the run ends or fails, and by
 * a shutdown hook when it is interrupted (Ctrl-C skips the finally blocks, not the hooks). Each is stopped once.
 */
final class Teardown implements AutoCloseable {
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Thread hook = new Thread(this::stopAll, "bench-teardown");

    Teardown() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** @return {@code resource}, to be stopped with the rest */
    synchronized <T extends AutoCloseable> T add(T resource) {
        started.push(resource);
        return resource;
    }

    private void stopAll() {
        while (true) {
            AutoCloseable next;
            synchronized (this) {
                next = started.poll();
            }
            if (next == null) {
                return;
            }
            try {
                next.close();
            } catch (Exception e) {
                System.err.println("could not stop " + next + ": " + e);
            }
        }
    }

    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running and finds nothing left
        }
    }
}
