package dev.berth.client;

import dev.berth.model.InvalidArgumentException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.net.http.HttpHeaders;

/**
 * A registry's pull budget as Docker Hub announces it in
 * {@code RateLimit-Limit: 100;w=21600} and {@code RateLimit-Remaining: 76;w=21600}.
 * A manifest HEAD does not count as a pull there; a GET does. Read with {@link #from(HttpHeaders)}, or made with
 * {@link #of(long)}, {@link #withRemaining(long)} and {@link #withWindow(Duration)}; what is not announced is empty.
 */
public final class RateLimit {
    private static final long NOT_ANNOUNCED = -1;
    private final long limit;
    private final long remaining;
    private final Duration window;

    private RateLimit(long limit, long remaining, Duration window) {
        this.limit = limit;
        this.remaining = remaining;
        this.window = window;
    }

    /**
     * @param limit requests allowed per window
     * @return a budget that announces neither what remains nor its window
     * @throws InvalidArgumentException if {@code limit} is negative
     */
    public static RateLimit of(long limit) {
        return new RateLimit(InvalidArgumentException.requireNonNegative(limit, "limit"), NOT_ANNOUNCED, null);
    }

    /**
     * @param remaining requests left in the current window
     * @return this budget, with that many left
     * @throws InvalidArgumentException if {@code remaining} is negative
     */
    public RateLimit withRemaining(long remaining) {
        return new RateLimit(limit, InvalidArgumentException.requireNonNegative(remaining, "remaining"), window);
    }

    /**
     * @param window the window
     * @return this budget, over that window
     * @throws InvalidArgumentException if {@code window} is null or negative
     */
    public RateLimit withWindow(Duration window) {
        if (InvalidArgumentException.requireNonNull(window, "window").isNegative()) {
            throw new InvalidArgumentException("window", "must not be negative");
        }
        return new RateLimit(limit, remaining, window);
    }

    /** @return requests allowed per window */
    public long limit() {
        return limit;
    }

    /** @return requests left in the current window, if announced */
    public OptionalLong remaining() {
        return remaining == NOT_ANNOUNCED ? OptionalLong.empty() : OptionalLong.of(remaining);
    }

    /** @return the window, if announced */
    public Optional<Duration> window() {
        return Optional.ofNullable(window);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RateLimit r && limit == r.limit && remaining == r.remaining && Objects.equals(window, r.window);
    }

    @Override
    public int hashCode() {
        return Objects.hash(limit, remaining, window);
    }

    @Override
    public String toString() {
        return "RateLimit[limit=" + limit + ", remaining=" + remaining() + ", window=" + window() + "]";
    }

    /**
     * @param headers a response's headers
     * @return the budget they announce, or empty when they carry none (or an unreadable one)
     */
    public static Optional<RateLimit> from(HttpHeaders headers) {
        Optional<String> limit = headers.firstValue("RateLimit-Limit");
        if (limit.isEmpty()) {
            return Optional.empty();
        }
        try {
            RateLimit budget = of(Long.parseLong(valueOf(limit.get())));
            Optional<Duration> window = window(limit.get());
            if (window.isPresent()) {
                budget = budget.withWindow(window.get());
            }
            Optional<String> remaining = headers.firstValue("RateLimit-Remaining");
            if (remaining.isPresent()) {
                budget = budget.withRemaining(Long.parseLong(valueOf(remaining.get())));
            }
            return Optional.of(budget);
        } catch (NumberFormatException | InvalidArgumentException unreadable) {
            return Optional.empty();
        }
    }

    private static String valueOf(String header) {
        int semi = header.indexOf(';');
        return (semi < 0 ? header : header.substring(0, semi)).trim();
    }

    private static Optional<Duration> window(String header) {
        for (String part : header.split(";")) {
            String p = part.trim();
            if (p.startsWith("w=")) {
                return Optional.of(Duration.ofSeconds(Long.parseLong(p.substring(2).trim())));
            }
        }
        return Optional.empty();
    }
}
