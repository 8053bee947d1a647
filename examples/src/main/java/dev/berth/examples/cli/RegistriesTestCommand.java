package dev.berth.examples.cli;

import dev.berth.client.registries.ConnectionReport;
import dev.berth.client.registries.RegistrySet;
import dev.berth.model.OciException;
import java.util.List;

/**
 * {@code berth registries test [NAME]}: reachable, auth ok, API version and
 * latency of each registry, or why not (DNS, refused, TLS, auth, not a registry,
 * timeout). Exits 1 if any fails.
 */
final class RegistriesTestCommand extends RegistrySetCommand {
    @Override
    public String name() {
        return "registries test";
    }

    @Override
    public String synopsis() {
        return "registries test [NAME] [--config DIR]";
    }

    @Override
    public String summary() {
        return "test the connection to one or every named registry: reachable, auth, API version, latency, or why not";
    }

    @Override
    public void run(CommandLine line, Output output) {
        try (RegistrySet set = open(line)) {
            List<ConnectionReport> reports;
            if (line.positionals().isEmpty()) {
                reports = set.testAll();
            } else {
                String name = line.requirePositionals(1, "NAME").get(0);
                if (set.get(name).isEmpty()) {
                    throw new OciException("no registry is named \"" + name + "\"");
                }
                reports = List.of(set.test(name));
            }
            for (ConnectionReport r : reports) {
                output.section(r.name(), "Registry " + r.name());
                output.item("status", "status", r.ok() ? "ok" : "failed: " + r.failure().map(Enum::name).orElse("?"));
                r.baseUri().ifPresent(u -> output.item("url", "url", u));
                r.apiVersion().ifPresent(v -> output.item("apiVersion", "API version", v));
                r.authScheme().ifPresent(a -> output.item("auth", "authentication", a));
                output.item("latencyMs", "latency", r.latency().toMillis() + " ms");
                output.item("detail", "detail", r.detail());
            }
            long failed = reports.stream().filter(r -> !r.ok()).count();
            if (failed > 0) {
                output.finish(); // the reports stand even though the command fails
                throw new OciException(failed + " of " + reports.size() + " registries failed the test");
            }
        }
    }
}
