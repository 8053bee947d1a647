package dev.berth.events;

import java.util.Objects;

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
     * Replaces nulls with empty strings.
     *
     * @param id the registry's request id (distribution gives both events of one delete the same id)
     * @param addr the client's address, host:port
     * @param host the Host the client asked for
     * @param method the HTTP method
     * @param userAgent the client's User-Agent
     */
    public EventRequest {
        id = Objects.requireNonNullElse(id, "");
        addr = Objects.requireNonNullElse(addr, "");
        host = Objects.requireNonNullElse(host, "");
        method = Objects.requireNonNullElse(method, "");
        userAgent = Objects.requireNonNullElse(userAgent, "");
    }
}
