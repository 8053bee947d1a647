package dev.berth.events;

import dev.berth.model.InvalidArgumentException;

/**
 * The HTTP request that caused an event; empty strings where unknown.
 *
 * @param id        the registry's request id (distribution gives both events of one delete the same id)
 * @param addr      the client's address, host:port
 * @param host      the Host the client asked for
 * @param method    the HTTP method
 * @param userAgent the client's User-Agent
 */
public record EventRequest(String id, String addr, String host, String method, String userAgent) {
    /** No request information. */
    public static final EventRequest NONE = new EventRequest("", "", "", "", "");

    /**
     * Checks that no part is null: an absent part is empty.
     *
     * @param id the registry's request id (distribution gives both events of one delete the same id)
     * @param addr the client's address, host:port
     * @param host the Host the client asked for
     * @param method the HTTP method
     * @param userAgent the client's User-Agent
     * @throws InvalidArgumentException if a part is null
     */
    public EventRequest {
        InvalidArgumentException.requireNonNull(id, "id");
        InvalidArgumentException.requireNonNull(addr, "addr");
        InvalidArgumentException.requireNonNull(host, "host");
        InvalidArgumentException.requireNonNull(method, "method");
        InvalidArgumentException.requireNonNull(userAgent, "userAgent");
    }
}
