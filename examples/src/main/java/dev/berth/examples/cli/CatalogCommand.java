package dev.berth.examples.cli;

import dev.berth.client.RegistryClient;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/** {@code berth catalog REGISTRY [--filter S] [--limit N]}: the repositories, following pagination. */
final class CatalogCommand extends RegistryCommand {
    CatalogCommand(RegistryAccess access) {
        super(access);
    }

    @Override
    public String name() {
        return "catalog";
    }

    @Override
    public String synopsis() {
        return "catalog REGISTRY [--filter S] [--limit N] " + RegistryAccess.SYNOPSIS;
    }

    @Override
    public String summary() {
        return "list repositories, following pagination; --filter keeps names containing S (case-insensitive)";
    }

    @Override
    Set<String> ownValueOptions() {
        return Set.of("filter", "limit");
    }

    @Override
    public void run(CommandLine line, Output output) {
        String registry = RegistryAccess.registry(line.requirePositionals(1, "REGISTRY").get(0));
        long limit = line.value("limit").map(CatalogCommand::positive).orElse(Long.MAX_VALUE);
        String filter = line.value("filter").map(f -> f.toLowerCase(Locale.ROOT)).orElse("");
        List<String> names;
        try (RegistryClient client = access.client(line, registry); Stream<String> all = client.catalog()) {
            names = all.filter(n -> n.toLowerCase(Locale.ROOT).contains(filter)).limit(limit).toList();
        }
        output.lines("repositories", names);
    }

    static long positive(String text) {
        try {
            long n = Long.parseLong(text);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--limit must be a positive number, not \"" + text + "\"");
    }
}
