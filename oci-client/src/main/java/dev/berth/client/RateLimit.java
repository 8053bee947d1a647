package dev.berth.client;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.net.http.HttpHeaders;

/**
 * A registry's pull budget as Docker Hub announces it in
 * {@code RateLimit-Limit: 100;w=21600} and {@code RateLimit-Remaining: 76;w=21600}.
 * A manifest HEAD does not count as a pull there; a GET does.
 *
 * @param limit     requests allowed per window
 * @param remaining requests left in the current window, if announced
 * @param window    the window, if announced
 */
public record RateLimit(long limit, OptionalLong remaining, Optional<Duration> window) {

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
            long l = Long.parseLong(valueOf(limit.get()));
            Optional<Duration> window = window(limit.get());
            OptionalLong remaining = headers.firstValue("RateLimit-Remaining")
                    .map(r -> OptionalLong.of(Long.parseLong(valueOf(r)))).orElse(OptionalLong.empty());
            return Optional.of(new RateLimit(l, remaining, window));
        } catch (NumberFormatException unreadable) {
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
