package dev.berth.examples.cli;

import dev.berth.client.Ping;
import dev.berth.client.RegistryClient;
import java.util.Set;

/**
 * {@code berth ping REGISTRY}: checks that the registry answers on {@code /v2/}
 * and that the credentials work, negotiating Basic or Bearer as it asks.
 */
final class PingCommand implements Command {
    private final RegistryAccess access;

    PingCommand(RegistryAccess access) {
        this.access = access;
    }

    @Override
    public String name() {
        return "ping";
    }

    @Override
    public String synopsis() {
        return "ping REGISTRY " + RegistryAccess.SYNOPSIS;
    }

    @Override
    public String summary() {
        return "check that the registry answers and that the credentials work (else the credential chain:"
                + " BERTH_REGISTRY_USERNAME/PASSWORD, REGISTRY_AUTH_FILE, Docker's config.json and helpers)";
    }

    @Override
    public Set<String> valueOptions() {
        return RegistryAccess.VALUE_OPTIONS;
    }

    @Override
    public Set<String> flagOptions() {
        return RegistryAccess.FLAG_OPTIONS;
    }

    @Override
    public void run(CommandLine line, Output output) {
        String registry = RegistryAccess.registry(line.requirePositionals(1, "REGISTRY").get(0));
        try (RegistryClient client = access.client(line, registry)) {
            Ping ping = client.ping();
            output.section("ping", "Registry " + registry);
            output.item("url", "url", ping.baseUri().resolve("/v2/"));
            output.item("apiVersion", "API version", ping.apiVersion().orElse("(not announced)"));
            output.item("auth", "authentication", ping.authScheme());
            output.item("latencyMs", "latency", ping.latency().toMillis() + " ms");
            output.item("status", "status", "ok");
        }
    }
}
