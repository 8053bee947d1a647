package dev.berth.client.registries;

import dev.berth.auth.vault.CredentialVault;
import dev.berth.auth.vault.VaultException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * How a vault key is derived from a passphrase: PBKDF2 with HMAC-SHA256 and a
 * random salt, both kept in the registries file (they are not secret) so that
 * the same passphrase opens it again.
 *
 * @param algorithm  the JCA name, {@value #PBKDF2}
 * @param iterations the work factor
 * @param salt       16 random bytes
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
        if (iterations < 10_000 || salt.length < 16) {
            throw new VaultException("the key derivation settings are too weak to trust");
        }
        salt = salt.clone();
    }

    static KeyDerivation fresh() {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return new KeyDerivation(PBKDF2, DEFAULT_ITERATIONS, salt);
    }

    CredentialVault vault(char[] passphrase) {
        if (passphrase.length == 0) {
            throw new VaultException("the passphrase is empty");
        }
        PBEKeySpec spec = new PBEKeySpec(passphrase, salt, iterations, 256);
        byte[] key = null;
        try {
            key = SecretKeyFactory.getInstance(algorithm).generateSecret(spec).getEncoded();
            return CredentialVault.fromBase64Key(Base64.getEncoder().encodeToString(key));
        } catch (GeneralSecurityException e) {
            throw new VaultException("cannot derive a key from the passphrase: " + e.getClass().getSimpleName());
        } finally {
            spec.clearPassword();
            if (key != null) {
                Arrays.fill(key, (byte) 0);
            }
        }
    }

    String saltBase64() {
        return Base64.getEncoder().encodeToString(salt);
    }
}
