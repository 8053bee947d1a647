package dev.berth.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Credentials that passed a bcrypt check moments ago, so the next request
 * with them skips the check. Registry clients send Basic credentials on every
 * request: without this a pull of an image with twenty layers costs twenty
 * bcrypt verifications. Only successes are remembered (a wrong password always
 * pays the full bcrypt cost), each for a short time, and never in a form that
 * leaves the process: entries are an HMAC of user and password under a random
 * key made at start.
 */
final class RecentLogins {
    private static final int MAX_ENTRIES = 4096;

    private final SecretKeySpec key;
    private final long lifetimeNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Long> expiries = new ConcurrentHashMap<>();

    /**
     * @param lifetimeNanos how long a success is remembered
     * @param nanoTime      the clock, {@link System#nanoTime} outside tests
     */
    RecentLogins(long lifetimeNanos, LongSupplier nanoTime) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.lifetimeNanos = lifetimeNanos;
        this.nanoTime = nanoTime;
    }

    /** @return whether these credentials passed the check within the lifetime */
    boolean contains(String username, String password) {
        Long expiry = expiries.get(fingerprint(username, password));
        return expiry != null && expiry - nanoTime.getAsLong() > 0;
    }

    /** Remembers credentials that just passed the check. */
    void remember(String username, String password) {
        if (expiries.size() >= MAX_ENTRIES) {
            long now = nanoTime.getAsLong();
            expiries.values().removeIf(expiry -> expiry - now <= 0);
            if (expiries.size() >= MAX_ENTRIES) {
                expiries.clear(); // bounded memory; the next requests simply pay bcrypt again
            }
        }
        expiries.put(fingerprint(username, password), nanoTime.getAsLong() + lifetimeNanos);
    }

    /** Forgets everything (the file changed: a password may have been changed or removed). */
    void clear() {
        expiries.clear();
    }

    private String fingerprint(String username, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            // Length-prefixed, so no user/password split of the same characters collides with another.
            mac.update((username.length() + ":" + username).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }
}
