package dev.berth.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Credentials that passed a bcrypt check moments ago, so the next request
 * with them skips the check. Registry clients send Basic credentials on every
 * request: without this a pull of an image with twenty layers costs twenty
 * bcrypt verifications. Only successes are remembered (a wrong password always
 * pays the full bcrypt cost), for a short time after their last use, and never
 * in a form that leaves the process: entries are an HMAC of user and password
 * under a random key made at start. Requests that bring the same credentials
 * while they are being checked wait for that one check: 64 connections opened
 * at once by one client cost one bcrypt, not 64.
 */
final class RecentLogins {
    private static final int MAX_ENTRIES = 4096;

    // A Mac per thread, keyed once: looking one up and keying it cost more than the rest of a cached login.
    private final ThreadLocal<Mac> macs;
    private final long lifetimeNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Long> expiries = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Boolean>> checking = new ConcurrentHashMap<>();

    /**
     * @param lifetimeNanos how long a success is remembered after its last use
     * @param nanoTime      the clock, {@link System#nanoTime} outside tests
     */
    RecentLogins(long lifetimeNanos, LongSupplier nanoTime) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        SecretKeySpec key = new SecretKeySpec(secret, "HmacSHA256");
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
            }
        });
        this.lifetimeNanos = lifetimeNanos;
        this.nanoTime = nanoTime;
    }

    /**
     * @param check the full check of these credentials, run unless they are remembered or being checked already
     * @return whether the credentials pass: remembered from a recent success, or what {@code check} answers
     *         (remembered when true)
     */
    boolean passes(String username, String password, BooleanSupplier check) {
        String fingerprint = fingerprint(username, password);
        long now = nanoTime.getAsLong();
        Long expiry = expiries.get(fingerprint);
        if (expiry != null && expiry - now > 0) {
            if (expiry - now < lifetimeNanos / 2) {
                expiries.put(fingerprint, now + lifetimeNanos); // in use: kept, with a map write every half lifetime
            }
            return true;
        }
        CompletableFuture<Boolean> mine = new CompletableFuture<>();
        CompletableFuture<Boolean> running = checking.putIfAbsent(fingerprint, mine);
        if (running != null) {
            return running.join();
        }
        try {
            boolean ok = check.getAsBoolean();
            if (ok) {
                remember(fingerprint);
            }
            mine.complete(ok);
            return ok;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            checking.remove(fingerprint, mine);
        }
    }

    private void remember(String fingerprint) {
        if (expiries.size() >= MAX_ENTRIES) {
            long now = nanoTime.getAsLong();
            expiries.values().removeIf(expiry -> expiry - now <= 0);
            if (expiries.size() >= MAX_ENTRIES) {
                expiries.clear(); // bounded memory; the next requests simply pay bcrypt again
            }
        }
        expiries.put(fingerprint, nanoTime.getAsLong() + lifetimeNanos);
    }

    /** Forgets everything (the file changed: a password may have been changed or removed). */
    void clear() {
        expiries.clear();
    }

    private String fingerprint(String username, String password) {
        Mac mac = macs.get(); // doFinal leaves it reset for the next use
        // Length-prefixed, so no user/password split of the same characters collides with another.
        mac.update((username.length() + ":" + username).getBytes(StandardCharsets.UTF_8));
        // One character a byte: a map key as good as its Base64 form, without encoding it.
        return new String(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)), StandardCharsets.ISO_8859_1);
    }
}
