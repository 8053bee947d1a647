package dev.berth.auth.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * A bearer token from a token endpoint, with when it stops being usable.
 *
 * @param value     the token; never logged
 * @param issuedAt  when it was issued
 * @param expiresIn its lifetime (at least 60 s, as the token specification says)
 */
public record Token(String value, Instant issuedAt, Duration expiresIn) {
    /** The lifetime assumed when the endpoint names none, and the least accepted. */
    public static final Duration MINIMUM_LIFETIME = Duration.ofSeconds(60);

    /**
     * A token is refreshed before it expires: with a tenth of its lifetime (at
     * most 30 s) to spare, so a long request does not start with a dying token.
     */
    public boolean isFresh(Instant now) {
        Duration margin = expiresIn.dividedBy(10);
        if (margin.compareTo(Duration.ofSeconds(30)) > 0) {
            margin = Duration.ofSeconds(30);
        }
        return now.isBefore(issuedAt.plus(expiresIn).minus(margin));
    }

    @Override
    public String toString() {
        return "token issued " + issuedAt + " for " + expiresIn.toSeconds() + " s";
    }
}
