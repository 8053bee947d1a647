package dev.berth.server.internal.ops;

import dev.berth.model.Digest;
import dev.berth.server.spi.BlobInfo;
import dev.berth.server.spi.BlobStore;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/** A BlobStore whose every call is timed (see {@link TimedStorage}). */
final class TimedBlobStore implements BlobStore {
    private final BlobStore store;
    private final StorageTimers timers;

    TimedBlobStore(BlobStore store, StorageTimers timers) {
        this.store = store;
        this.timers = timers;
    }

    @Override
    public Optional<BlobInfo> stat(Digest digest) {
        return timers.time("stat", () -> store.stat(digest));
    }

    @Override
    public InputStream open(Digest digest, long offset, long length) {
        return timers.time("open", () -> store.open(digest, offset, length));
    }

    @Override
    public Optional<URI> redirectFor(Digest digest) {
        return timers.time("redirectFor", () -> store.redirectFor(digest));
    }

    @Override
    public boolean delete(Digest digest) {
        return timers.time("delete", () -> store.delete(digest));
    }

    @Override
    public Optional<Instant> storedAt(Digest digest) {
        return timers.time("storedAt", () -> store.storedAt(digest));
    }

    @Override
    public void forEach(Consumer<BlobInfo> action) {
        timers.run("forEach", () -> store.forEach(action));
    }

    @Override
    public String createUpload(String repository) {
        return timers.time("createUpload", () -> store.createUpload(repository));
    }

    @Override
    public String uploadRepository(String id) {
        return timers.time("uploadRepository", () -> store.uploadRepository(id));
    }

    @Override
    public long appendUpload(String id, long offset, InputStream data) {
        return timers.time("appendUpload", () -> store.appendUpload(id, offset, data));
    }

    @Override
    public long uploadSize(String id) {
        return timers.time("uploadSize", () -> store.uploadSize(id));
    }

    @Override
    public BlobInfo commitUpload(String id, Digest expected) {
        return timers.time("commitUpload", () -> store.commitUpload(id, expected));
    }

    @Override
    public void cancelUpload(String id) {
        timers.run("cancelUpload", () -> store.cancelUpload(id));
    }

    @Override
    public int expireUploads(Duration idle) {
        return timers.time("expireUploads", () -> store.expireUploads(idle));
    }

    @Override
    public void close() {
        store.close();
    }

    @Override
    public String toString() {
        return store.toString();
    }
}
