package dev.berth.events;

import dev.berth.model.InvalidArgumentException;

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
     * Checks that no part is null: an absent part is empty.
     *
     * @param addr the registry's address, host:port
     * @param instanceId the registry instance's id
     * @throws InvalidArgumentException if a part is null
     */
    public EventSource {
        InvalidArgumentException.requireNonNull(addr, "addr");
        InvalidArgumentException.requireNonNull(instanceId, "instanceId");
    }
}
