package dev.berth.client.registries;

import java.util.List;

/**
 * A catalog or tag list of a {@link RegistrySet}, and whether it was served from the set's cache
 * (a browser says so, and offers to refresh it).
 *
 * @param items     the repository or tag names, as the registry listed them
 * @param fromCache true if the list came from the cache, false if the registry was asked for it just now
 */
public record CachedList(List<String> items, boolean fromCache) {

    /**
     * Copies the list.
     *
     * @param items     the names
     * @param fromCache whether they came from the cache
     */
    public CachedList {
        items = List.copyOf(items);
    }
}
