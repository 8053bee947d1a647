package dev.berth.events;

import java.time.Instant;
import java.util.Objects;

/**
 * One thing that happened in a registry, whatever registry reported it.
 *
 * <pre>{@code
 * List<RegistryEvent> events = EventParser.parse(headers, body);
 * for (RegistryEvent e : events) {
 *     System.out.println(e.action() + " " + e.target().repository() + ":" + e.target().tag());
 * }
 * }</pre>
 *
 * @param id        unique id; redeliveries of an event carry the same id
 * @param timestamp when it happened
 * @param action    what happened
 * @param target    what it happened to
 * @param request   the request that caused it
 * @param actor     who did it (empty when the registry has no auth)
 * @param source    which registry instance reported it
 * @param format    the webhook format it arrived in
 */
public record RegistryEvent(String id, Instant timestamp, EventAction action, EventTarget target,
                            EventRequest request, String actor, EventSource source, EventFormat format) {

    /** Checks the required parts. */
    public RegistryEvent {
        Objects.requireNonNull(id, "id");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("an event needs an id");
        }
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
        request = Objects.requireNonNullElse(request, EventRequest.NONE);
        actor = Objects.requireNonNullElse(actor, "");
        source = Objects.requireNonNullElse(source, EventSource.NONE);
        Objects.requireNonNull(format, "format");
    }

    /** @return a one-line summary, e.g. {@code push team/app:1.0 sha256:… (application/vnd.oci.image.manifest.v1+json)} */
    public String summary() {
        StringBuilder s = new StringBuilder().append(action).append(' ').append(target.repository());
        if (!target.tag().isEmpty()) {
            s.append(':').append(target.tag());
        }
        target.digest().ifPresent(d -> s.append(' ').append(d));
        if (!target.mediaType().isEmpty()) {
            s.append(" (").append(target.mediaType()).append(')');
        }
        if (!actor.isEmpty()) {
            s.append(" by ").append(actor);
        }
        return s.toString();
    }
}
