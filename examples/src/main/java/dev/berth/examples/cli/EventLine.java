package dev.berth.examples.cli;

import dev.berth.events.EventText;
import dev.berth.events.RegistryEvent;

/**
 * The line {@code berth events listen} and {@code berth events list} print for
 * one event. Its text comes from whoever sent the webhook, so it goes through
 * {@link RegistryEvent#summary()} and {@link EventText}: one bounded line, no
 * terminal escapes, whatever the event holds.
 */
final class EventLine {
    private EventLine() {
    }

    /** @return e.g. {@code 2026-11-22T10:00:00Z push team/app:1.0 sha256:… (…) by alice via skopeo/1.9.3} */
    static String of(RegistryEvent e) {
        String userAgent = e.request().userAgent();
        return e.timestamp() + " " + e.summary()
                + (userAgent.isEmpty() ? "" : " via " + EventText.printable(userAgent, EventText.MAX_NAME));
    }
}
