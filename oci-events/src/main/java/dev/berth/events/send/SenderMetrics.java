package dev.berth.events.send;

/**
 * Counters of one {@link EventSender}.
 *
 * @param pending  events queued or being delivered
 * @param sent     events delivered (answered 2xx)
 * @param failed   delivery attempts that failed (each retry counts)
 * @param dropped  events given up: queue full, or still pending when the sender closed
 * @param filtered events not sent because the endpoint ignores their action or media type
 */
public record SenderMetrics(long pending, long sent, long failed, long dropped, long filtered) {
}
