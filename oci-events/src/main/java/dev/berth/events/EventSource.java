package dev.berth.events;

import java.util.Objects;

/**
 * The registry instance that emitted an event; empty strings where unknown.
 *
 * @param addr       the registry's address, host:port
 * @param instanceId the registry instance's id
 */
public record EventSource(String addr, String instanceId) {
    /** No source information. */
    public static final EventSource NONE = new EventSource("", "");

    /**
     * Replaces nulls with empty strings.
     *
     * @param addr the registry's address, host:port
     * @param instanceId the registry instance's id
     */
    public EventSource {
        addr = Objects.requireNonNullElse(addr, "");
        instanceId = Objects.requireNonNullElse(instanceId, "");
    }
}
