package dev.berth.examples.cli;

import dev.berth.client.registries.RegistryEntry;
import dev.berth.client.registries.RegistrySet;

/** {@code berth registries list}: the named registries (never their passwords). */
final class RegistriesListCommand extends RegistrySetCommand {
    @Override
    public String name() {
        return "registries list";
    }

    @Override
    public String synopsis() {
        return "registries list [--config DIR]";
    }

    @Override
    public String summary() {
        return "list the named registries";
    }

    @Override
    public void run(CommandLine line, Output output) {
        try (RegistrySet set = open(line)) {
            output.lines("registries", set.list().stream().map(e -> describe(set, e)).toList());
        }
    }

    private static String describe(RegistrySet set, RegistryEntry e) {
        return e.name() + " " + e.address() + " " + e.username().map(u -> "user=" + u + (set.hasPassword(e.name()) ? " (password stored)" : ""))
                .orElse("anonymous") + (e.insecure() ? " insecure" : "");
    }
}
