package dev.berth.server.internal.ops;

import dev.berth.server.Storage;
import dev.berth.server.storage.fs.FileBlobStore;
import dev.berth.server.storage.fs.FileMetadataStore;
import dev.berth.server.storage.memory.InMemoryBlobStore;
import dev.berth.server.storage.memory.InMemoryMetadataStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;

/**
 * Times every call into the storage SPI, as distribution's {@code registry_storage_action_seconds}: a timer
 * per driver and action (the SPI method's name), around plain delegating stores: a reflective proxy cost a
 * manifest GET more than the store's own work.
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
        return new Storage(new TimedBlobStore(storage.blobs(), new StorageTimers(registry, driver(storage.blobs()))),
                new TimedMetadataStore(storage.metadata(), new StorageTimers(registry, driver(storage.metadata()))));
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
