package dev.berth.client.tags;

import dev.berth.model.Digest;
import dev.berth.model.InvalidArgumentException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The details of manifests a {@link TagLister} has read, by digest: a manifest's
 * digest names its content, so its media type, creation time and size never
 * change and need no expiry. Sorting 2,000 tags by date a second time then costs
 * one manifest read per tag instead of two requests. Holds at most a fixed number
 * of manifests, forgetting the least recently used.
 *
 * <p>Thread-safe; one cache may serve several listers of several registries
 * (a digest is the same content everywhere).
 */
public final class TagDetailsCache {
    private final int capacity;
    private final Map<Digest, TagInfo> entries; // guarded by this; the tag name in a value is irrelevant

    /**
     * @param capacity the most manifests remembered, at least 1
     * @throws InvalidArgumentException if {@code capacity} is less than 1
     */
    public TagDetailsCache(int capacity) {
        if (capacity < 1) {
            throw new InvalidArgumentException("capacity", "must be at least 1, not " + capacity);
        }
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true);
    }

    /** @return the most manifests this cache remembers */
    public int capacity() {
        return capacity;
    }

    /** @return how many manifests it remembers now */
    public synchronized int size() {
        return entries.size();
    }

    synchronized Optional<TagInfo> get(Digest digest, String tag) {
        return Optional.ofNullable(entries.get(digest)).map(i -> i.named(tag));
    }

    synchronized void put(TagInfo details) {
        details.digest().ifPresent(d -> {
            entries.put(d, details);
            if (entries.size() > capacity) {
                entries.remove(entries.keySet().iterator().next());
            }
        });
    }
}
