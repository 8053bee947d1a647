package dev.berth.server.internal.ops;

import dev.berth.server.Storage;
import dev.berth.server.internal.Meters;
import dev.berth.server.spi.BlobStore;
import dev.berth.server.spi.MetadataStore;
import dev.berth.server.storage.fs.FileBlobStore;
import dev.berth.server.storage.fs.FileMetadataStore;
import dev.berth.server.storage.memory.InMemoryBlobStore;
import dev.berth.server.storage.memory.InMemoryMetadataStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Times every call into the storage SPI, as distribution's {@code registry_storage_action_seconds}: a timer
 * per driver and action (the SPI method's name). One proxy for both interfaces, so that a method the SPI
 * gains is timed without a line here.
 */
public final class TimedStorage {
    private TimedStorage() {
    }

    /**
     * @param storage  the stores to time
     * @param registry where the timers go
     * @return the same stores, each call timed
     */
    public static Storage wrap(Storage storage, MeterRegistry registry) {
        return new Storage(timed(BlobStore.class, storage.blobs(), registry), timed(MetadataStore.class, storage.metadata(), registry));
    }

    private static <T> T timed(Class<T> type, T store, MeterRegistry registry) {
        String driver = driver(store);
        Map<Method, Timer> timers = new ConcurrentHashMap<>();
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(store, args); // toString, equals, hashCode: not storage actions
            }
            Timer timer = timers.computeIfAbsent(method, m -> Timer.builder(Meters.STORAGE_ACTION)
                    .description("Calls into the storage, by driver and action").tag("driver", driver).tag("action", m.getName())
                    .register(registry));
            long start = System.nanoTime();
            try {
                return method.invoke(store, args);
            } catch (InvocationTargetException e) {
                throw e.getCause(); // the store's own exception, as callers expect it
            } finally {
                timer.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
            }
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    // distribution's driver names for the stores it also has; the class name for any other.
    private static String driver(Object store) {
        if (store instanceof FileBlobStore || store instanceof FileMetadataStore) {
            return "filesystem";
        }
        if (store instanceof InMemoryBlobStore || store instanceof InMemoryMetadataStore) {
            return "inmemory";
        }
        return store.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }
}
