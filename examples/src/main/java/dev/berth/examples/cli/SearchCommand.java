package dev.berth.examples.cli;

import dev.berth.client.registries.RegistrySet;
import dev.berth.client.registries.SearchFailure;
import dev.berth.client.registries.SearchResult;
import java.util.Set;

/** {@code berth search QUERY [--registry NAME]}: repositories whose name contains QUERY, across the named registries. */
final class SearchCommand extends RegistrySetCommand {
    @Override
    public String name() {
        return "search";
    }

    @Override
    public String synopsis() {
        return "search QUERY [--registry NAME] [--config DIR]";
    }

    @Override
    public String summary() {
        return "search repositories (case-insensitive substring) across the named registries, or one of them";
    }

    @Override
    Set<String> ownValueOptions() {
        return Set.of("registry");
    }

    @Override
    public void run(CommandLine line, Output output) {
        String query = line.requirePositionals(1, "QUERY").get(0);
        try (RegistrySet set = open(line)) {
            SearchResult result = line.value("registry").map(r -> {
                if (set.get(r).isEmpty()) {
                    throw new UsageException("no registry is named \"" + r + "\"; see berth registries list");
                }
                return set.search(query, r);
            }).orElseGet(() -> set.search(query));
            output.lines("matches", result.matches().stream().map(m -> m.registry() + " " + m.reference()).toList());
            if (!result.failures().isEmpty()) {
                output.lines("failures", result.failures().stream().map(SearchCommand::describe).toList());
            }
        }
    }

    private static String describe(SearchFailure f) {
        return "# " + f.registry() + " could not be searched: " + f.failure() + " " + f.detail();
    }
}
