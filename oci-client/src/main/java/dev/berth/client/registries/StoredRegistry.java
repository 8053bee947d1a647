package dev.berth.client.registries;

import dev.berth.auth.Credential;
import dev.berth.auth.vault.Secret;
import java.util.Optional;

/**
 * A registry of the set with its password, decrypted, held in memory only.
 *
 * @param entry    its settings
 * @param password its password, if one was given
 */
record StoredRegistry(RegistryEntry entry, Optional<Secret> password) {

    /** @return Basic credentials when both user and password are known, else anonymous access */
    Credential credential() {
        if (entry.username().isPresent() && password.isPresent()) {
            return Credential.basic(entry.username().get(), password.get().reveal());
        }
        return Credential.ANONYMOUS;
    }
}
