package dev.berth.server.storage.memory;

import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.InvalidArgumentException;
import dev.berth.model.Page;
import dev.berth.server.spi.ManifestRecord;
import dev.berth.server.spi.MetadataStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** A {@link MetadataStore} in memory, guarded by one lock: simple and, at in-process scale, fast. */
public final class InMemoryMetadataStore implements MetadataStore {
    private final NavigableMap<String, Repo> repos = new TreeMap<>();
    private final java.time.Clock clock;
    // This process's: registries sharing this store object share it too.
    private final dev.berth.server.spi.BlobTouches touches = dev.berth.server.spi.BlobTouches.local();

    /** A store on the system clock. */
    public InMemoryMetadataStore() {
        this(java.time.Clock.systemUTC());
    }

    /** @param clock the clock push times are taken from */
    public InMemoryMetadataStore(java.time.Clock clock) {
        this.clock = java.util.Objects.requireNonNull(clock, "clock");
    }

    private static final class Repo {
        final Map<Digest, ManifestRecord> manifests = new HashMap<>();
        final NavigableMap<String, Digest> tags = new TreeMap<>();
        final Map<Digest, Set<String>> tagsByDigest = new HashMap<>();
        final Map<Digest, LinkedHashMap<Digest, Descriptor>> referrers = new HashMap<>();
        final Set<Digest> links = new HashSet<>();
        final Map<Digest, java.time.Instant> pushedAt = new HashMap<>();

        boolean isEmpty() {
            return manifests.isEmpty() && links.isEmpty();
        }
    }

    @Override
    public synchronized void putManifest(String repository, ManifestRecord manifest, List<String> tags) {
        require(repository, "repository");
        require(manifest, "manifest");
        requireTags(tags);
        Repo r = repos.computeIfAbsent(repository, k -> new Repo());
        r.manifests.put(manifest.digest(), manifest);
        r.pushedAt.put(manifest.digest(), clock.instant());
        manifest.subject().ifPresent(subject -> manifest.referrer().ifPresent(entry ->
                r.referrers.computeIfAbsent(subject, k -> new LinkedHashMap<>()).put(manifest.digest(), entry)));
        for (String tag : tags) {
            Digest old = r.tags.put(tag, manifest.digest());
            if (old != null && !old.equals(manifest.digest())) {
                r.tagsByDigest.getOrDefault(old, new HashSet<>()).remove(tag);
            }
            r.tagsByDigest.computeIfAbsent(manifest.digest(), k -> new HashSet<>()).add(tag);
        }
    }

    @Override
    public synchronized Optional<ManifestRecord> getManifest(String repository, Digest digest) {
        require(repository, "repository");
        require(digest, "digest");
        Repo r = repos.get(repository);
        return r == null ? Optional.empty() : Optional.ofNullable(r.manifests.get(digest));
    }

    @Override
    public synchronized Optional<java.time.Instant> manifestPushedAt(String repository, Digest digest) {
        require(repository, "repository");
        require(digest, "digest");
        Repo r = repos.get(repository);
        return r == null ? Optional.empty() : Optional.ofNullable(r.pushedAt.get(digest));
    }

    @Override
    public synchronized boolean deleteRepository(String repository) {
        require(repository, "repository");
        Repo r = repos.remove(repository);
        return r != null && !r.isEmpty();
    }

    @Override
    public synchronized Optional<Digest> resolveTag(String repository, String tag) {
        require(repository, "repository");
        require(tag, "tag");
        Repo r = repos.get(repository);
        return r == null ? Optional.empty() : Optional.ofNullable(r.tags.get(tag));
    }

    @Override
    public synchronized boolean deleteManifest(String repository, Digest digest) {
        require(repository, "repository");
        require(digest, "digest");
        Repo r = repos.get(repository);
        if (r == null) {
            return false;
        }
        ManifestRecord removed = r.manifests.remove(digest);
        if (removed == null) {
            return false;
        }
        r.pushedAt.remove(digest);
        for (String tag : r.tagsByDigest.getOrDefault(digest, Set.of())) {
            r.tags.remove(tag, digest);
        }
        r.tagsByDigest.remove(digest);
        removed.subject().ifPresent(subject -> {
            Map<Digest, Descriptor> list = r.referrers.get(subject);
            if (list != null) {
                list.remove(digest);
            }
        });
        return true;
    }

    @Override
    public synchronized boolean deleteUntaggedManifest(String repository, Digest digest, java.time.Instant pushedBefore) {
        require(repository, "repository");
        require(digest, "digest");
        require(pushedBefore, "pushedBefore");
        Repo r = repos.get(repository);
        if (r == null || !r.tagsByDigest.getOrDefault(digest, Set.of()).isEmpty()) {
            return false;
        }
        java.time.Instant pushed = r.pushedAt.get(digest);
        return (pushed == null || pushed.isBefore(pushedBefore)) && deleteManifest(repository, digest);
    }

    @Override
    public synchronized boolean deleteTag(String repository, String tag) {
        require(repository, "repository");
        require(tag, "tag");
        Repo r = repos.get(repository);
        if (r == null) {
            return false;
        }
        Digest old = r.tags.remove(tag);
        if (old != null) {
            r.tagsByDigest.getOrDefault(old, new HashSet<>()).remove(tag);
        }
        return old != null;
    }

    @Override
    public synchronized boolean repositoryExists(String repository) {
        require(repository, "repository");
        Repo r = repos.get(repository);
        return r != null && !r.isEmpty();
    }

    @Override
    public synchronized Page<String> listTags(String repository, String after, int limit) {
        require(repository, "repository");
        require(after, "after");
        InvalidArgumentException.requireNonNegative(limit, "limit");
        Repo r = repos.get(repository);
        if (r == null) {
            return Page.last(List.of());
        }
        return MetadataStore.page(r.tags.navigableKeySet(), after, limit);
    }

    @Override
    public synchronized Page<String> listRepositories(String after, int limit) {
        require(after, "after");
        InvalidArgumentException.requireNonNegative(limit, "limit");
        List<String> names = new ArrayList<>();
        repos.forEach((name, r) -> {
            if (!r.isEmpty()) {
                names.add(name);
            }
        });
        return MetadataStore.page(new java.util.TreeSet<>(names), after, limit); // "" sorts first: tailSet("") is everything
    }

    private static void require(Object value, String argument) {
        InvalidArgumentException.requireNonNull(value, argument);
    }

    private static void requireTags(List<String> tags) {
        require(tags, "tags");
        for (String tag : tags) {
            if (tag == null) {
                throw new InvalidArgumentException("tags", "must not hold a null tag");
            }
        }
    }


    @Override
    public synchronized List<Descriptor> referrers(String repository, Digest subject) {
        require(repository, "repository");
        require(subject, "subject");
        Repo r = repos.get(repository);
        if (r == null || !r.referrers.containsKey(subject)) {
            return List.of();
        }
        List<Descriptor> list = new ArrayList<>(r.referrers.get(subject).values());
        list.sort(java.util.Comparator.comparing(Descriptor::digest));
        return list;
    }

    @Override
    public synchronized List<Digest> manifests(String repository) {
        require(repository, "repository");
        Repo r = repos.get(repository);
        return r == null ? List.of() : List.copyOf(r.manifests.keySet());
    }

    @Override
    public synchronized List<Digest> linkedBlobs(String repository) {
        require(repository, "repository");
        Repo r = repos.get(repository);
        return r == null ? List.of() : List.copyOf(r.links);
    }

    @Override
    public synchronized void linkBlob(String repository, Digest digest) {
        require(repository, "repository");
        require(digest, "digest");
        repos.computeIfAbsent(repository, k -> new Repo()).links.add(digest);
    }

    @Override
    public synchronized boolean isBlobLinked(String repository, Digest digest) {
        require(repository, "repository");
        require(digest, "digest");
        Repo r = repos.get(repository);
        return r != null && r.links.contains(digest);
    }

    @Override
    public synchronized boolean unlinkBlob(String repository, Digest digest) {
        require(repository, "repository");
        require(digest, "digest");
        Repo r = repos.get(repository);
        return r != null && r.links.remove(digest);
    }

    /** @return the record this store object's registries share, in this process's memory */
    @Override
    public java.util.Optional<dev.berth.server.spi.BlobTouches> blobTouches() {
        return java.util.Optional.of(touches);
    }

    @Override
    public void close() {
        // nothing to release
    }
}
