package dev.berth.examples.cli;

import dev.berth.auth.vault.CredentialVault;
import dev.berth.client.registries.RegistrySet;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * A command on the set of named registries kept in {@code registries.json} in
 * the configuration directory ({@code --config DIR}, else {@code $BERTH_CONFIG},
 * else {@code ~/.config/berth}). Passwords in it are encrypted with the key in
 * {@code $BERTH_VAULT_KEY} (base64) or in {@code vault.key} beside it, created
 * owner-only on first use.
 */
abstract class RegistrySetCommand implements Command {
    /** The environment variable that may hold the vault key. */
    static final String VAULT_KEY_VARIABLE = "BERTH_VAULT_KEY";

    Set<String> ownValueOptions() {
        return Set.of();
    }

    Set<String> ownFlagOptions() {
        return Set.of();
    }

    @Override
    public final Set<String> valueOptions() {
        Set<String> all = new HashSet<>(ownValueOptions());
        all.add("config");
        return all;
    }

    @Override
    public final Set<String> flagOptions() {
        return ownFlagOptions();
    }

    /** @return the set, read from its file if there is one */
    static RegistrySet open(CommandLine line) {
        Path dir = line.value("config").map(Path::of).orElseGet(RegistrySetCommand::defaultDirectory);
        String key = System.getenv(VAULT_KEY_VARIABLE);
        CredentialVault vault = key != null && !key.isBlank() ? CredentialVault.fromBase64Key(key)
                : CredentialVault.fromKeyFile(dir.resolve("vault.key"));
        return RegistrySet.builder().file(dir.resolve("registries.json")).vault(vault).build();
    }

    static Path defaultDirectory() {
        String configured = System.getenv("BERTH_CONFIG");
        return configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".config", "berth");
    }
}
