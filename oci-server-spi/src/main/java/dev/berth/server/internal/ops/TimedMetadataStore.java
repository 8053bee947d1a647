package dev.berth.server.internal.ops;

import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.Page;
import dev.berth.server.spi.ManifestRecord;
import dev.berth.server.spi.MetadataStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A MetadataStore whose every call is timed (see {@link TimedStorage}). */
final class TimedMetadataStore implements MetadataStore {
    private final MetadataStore store;
    private final StorageTimers timers;

    TimedMetadataStore(MetadataStore store, StorageTimers timers) {
        this.store = store;
        this.timers = timers;
    }

    @Override
    public void putManifest(String repository, ManifestRecord manifest, List<String> tags) {
        timers.run("putManifest", () -> store.putManifest(repository, manifest, tags));
    }

    @Override
    public Optional<ManifestRecord> getManifest(String repository, Digest digest) {
        return timers.time("getManifest", () -> store.getManifest(repository, digest));
    }

    @Override
    public Optional<Digest> resolveTag(String repository, String tag) {
        return timers.time("resolveTag", () -> store.resolveTag(repository, tag));
    }

    @Override
    public boolean deleteManifest(String repository, Digest digest) {
        return timers.time("deleteManifest", () -> store.deleteManifest(repository, digest));
    }

    @Override
    public Optional<ManifestRecord> getTaggedManifest(String repository, String tag) {
        return timers.time("getTaggedManifest", () -> store.getTaggedManifest(repository, tag));
    }

    @Override
    public boolean deleteUntaggedManifest(String repository, Digest digest, Instant pushedBefore) {
        return timers.time("deleteUntaggedManifest", () -> store.deleteUntaggedManifest(repository, digest, pushedBefore));
    }

    @Override
    public boolean deleteTag(String repository, String tag) {
        return timers.time("deleteTag", () -> store.deleteTag(repository, tag));
    }

    @Override
    public boolean repositoryExists(String repository) {
        return timers.time("repositoryExists", () -> store.repositoryExists(repository));
    }

    @Override
    public Page<String> listTags(String repository, String after, int limit) {
        return timers.time("listTags", () -> store.listTags(repository, after, limit));
    }

    @Override
    public Page<String> listTags(String repository) {
        return timers.time("listTags", () -> store.listTags(repository));
    }

    @Override
    public Page<String> listRepositories(String after, int limit) {
        return timers.time("listRepositories", () -> store.listRepositories(after, limit));
    }

    @Override
    public Page<String> listRepositories() {
        return timers.time("listRepositories", () -> store.listRepositories());
    }

    @Override
    public List<Descriptor> referrers(String repository, Digest subject) {
        return timers.time("referrers", () -> store.referrers(repository, subject));
    }

    @Override
    public List<Digest> manifests(String repository) {
        return timers.time("manifests", () -> store.manifests(repository));
    }

    @Override
    public List<Digest> linkedBlobs(String repository) {
        return timers.time("linkedBlobs", () -> store.linkedBlobs(repository));
    }

    @Override
    public void linkBlob(String repository, Digest digest) {
        timers.run("linkBlob", () -> store.linkBlob(repository, digest));
    }

    @Override
    public boolean isBlobLinked(String repository, Digest digest) {
        return timers.time("isBlobLinked", () -> store.isBlobLinked(repository, digest));
    }

    @Override
    public boolean unlinkBlob(String repository, Digest digest) {
        return timers.time("unlinkBlob", () -> store.unlinkBlob(repository, digest));
    }

    @Override
    public Optional<Instant> manifestPushedAt(String repository, Digest digest) {
        return timers.time("manifestPushedAt", () -> store.manifestPushedAt(repository, digest));
    }

    // The record's own calls are not timed: the collector's and the pushes' timings already hold them.
    @Override
    public Optional<dev.berth.server.spi.BlobTouches> blobTouches() {
        return store.blobTouches();
    }

    @Override
    public boolean deleteRepository(String repository) {
        return timers.time("deleteRepository", () -> store.deleteRepository(repository));
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
