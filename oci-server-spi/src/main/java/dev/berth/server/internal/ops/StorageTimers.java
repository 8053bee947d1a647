package dev.berth.server.internal.ops;

import dev.berth.server.internal.Meters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** The timers of one storage driver, an action each, as distribution's {@code registry_storage_action_seconds}. */
final class StorageTimers {
    private final MeterRegistry registry;
    private final String driver;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    StorageTimers(MeterRegistry registry, String driver) {
        this.registry = registry;
        this.driver = driver;
    }

    <T> T time(String action, Supplier<T> call) {
        Timer timer = timers.computeIfAbsent(action, a -> Timer.builder(Meters.STORAGE_ACTION)
                .description("Calls into the storage, by driver and action").tag("driver", driver).tag("action", a)
                .register(registry));
        long start = System.nanoTime();
        try {
            return call.get();
        } finally {
            timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    void run(String action, Runnable call) {
        time(action, () -> {
            call.run();
            return null;
        });
    }
}
