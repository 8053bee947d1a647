package dev.berth.examples.cli;

import dev.berth.auth.vault.Secret;
import dev.berth.client.registries.RegistryEntry;
import dev.berth.client.registries.RegistrySet;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code berth registries add NAME ADDRESS}: adds (or replaces) a named registry; its password is stored encrypted. */
final class RegistriesAddCommand extends RegistrySetCommand {
    private final InputStream stdin;

    RegistriesAddCommand(InputStream stdin) {
        this.stdin = stdin;
    }

    @Override
    public String name() {
        return "registries add";
    }

    @Override
    public String synopsis() {
        return "registries add NAME HOST[:PORT]|URL [--username U --password-stdin] [--insecure] [--ca-cert PEM] [--config DIR]";
    }

    @Override
    public String summary() {
        return "add or replace a named registry; the password is stored encrypted (key: $BERTH_VAULT_KEY or DIR/vault.key)";
    }

    @Override
    Set<String> ownValueOptions() {
        return Set.of("username", "ca-cert");
    }

    @Override
    Set<String> ownFlagOptions() {
        return Set.of("password-stdin", "insecure");
    }

    @Override
    public void run(CommandLine line, Output output) {
        List<String> args = line.requirePositionals(2, "NAME ADDRESS");
        RegistryEntry entry;
        try {
            entry = RegistryEntry.of(args.get(0), args.get(1)).withInsecure(line.flag("insecure"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (line.value("ca-cert").isPresent()) {
            entry = entry.withCaCertificate(Path.of(line.value("ca-cert").get()));
        }
        Optional<String> user = line.value("username");
        if (line.flag("password-stdin") && user.isEmpty()) {
            throw new UsageException("--password-stdin needs --username");
        }
        Secret password = null;
        if (user.isPresent()) {
            entry = entry.withUsername(user.get());
            if (line.flag("password-stdin")) {
                password = new Secret(readPassword());
            }
        }
        try (RegistrySet set = open(line)) {
            set.add(entry, password);
            output.section("registry", "Registry " + entry.name());
            output.item("name", "name", entry.name());
            output.item("address", "address", entry.address());
            output.item("username", "username", entry.username().orElse("(anonymous)"));
            output.item("password", "password", password == null ? "none" : "stored encrypted");
            output.item("file", "saved in", set.file().map(Path::toString).orElse("?"));
        }
    }

    private String readPassword() {
        try {
            String p = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
            if (p == null || p.isEmpty()) {
                throw new UsageException("--password-stdin: no password on stdin");
            }
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the password from stdin", e);
        }
    }
}
