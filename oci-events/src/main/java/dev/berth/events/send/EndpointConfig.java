package dev.berth.events.send;

import dev.berth.events.EventAction;
import dev.berth.events.internal.SecretHeaders;
import dev.berth.model.InvalidArgumentException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One notification endpoint, configured as in distribution's
 * {@code notifications.endpoints} section. Zero values take
 * distribution's defaults: timeout 1 s, threshold 10, backoff 1 s (and a queue of {@value #DEFAULT_QUEUE_CAPACITY}).
 *
 * @param name              a name for logs and metrics
 * @param url               where events are POSTed
 * @param headers           extra headers, e.g. {@code Authorization}
 * @param timeout           how long one delivery attempt may take
 * @param threshold         consecutive failures before the breaker opens
 * @param backoff           how long the open breaker waits before the next attempt
 * @param ignoredMediaTypes target media types not to send
 * @param ignoredActions    actions not to send (works on its own, unlike distribution 2.8)
 * @param queueCapacity     events held while the endpoint is down; beyond it new events are dropped and counted
 */
public record EndpointConfig(String name, URI url, Map<String, List<String>> headers, Duration timeout, int threshold,
                             Duration backoff, Set<String> ignoredMediaTypes, Set<EventAction> ignoredActions,
                             int queueCapacity) {
    /** The default queue bound. */
    public static final int DEFAULT_QUEUE_CAPACITY = 10_000;

    /**
     * Applies distribution's defaults and copies the collections.
     *
     * @param name a name for logs and metrics
     * @param url where events are POSTed
     * @param headers extra headers, e.g. {@code Authorization}
     * @param timeout how long one delivery attempt may take
     * @param threshold consecutive failures before the breaker opens
     * @param backoff how long the open breaker waits before the next attempt
     * @param ignoredMediaTypes target media types not to send
     * @param ignoredActions actions not to send (works on its own, unlike distribution 2.8)
     * @param queueCapacity events held while the endpoint is down; beyond it new events are dropped and counted
     * @throws InvalidArgumentException if an argument is null, {@code name} blank, or a duration or number negative
     */
    public EndpointConfig {
        InvalidArgumentException.requireNonBlank(name, "name");
        InvalidArgumentException.requireNonNull(url, "url");
        headers = Map.copyOf(InvalidArgumentException.requireNonNull(headers, "headers"));
        timeout = orDefault(timeout, "timeout");
        threshold = (int) InvalidArgumentException.requireNonNegative(threshold, "threshold") == 0 ? 10 : threshold;
        backoff = orDefault(backoff, "backoff");
        ignoredMediaTypes = Set.copyOf(InvalidArgumentException.requireNonNull(ignoredMediaTypes, "ignoredMediaTypes"));
        ignoredActions = Set.copyOf(InvalidArgumentException.requireNonNull(ignoredActions, "ignoredActions"));
        queueCapacity = InvalidArgumentException.requireNonNegative(queueCapacity, "queueCapacity") == 0
                ? DEFAULT_QUEUE_CAPACITY : queueCapacity;
    }

    // distribution's default for a zero duration
    private static Duration orDefault(Duration value, String name) {
        if (InvalidArgumentException.requireNonNull(value, name).isNegative()) {
            throw new InvalidArgumentException(name, "must not be negative, not " + value);
        }
        return value.isZero() ? Duration.ofSeconds(1) : value;
    }

    /**
     * @param url where events are POSTed
     * @param name the endpoint's name, for logs
     * @return an endpoint with every default
     * @throws InvalidArgumentException if {@code name} is null or blank, or {@code url} null
     */
    public static EndpointConfig of(String name, URI url) {
        return new EndpointConfig(name, url, Map.of(), Duration.ZERO, 0, Duration.ZERO, Set.of(), Set.of(), 0);
    }

    /**
     * @param headers the headers sent with every delivery, by name
     * @return a copy with these headers
     * @throws InvalidArgumentException if {@code headers} is null
     */
    public EndpointConfig withHeaders(Map<String, List<String>> headers) {
        return new EndpointConfig(name, url, headers, timeout, threshold, backoff, ignoredMediaTypes, ignoredActions,
                queueCapacity);
    }

    /**
     * @param timeout   the timeout of each delivery attempt; zero for the default
     * @param threshold how many consecutive failures open the breaker; zero for the default
     * @param backoff   how long the open breaker waits before the next attempt; zero for the default
     * @return a copy with this timeout, threshold and backoff
     * @throws InvalidArgumentException if a duration is null, or a value negative
     */
    public EndpointConfig withRetry(Duration timeout, int threshold, Duration backoff) {
        return new EndpointConfig(name, url, headers, timeout, threshold, backoff, ignoredMediaTypes, ignoredActions,
                queueCapacity);
    }

    /**
     * @param ignoredMediaTypes media types whose events are not sent
     * @param ignoredActions    actions whose events are not sent, such as {@link EventAction#PULL}
     * @return a copy ignoring these media types and actions
     * @throws InvalidArgumentException if either is null
     */
    public EndpointConfig ignoring(Set<String> ignoredMediaTypes, Set<EventAction> ignoredActions) {
        return new EndpointConfig(name, url, headers, timeout, threshold, backoff, ignoredMediaTypes, ignoredActions,
                queueCapacity);
    }

    /**
     * Prints every field except secrets: the values of {@code Authorization},
     * {@code Proxy-Authorization}, {@code Cookie} and of any header whose name
     * contains token, secret, key, password or auth (in any case) print as
     * {@code ***}, as does user info in the URL.
     */
    @Override
    public String toString() {
        return "EndpointConfig[name=" + name + ", url=" + SecretHeaders.masked(url)
                + ", headers=" + SecretHeaders.masked(headers) + ", timeout=" + timeout + ", threshold=" + threshold
                + ", backoff=" + backoff + ", ignoredMediaTypes=" + ignoredMediaTypes + ", ignoredActions="
                + ignoredActions + ", queueCapacity=" + queueCapacity + "]";
    }

    /**
     * @param queueCapacity how many events to hold while the endpoint is down; beyond it new events are dropped and
     *                      counted; zero for the default
     * @return a copy with this queue bound
     * @throws InvalidArgumentException if {@code queueCapacity} is negative
     */
    public EndpointConfig withQueueCapacity(int queueCapacity) {
        return new EndpointConfig(name, url, headers, timeout, threshold, backoff, ignoredMediaTypes, ignoredActions,
                queueCapacity);
    }
}
