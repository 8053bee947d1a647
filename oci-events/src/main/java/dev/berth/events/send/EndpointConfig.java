package dev.berth.events.send;

import dev.berth.events.EventAction;
import dev.berth.events.internal.SecretHeaders;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One notification endpoint, configured as in distribution's
 * {@code notifications.endpoints} section. Zero or null values take
 * distribution's defaults: timeout 1 s, threshold 10, backoff 1 s.
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
     */
    public EndpointConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        timeout = timeout == null || timeout.isZero() ? Duration.ofSeconds(1) : timeout;
        threshold = threshold <= 0 ? 10 : threshold;
        backoff = backoff == null || backoff.isZero() ? Duration.ofSeconds(1) : backoff;
        ignoredMediaTypes = ignoredMediaTypes == null ? Set.of() : Set.copyOf(ignoredMediaTypes);
        ignoredActions = ignoredActions == null ? Set.of() : Set.copyOf(ignoredActions);
        queueCapacity = queueCapacity <= 0 ? DEFAULT_QUEUE_CAPACITY : queueCapacity;
        if (timeout.isNegative() || backoff.isNegative()) {
            throw new IllegalArgumentException("timeout and backoff must not be negative");
        }
    }

    /**
     * @param url where events are POSTed
     * @param name the endpoint's name, for logs
     * @return an endpoint with every default
     */
    public static EndpointConfig of(String name, URI url) {
        return new EndpointConfig(name, url, Map.of(), null, 0, null, Set.of(), Set.of(), 0);
    }

    /**
     * @param value the headers sent with every delivery, by name
     * @return a copy with these headers
     */
    public EndpointConfig withHeaders(Map<String, List<String>> value) {
        return new EndpointConfig(name, url, value, timeout, threshold, backoff, ignoredMediaTypes, ignoredActions, queueCapacity);
    }

    /**
     * @param newBackoff how long the open breaker waits before the next attempt
     * @param newThreshold how many consecutive failures open the breaker
     * @param newTimeout the timeout of each delivery attempt
     * @return a copy with this timeout, threshold and backoff
     */
    public EndpointConfig withRetry(Duration newTimeout, int newThreshold, Duration newBackoff) {
        return new EndpointConfig(name, url, headers, newTimeout, newThreshold, newBackoff, ignoredMediaTypes,
                ignoredActions, queueCapacity);
    }

    /**
     * @param actions actions whose events are not sent, such as {@link EventAction#PULL}
     * @param mediaTypes media types whose events are not sent
     * @return a copy ignoring these media types and actions
     */
    public EndpointConfig ignoring(Set<String> mediaTypes, Set<EventAction> actions) {
        return new EndpointConfig(name, url, headers, timeout, threshold, backoff, mediaTypes, actions, queueCapacity);
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
     * @param value how many events to hold while the endpoint is down; beyond it new events are dropped and counted
     * @return a copy with this queue bound
     */
    public EndpointConfig withQueueCapacity(int value) {
        return new EndpointConfig(name, url, headers, timeout, threshold, backoff, ignoredMediaTypes, ignoredActions, value);
    }
}
