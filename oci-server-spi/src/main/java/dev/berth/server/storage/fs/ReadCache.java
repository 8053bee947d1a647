package dev.berth.server.storage.fs;

import dev.berth.model.Digest;
import dev.berth.server.spi.ManifestRecord;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a {@link FileMetadataStore} read last, kept in memory: manifests by digest and tags by name, per
 * repository. A manifest GET otherwise opens, reads and parses three files.
 *
 * <p>It holds nothing a write could make wrong, by the store's discipline: entries are added only under
 * the repository's lock, and every write to the repository, under the same lock, forgets what it changes
 * before it lets go. The store is its folder's only writer (its locks are in memory too).
 *
 * <p>Manifests are bounded by their bytes: past the budget, everything is forgotten at once, which is rare
 * and cheaper than keeping an order of use on every read.
 */
final class ReadCache {
    private final long byteBudget;
    private final AtomicLong bytes = new AtomicLong();
    private final Map<String, Repository> repositories = new ConcurrentHashMap<>();

    /** One repository's entries. */
    private static final class Repository {
        final Map<Digest, ManifestRecord> manifests = new ConcurrentHashMap<>();
        final Map<String, Digest> tags = new ConcurrentHashMap<>();
    }

    /** @param byteBudget how many bytes of manifests to keep at most */
    ReadCache(long byteBudget) {
        this.byteBudget = byteBudget;
    }

    /** @return the manifest read last, or null if none is kept */
    ManifestRecord manifest(String repository, Digest digest) {
        Repository r = repositories.get(repository);
        return r == null ? null : r.manifests.get(digest);
    }

    /** @return the digest the tag named when it was read last, or null if none is kept */
    Digest tag(String repository, String tag) {
        Repository r = repositories.get(repository);
        return r == null ? null : r.tags.get(tag);
    }

    /** Keeps a manifest just read; call it holding the repository's lock. */
    void keepManifest(String repository, ManifestRecord manifest) {
        if (bytes.addAndGet(manifest.size()) > byteBudget) {
            forgetAll();
            bytes.addAndGet(manifest.size());
        }
        repository(repository).manifests.put(manifest.digest(), manifest);
    }

    /** Keeps a tag just read; call it holding the repository's lock. */
    void keepTag(String repository, String tag, Digest digest) {
        repository(repository).tags.put(tag, digest);
    }

    /** Forgets one tag, before a write to it lets go of the repository's lock. */
    void forgetTag(String repository, String tag) {
        Repository r = repositories.get(repository);
        if (r != null) {
            r.tags.remove(tag);
        }
    }

    /** Forgets a whole repository, before a delete in it lets go of the repository's lock. */
    void forgetRepository(String repository) {
        Repository r = repositories.remove(repository);
        if (r != null) {
            r.manifests.values().forEach(m -> bytes.addAndGet(-m.size()));
        }
    }

    private void forgetAll() {
        repositories.clear();
        bytes.set(0);
    }

    private Repository repository(String name) {
        return repositories.computeIfAbsent(name, k -> new Repository());
    }
}
