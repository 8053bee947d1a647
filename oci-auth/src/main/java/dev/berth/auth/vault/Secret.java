package dev.berth.auth.vault;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A decrypted secret. It never shows itself: {@link #toString()} prints
 * {@code ****}, so it cannot leak into logs or exception messages by accident.
 */
public final class Secret {
    private final String value;

    /** @param value the secret */
    public Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /** @return the secret itself, for the one place that needs it */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret && MessageDigest.isEqual(((Secret) o).value.getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return 0; // no hash of the secret escapes either
    }

    @Override
    public String toString() {
        return "****";
    }
}
