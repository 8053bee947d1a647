package dev.berth.auth.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialVaultTest {
    @TempDir
    Path dir;

    @Test
    void encryptsWithAFreshNonceAndDecryptsBack() {
        CredentialVault vault = CredentialVault.fromBase64Key(CredentialVault.generateKey());
        String a = vault.encrypt("registry:ghcr.io", "hunter2");
        String b = vault.encrypt("registry:ghcr.io", "hunter2");
        assertNotEquals(a, b, "a nonce is never reused");
        assertTrue(a.startsWith(CredentialVault.PREFIX));
        assertFalse(a.contains("hunter2"));
        assertEquals("hunter2", vault.decrypt("registry:ghcr.io", a).reveal());
    }

    @Test
    void wrongKeyWrongContextAndGarbageAreClearErrors() {
        CredentialVault vault = CredentialVault.fromBase64Key(CredentialVault.generateKey());
        String sealed = vault.encrypt("registry:a", "hunter2");
        CredentialVault other = CredentialVault.fromBase64Key(CredentialVault.generateKey());
        VaultException wrongKey = assertThrows(VaultException.class, () -> other.decrypt("registry:a", sealed));
        assertTrue(wrongKey.getMessage().contains("wrong key"));
        assertThrows(VaultException.class, () -> vault.decrypt("registry:b", sealed), "moved to another entry");
        assertThrows(VaultException.class, () -> vault.decrypt("registry:a", "plain text"));
        assertThrows(VaultException.class, () -> vault.decrypt("registry:a", CredentialVault.PREFIX + "%%%"));
        assertThrows(VaultException.class, () -> vault.decrypt("registry:a", CredentialVault.PREFIX + "AAAA"));
        assertThrows(VaultException.class, () -> CredentialVault.fromBase64Key("c2hvcnQ="));
        assertThrows(VaultException.class, () -> CredentialVault.fromEnvironment("BERTH_SURELY_UNSET_VARIABLE"));
    }

    @Test
    void aKeyFileIsCreatedOwnerOnlyAndReused() throws Exception {
        Path key = dir.resolve("keys/vault.key");
        String sealed = CredentialVault.fromKeyFile(key).encrypt("c", "s");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertEquals("s", CredentialVault.fromKeyFile(key).decrypt("c", sealed).reveal());
    }

    @Test
    void secretsDoNotShowThemselves() {
        Secret s = new Secret("hunter2");
        assertEquals("****", s.toString());
        assertEquals(new Secret("hunter2"), s);
        assertFalse(CredentialVault.fromBase64Key(CredentialVault.generateKey()).toString().contains("="));
    }
}
