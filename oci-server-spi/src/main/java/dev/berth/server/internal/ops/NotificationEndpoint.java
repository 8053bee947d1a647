package dev.berth.server.internal.ops;

import dev.berth.events.send.EndpointConfig;
import dev.berth.events.send.EventSender;

/**
 * A notification endpoint as the meters and the health check see it: its settings and its sender's counters.
 *
 * @param config the endpoint's settings
 * @param sender what queues and delivers its events
 */
public record NotificationEndpoint(EndpointConfig config, EventSender sender) {
}
