package dev.berth.client;

import java.time.Duration;

/**
 * How a client retries a request that may succeed later: connection failures,
 * 408, 429 and 5xx (other than 501) on requests that are safe to repeat. Waits
 * grow exponentially from {@code initialBackoff} up to {@code maxBackoff}, with
 * jitter, unless the registry says how long to wait in {@code Retry-After}; a
 * registry asking for longer than {@code maxRetryAfter} is not waited for.
 *
 * @param maxAttempts    attempts in all, at least 1 (1 means no retry)
 * @param initialBackoff the wait before the first retry
 * @param maxBackoff     the longest computed wait
 * @param maxRetryAfter  the longest {@code Retry-After} honoured
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {

    /** Five attempts, 200 ms doubling to 3 s, {@code Retry-After} honoured up to a minute (as oras-go does). */
    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(3), Duration.ofMinutes(1));

    /** One attempt: every failure is reported at once. */
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    /**
     * Checks the policy: at least one attempt, no negative wait.
     *
     * @param maxAttempts attempts in all, at least 1 (1 means no retry)
     * @param initialBackoff the wait before the first retry
     * @param maxBackoff the longest computed wait
     * @param maxRetryAfter the longest {@code Retry-After} honoured
     */
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.isNegative() || maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("retry waits cannot be negative");
        }
    }

    /**
     * @param retry  the retry about to happen, 1 for the first
     * @param jitter a number in [0, 1) that spreads clients apart
     * @return the computed wait before that retry: half to one and a half times the doubled backoff, capped
     */
    public Duration backoff(int retry, double jitter) {
        long base = initialBackoff.toMillis() << Math.min(retry - 1, 20);
        long capped = Math.min(base, maxBackoff.toMillis());
        return Duration.ofMillis((long) (capped * (0.5 + jitter)));
    }
}
