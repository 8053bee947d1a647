package dev.berth.events;

import dev.berth.model.Extensions;
import dev.berth.model.InvalidArgumentException;
import java.time.Instant;

/**
 * One thing that happened in a registry, whatever registry reported it.
 *
 * <pre>{@code
 * List<RegistryEvent> events = EventParser.parse(headers, body);
 * for (RegistryEvent e : events) {
 *     System.out.println(e.action() + " " + e.target().repository() + e.target().tag().map(t -> ":" + t).orElse(""));
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
 * @param extensions fields of the event object that Berth does not read, kept so that a stored or forwarded
 *                   event loses nothing
 */
public record RegistryEvent(String id, Instant timestamp, EventAction action, EventTarget target,
                            EventRequest request, String actor, EventSource source, EventFormat format,
                            Extensions extensions) {

    /**
     * Checks that no part is null.
     *
     * @param id unique id; redeliveries of an event carry the same id
     * @param timestamp when it happened
     * @param action what happened
     * @param target what it happened to
     * @param request the request that caused it
     * @param actor who did it (empty when the registry has no auth)
     * @param source which registry instance reported it
     * @param format the webhook format it arrived in
     * @param extensions fields of the event object that Berth does not read, kept so that a stored or forwarded event loses nothing
     * @throws InvalidArgumentException if a part is null, or {@code id} empty ({@link EventRequest#NONE},
     *         {@link EventSource#NONE}, {@code ""} and {@link Extensions#none()} say "none")
     */
    public RegistryEvent {
        if (InvalidArgumentException.requireNonNull(id, "id").isEmpty()) {
            throw new InvalidArgumentException("id", "must not be empty: an event needs an id");
        }
        InvalidArgumentException.requireNonNull(timestamp, "timestamp");
        InvalidArgumentException.requireNonNull(action, "action");
        InvalidArgumentException.requireNonNull(target, "target");
        InvalidArgumentException.requireNonNull(request, "request");
        InvalidArgumentException.requireNonNull(actor, "actor");
        InvalidArgumentException.requireNonNull(source, "source");
        InvalidArgumentException.requireNonNull(format, "format");
        InvalidArgumentException.requireNonNull(extensions, "extensions");
    }

    /**
     * An event without extension fields.
     *
     * @param id unique id; redeliveries of an event carry the same id
     * @param timestamp when it happened
     * @param action what happened
     * @param target what it happened to
     * @param request the request that caused it
     * @param actor who did it (empty when the registry has no auth)
     * @param source which registry instance reported it
     * @param format the webhook format it arrived in
     */
    public RegistryEvent(String id, Instant timestamp, EventAction action, EventTarget target,
                         EventRequest request, String actor, EventSource source, EventFormat format) {
        this(id, timestamp, action, target, request, actor, source, format, Extensions.none());
    }

    /**
     * A one-line summary, safe to print: every text field goes through
     * {@link EventText#printable} (control characters replaced, lengths capped),
     * so a hostile event prints as one bounded line.
     *
     * @return e.g. {@code push team/app:1.0 sha256:… (application/vnd.oci.image.manifest.v1+json) by alice}
     */
    public String summary() {
        StringBuilder s = new StringBuilder().append(EventText.printable(action.name(), EventText.MAX_NAME))
                .append(' ').append(EventText.printable(target.repository(), EventText.MAX_REPOSITORY));
        target.tag().ifPresent(t -> s.append(':').append(EventText.printable(t, EventText.MAX_TAG)));
        target.digest().ifPresent(d -> s.append(' ').append(EventText.printable(d.toString(), EventText.MAX_DIGEST)));
        target.mediaType().ifPresent(m -> s.append(" (").append(EventText.printable(m, EventText.MAX_NAME)).append(')'));
        if (!actor.isEmpty()) {
            s.append(" by ").append(EventText.printable(actor, EventText.MAX_NAME));
        }
        return s.toString();
    }
}
