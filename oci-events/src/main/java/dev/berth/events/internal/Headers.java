package dev.berth.events.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Case-insensitive header lookup over the plain map every HTTP stack can produce. */
public final class Headers {
    private Headers() {
    }

    /** @return the first value of the header, if present */
    public static Optional<String> first(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return Optional.of(e.getValue().get(0));
            }
        }
        return Optional.empty();
    }
}
