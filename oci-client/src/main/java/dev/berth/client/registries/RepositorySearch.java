package dev.berth.client.registries;

import dev.berth.client.internal.BoundedParallel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Searches several registries' catalogs at once and collects each registry's
 * failure instead of giving up on the others.
 */
final class RepositorySearch {
    private final BoundedParallel parallel;

    RepositorySearch(BoundedParallel parallel) {
        this.parallel = parallel;
    }

    /**
     * @param query      matched as a case-insensitive substring of repository names
     * @param registries the registries to search
     * @param catalog    reads one registry's catalog, by registry name (cached or not)
     */
    SearchResult search(String query, List<RegistryEntry> registries, Function<String, List<String>> catalog) {
        String needle = query.toLowerCase(Locale.ROOT);
        List<BoundedParallel.Outcome<List<String>>> outcomes = parallel.map(registries, e -> catalog.apply(e.name()));
        List<RepositoryMatch> matches = new ArrayList<>();
        List<SearchFailure> failures = new ArrayList<>();
        for (int i = 0; i < registries.size(); i++) {
            RegistryEntry entry = registries.get(i);
            BoundedParallel.Outcome<List<String>> outcome = outcomes.get(i);
            if (outcome.failure() != null) {
                failures.add(new SearchFailure(entry.name(), FailureClassifier.classify(outcome.failure()),
                        FailureClassifier.describe(outcome.failure())));
                continue;
            }
            for (String repository : outcome.value()) {
                if (repository.toLowerCase(Locale.ROOT).contains(needle)) {
                    matches.add(new RepositoryMatch(entry.name(), entry.host(), repository));
                }
            }
        }
        matches.sort(Comparator.comparing(RepositoryMatch::registry).thenComparing(RepositoryMatch::repository));
        failures.sort(Comparator.comparing(SearchFailure::registry));
        return new SearchResult(query, matches, failures);
    }
}
