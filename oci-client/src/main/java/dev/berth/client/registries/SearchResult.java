package dev.berth.client.registries;

import java.util.List;

/**
 * What {@link RegistrySet#search} found.
 *
 * @param query    the text searched for
 * @param matches  the repositories whose names contain it (ignoring case), by registry name then repository
 * @param failures the registries that could not be searched, by registry name
 */
public record SearchResult(String query, List<RepositoryMatch> matches, List<SearchFailure> failures) {

    /**
     * Copies the lists.
     *
     * @param query the text searched for
     * @param matches the repositories whose names contain it (ignoring case), by registry name then repository
     * @param failures the registries that could not be searched, by registry name
     */
    public SearchResult {
        matches = List.copyOf(matches);
        failures = List.copyOf(failures);
    }

    /** @return true if every registry asked was searched */
    public boolean complete() {
        return failures.isEmpty();
    }
}
