package dev.berth.auth.vault;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts registry passwords for applications that keep them: AES-256-GCM
 * with a fresh random 96-bit nonce per secret, and the secret's context (say,
 * the registry's name) bound in as associated data, so a ciphertext moved to
 * another entry does not decrypt. A wrong key or a changed byte is a
 * {@link VaultException}; nothing secret appears in messages.
 *
 * <pre>{@code
 * CredentialVault vault = CredentialVault.fromKeyFile(Path.of("vault.key"));   // 32 random bytes, base64
 * String stored = vault.encrypt("registry:ghcr.io", password);
 * Secret back = vault.decrypt("registry:ghcr.io", stored);
 * }</pre>
 */
public final class CredentialVault {
    /** The prefix of every ciphertext, naming the format version. */
    public static final String PREFIX = "berth-vault-v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    private CredentialVault(byte[] key) {
        if (key.length != 32) {
            throw new VaultException("a vault key must be 32 bytes (AES-256), found " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /** @return a new random key, base64, for a key file or an environment variable */
    public static String generateKey() {
        byte[] k = new byte[32];
        RANDOM.nextBytes(k);
        return Base64.getEncoder().encodeToString(k);
    }

    /**
     * @param base64 a 32-byte key, base64-encoded, as {@link #generateKey()} makes one; surrounding whitespace is ignored
     * @return a vault over a base64 key
     */
    public static CredentialVault fromBase64Key(String base64) {
        try {
            return new CredentialVault(Base64.getDecoder().decode(base64.trim()));
        } catch (IllegalArgumentException e) {
            throw new VaultException("the vault key is not valid base64");
        }
    }

    /**
     * A vault whose key is derived from a passphrase with PBKDF2-HMAC-SHA256. The salt and iteration count
     * are not secret: keep them beside what the vault encrypts, so that the same passphrase opens it again.
     *
     * @param passphrase the passphrase, not empty; the caller may clear it afterwards
     * @param salt       at least 16 random bytes
     * @param iterations the work factor, at least 10,000
     * @return the vault
     * @throws VaultException if the passphrase is empty or the settings are too weak
     */
    public static CredentialVault fromPassphrase(char[] passphrase, byte[] salt, int iterations) {
        if (passphrase.length == 0) {
            throw new VaultException("the passphrase is empty");
        }
        if (iterations < 10_000 || salt.length < 16) {
            throw new VaultException("the key derivation settings are too weak to trust");
        }
        PBEKeySpec spec = new PBEKeySpec(passphrase, salt, iterations, 256);
        byte[] key = null;
        try {
            key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            return new CredentialVault(key);
        } catch (GeneralSecurityException e) {
            throw new VaultException("cannot derive a key from the passphrase: " + e.getClass().getSimpleName());
        } finally {
            spec.clearPassword();
            if (key != null) {
                Arrays.fill(key, (byte) 0); // SecretKeySpec keeps its own copy
            }
        }
    }

    /**
     * @param file a file holding a base64 key; created with a new key (owner-only) if missing
     * @return the vault
     */
    public static CredentialVault fromKeyFile(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, generateKey() + "\n");
            }
            return fromBase64Key(Files.readString(file));
        } catch (IOException e) {
            throw new VaultException("cannot read or create the vault key file " + file + ": " + e.getMessage());
        }
    }

    /**
     * @param variable the name of an environment variable holding a base64 key
     * @return the vault
     */
    public static CredentialVault fromEnvironment(String variable) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            throw new VaultException("environment variable " + variable + " holds no vault key");
        }
        return fromBase64Key(value);
    }

    /**
     * @param context   what the secret belongs to, e.g. {@code registry:ghcr.io}; needed again to decrypt
     * @param plaintext the secret
     * @return {@value #PREFIX} followed by base64 of nonce and ciphertext
     */
    public String encrypt(String context, String plaintext) {
        Objects.requireNonNull(plaintext, "plaintext");
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE_BYTES + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new VaultException("encryption failed: " + e.getClass().getSimpleName());
        }
    }

    /**
     * @param context    the context given to {@link #encrypt}
     * @param ciphertext what {@link #encrypt} returned
     * @return the secret
     * @throws VaultException if the key is wrong, the data was changed or is not a vault ciphertext
     */
    public Secret decrypt(String context, String ciphertext) {
        if (ciphertext == null || !ciphertext.startsWith(PREFIX)) {
            throw new VaultException("not a vault ciphertext (it must start with " + PREFIX + ")");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(ciphertext.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new VaultException("vault ciphertext is not valid base64");
        }
        if (raw.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new VaultException("vault ciphertext is too short");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, 0, NONCE_BYTES));
            c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] plain = c.doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES);
            return new Secret(new String(plain, StandardCharsets.UTF_8));
        } catch (AEADBadTagException e) {
            throw new VaultException("cannot decrypt: wrong key, wrong context, or the ciphertext was changed");
        } catch (GeneralSecurityException e) {
            throw new VaultException("decryption failed: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public String toString() {
        return "credential vault (AES-256-GCM, key ****)";
    }
}
