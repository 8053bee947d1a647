package dev.berth.auth.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Base64;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class CredentialVaultProperties {
    private static final CredentialVault VAULT = CredentialVault.fromBase64Key(CredentialVault.generateKey());

    @Property(tries = 500)
    void encryptThenDecryptIsIdentity(@ForAll String context, @ForAll String secret) {
        assertEquals(secret, VAULT.decrypt(context, VAULT.encrypt(context, secret)).reveal());
    }

    @Property(tries = 1000)
    void anyFlippedBitIsRejected(@ForAll String secret, @ForAll @IntRange(min = 0, max = 10_000) int bit) {
        String sealed = VAULT.encrypt("ctx", secret);
        byte[] raw = Base64.getDecoder().decode(sealed.substring(CredentialVault.PREFIX.length()));
        int i = bit % (raw.length * 8);
        raw[i / 8] ^= (byte) (1 << (i % 8));
        String tampered = CredentialVault.PREFIX + Base64.getEncoder().encodeToString(raw);
        assertThrows(VaultException.class, () -> VAULT.decrypt("ctx", tampered));
    }
}
