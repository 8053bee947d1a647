package dev.berth.server;

/**
 * How many requests one client may send: a token bucket per client address that holds {@code burst} requests
 * and refills at {@code requestsPerSecond}. A request beyond it is answered {@code 429 TOOMANYREQUESTS} with
 * {@code Retry-After}. IPv6 clients are counted per {@code /64}, the block one host is usually given.
 *
 * @param requestsPerSecond the sustained rate allowed per client; positive
 * @param burst             how many requests a client that was quiet may send at once; at least 1
 */
public record RateLimit(double requestsPerSecond, int burst) {
    /**
     * @param requestsPerSecond the sustained rate allowed per client
     * @param burst             how many requests a quiet client may send at once
     * @throws IllegalArgumentException if the rate is not positive or the burst is below 1
     */
    public RateLimit {
        if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond)) {
            throw new IllegalArgumentException("requestsPerSecond must be a positive number, not " + requestsPerSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1, not " + burst);
        }
    }
}
