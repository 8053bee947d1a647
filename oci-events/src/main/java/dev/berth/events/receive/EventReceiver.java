package dev.berth.events.receive;

import dev.berth.model.InvalidArgumentException;
import dev.berth.events.EventFilter;
import dev.berth.events.EventParseException;
import dev.berth.events.EventParser;
import dev.berth.events.RegistryEvent;
import dev.berth.events.internal.Headers;
import dev.berth.events.store.EventStore;
import dev.berth.events.store.EventStoreException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes in registry webhooks, independent of any HTTP framework: headers and
 * body in, stored events and an HTTP status out. The status tells the sending
 * registry to retry exactly when the events were not stored: 2xx once they are
 * stored (or deliberately ignored by the filter), 4xx/5xx otherwise.
 *
 * <pre>{@code
 * EventReceiver receiver = EventReceiver.builder(store).sharedSecret("Authorization", "Bearer s3cret").build();
 * EventReceiver.Result r = receiver.receive("POST", headers, body);
 * response.setStatus(r.status());
 * }</pre>
 */
public final class EventReceiver {
    private static final Logger LOG = LoggerFactory.getLogger(EventReceiver.class);

    /** The default largest body accepted: 1 MiB, far above distribution's one-event posts. */
    public static final int DEFAULT_MAX_BODY = 1024 * 1024;

    private final EventStore store;
    private final EventFilter filter;
    private final String secretHeader;
    private final byte[] secretValue;
    private final int maxBodyBytes;
    private final Consumer<RegistryEvent> listener;

    private EventReceiver(Builder b) {
        this.store = b.store;
        this.filter = b.filter;
        this.secretHeader = b.secretHeader;
        this.secretValue = b.secretValue == null ? null : b.secretValue.getBytes(StandardCharsets.UTF_8);
        this.maxBodyBytes = b.maxBodyBytes;
        this.listener = b.listener;
    }

    /**
     * @param store where received events are kept
     * @return a builder storing into {@code store}
     * @throws InvalidArgumentException if {@code store} is null
     */
    public static Builder builder(EventStore store) {
        return new Builder(InvalidArgumentException.requireNonNull(store, "store"));
    }

    /** @return the largest body this receiver accepts, in bytes */
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /**
     * Handles one webhook request.
     *
     * @param method  the HTTP method
     * @param headers the request headers (names in any case)
     * @param body    the request body
     * @return the status to answer and what was stored
     * @throws InvalidArgumentException if an argument is null
     */
    public Result receive(String method, Map<String, List<String>> headers, byte[] body) {
        return receive(method, headers, body, e -> Optional.of(""));
    }

    /**
     * Handles one webhook request of an application that receives several registries' webhooks, keeping each
     * event under the name of the registry it came from ({@link EventStore#append(String, List)}). Events
     * {@code registryOf} cannot place are not stored and count as ignored.
     *
     * @param method     the HTTP method
     * @param headers    the request headers (names in any case)
     * @param body       the request body
     * @param registryOf the name of the registry an event came from (from the request's URL, or the event's
     *                   request host), or empty if it is none the application knows
     * @return the status to answer and what was stored
     * @throws InvalidArgumentException if an argument is null
     */
    public Result receive(String method, Map<String, List<String>> headers, byte[] body,
                          Function<RegistryEvent, Optional<String>> registryOf) {
        InvalidArgumentException.requireNonNull(registryOf, "registryOf");
        InvalidArgumentException.requireNonNull(method, "method");
        InvalidArgumentException.requireNonNull(headers, "headers");
        InvalidArgumentException.requireNonNull(body, "body");
        if (!"POST".equalsIgnoreCase(method)) {
            return Result.refused(405, "webhooks are POSTed");
        }
        if (secretValue != null) {
            byte[] given = Headers.first(headers, secretHeader).orElse("").getBytes(StandardCharsets.UTF_8);
            if (!MessageDigest.isEqual(given, secretValue)) { // constant time: no timing oracle on the secret
                return Result.refused(401, "missing or wrong " + secretHeader + " header");
            }
        }
        if (body.length > maxBodyBytes) {
            return Result.refused(413, "body of " + body.length + " bytes exceeds the limit of " + maxBodyBytes);
        }
        List<RegistryEvent> events;
        try {
            events = EventParser.parse(headers, body);
        } catch (EventParseException e) {
            return Result.refused(400, e.getMessage());
        }
        Map<String, List<RegistryEvent>> kept = new LinkedHashMap<>();
        int keptCount = 0;
        for (RegistryEvent e : events) {
            Optional<String> registry = filter.test(e) ? registryOf.apply(e) : Optional.empty();
            if (registry.isPresent()) {
                kept.computeIfAbsent(registry.get(), r -> new ArrayList<>()).add(e);
                keptCount++;
            }
        }
        List<RegistryEvent> added = new ArrayList<>();
        try { // a failure after some groups is answered 503: the retry stores the rest, the stored ones are duplicates
            for (Map.Entry<String, List<RegistryEvent>> group : kept.entrySet()) {
                added.addAll(store.append(group.getKey(), group.getValue()));
            }
        } catch (EventStoreException e) {
            LOG.warn("could not store {} events; the registry will retry: {}", keptCount, e.getMessage());
            return Result.refused(503, "events not stored, retry later");
        }
        added.forEach(listener);
        int duplicates = keptCount - added.size();
        int ignored = events.size() - keptCount;
        return new Result(200, "stored " + added.size() + ", duplicates " + duplicates + ", ignored " + ignored,
                added, duplicates, ignored);
    }

    /**
     * What the receiver did with one request.
     *
     * @param status     the HTTP status to answer
     * @param message    a short text for the response body
     * @param stored     the events newly stored by this request
     * @param duplicates how many events were already stored (redeliveries)
     * @param ignored    how many events the filter dropped
     */
    public record Result(int status, String message, List<RegistryEvent> stored, int duplicates, int ignored) {
        /**
         * Copies the list.
         *
         * @param status the HTTP status to answer
         * @param message a short text for the response body
         * @param stored the events newly stored by this request
         * @param duplicates how many events were already stored (redeliveries)
         * @param ignored how many events the filter dropped
         */
        public Result {
            stored = List.copyOf(stored);
        }

        static Result refused(int status, String message) {
            return new Result(status, message, List.of(), 0, 0);
        }
    }

    /** Configures an {@link EventReceiver}. */
    public static final class Builder {
        private final EventStore store;
        private EventFilter filter = EventFilter.defaults();
        private String secretHeader = "Authorization";
        private String secretValue;
        private int maxBodyBytes = DEFAULT_MAX_BODY;
        private Consumer<RegistryEvent> listener = e -> { };

        private Builder(EventStore store) {
            this.store = store;
        }

        /**
         * @param value decides which parsed events are stored
         * @return this builder, with the filter (default: everything but pulls)
         */
        public Builder filter(EventFilter value) {
            this.filter = InvalidArgumentException.requireNonNull(value, "value");
            return this;
        }

        /**
         * Requires a header with an exact value, as distribution's endpoint
         * {@code headers} setting sends it.
         *
         * @param header e.g. {@code Authorization}
         * @param value  e.g. {@code Bearer s3cret}
         * @return this builder
         */
        public Builder sharedSecret(String header, String value) {
            this.secretHeader = InvalidArgumentException.requireNonBlank(header, "header");
            this.secretValue = InvalidArgumentException.requireNonBlank(value, "value");
            return this;
        }

        /**
         * @param value the largest request body accepted, in bytes; larger ones are refused with 413
         * @return this builder, with the largest body accepted
         */
        public Builder maxBodyBytes(int value) {
            if (value < 1) {
                throw new InvalidArgumentException("value", "must be a positive number of bytes, not " + value);
            }
            this.maxBodyBytes = value;
            return this;
        }

        /**
         * @param value called with each event after it is stored, not with duplicates; it should return quickly
         * @return this builder, with a callback for each newly stored event (e.g. to print it)
         */
        public Builder onStored(Consumer<RegistryEvent> value) {
            this.listener = InvalidArgumentException.requireNonNull(value, "value");
            return this;
        }

        /** @return the receiver */
        public EventReceiver build() {
            return new EventReceiver(this);
        }
    }
}
