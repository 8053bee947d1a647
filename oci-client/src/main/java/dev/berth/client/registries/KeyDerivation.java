package dev.berth.client.registries;

import dev.berth.auth.vault.CredentialVault;
import dev.berth.auth.vault.VaultException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * How a vault key is derived from a passphrase: PBKDF2 with HMAC-SHA256 and a
 * random salt, both kept in the registries file (they are not secret) so that
 * the same passphrase opens it again.
 *
 * @param algorithm  the JCA name, {@value #PBKDF2}
 * @param iterations the work factor
 * @param salt       16 random bytes
 *
 * <p>The vault itself refuses settings too weak to trust.
 */
record KeyDerivation(String algorithm, int iterations, byte[] salt) {
    static final String PBKDF2 = "PBKDF2WithHmacSHA256";
    /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
    static final int DEFAULT_ITERATIONS = 600_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    KeyDerivation {
        if (!PBKDF2.equals(algorithm)) {
            throw new VaultException("unknown key derivation " + algorithm + "; this version knows " + PBKDF2);
        }
        salt = salt.clone();
    }

    static KeyDerivation fresh() {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return new KeyDerivation(PBKDF2, DEFAULT_ITERATIONS, salt);
    }

    CredentialVault vault(char[] passphrase) {
        return CredentialVault.fromPassphrase(passphrase, salt, iterations);
    }

    String saltBase64() {
        return Base64.getEncoder().encodeToString(salt);
    }
}
