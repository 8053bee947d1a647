package dev.berth.events;

import dev.berth.model.InvalidArgumentException;
import dev.berth.events.internal.EventJson;
import dev.berth.model.internal.Json;
import dev.berth.model.internal.JsonFields;
import java.util.List;

/**
 * Events as JSON in distribution's shape, for applications that pass them on
 * (to a browser, a queue, a log). {@link #toJson} adds Berth's {@code format}
 * field; {@link #fromJson} reads it back.
 */
public final class EventJsonCodec {
    private EventJsonCodec() {
    }

    /**
     * @param event the event to write
     * @return one event as a compact JSON object
     * @throws InvalidArgumentException if {@code event} is null
     */
    public static byte[] toJson(RegistryEvent event) {
        InvalidArgumentException.requireNonNull(event, "event");
        return Json.write(g -> EventJson.write(g, event, true));
    }

    /**
     * @param json what {@link #toJson} wrote
     * @return the event
     * @throws EventParseException if the JSON is not an event
     * @throws InvalidArgumentException if {@code json} is null
     */
    public static RegistryEvent fromJson(byte[] json) {
        InvalidArgumentException.requireNonNull(json, "json");
        try {
            var root = Json.readObject(json, "event");
            EventFormat format = root.path("format").isTextual()
                    ? EventFormat.valueOf(root.get("format").asText()) : EventFormat.DISTRIBUTION;
            return EventJson.read(JsonFields.root(root, "event"), format);
        } catch (EventParseException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new EventParseException(e.getMessage(), e);
        }
    }

    /**
     * @param events the events to send in one envelope
     * @return distribution's notification envelope, {@code {"events":[...]}}
     * @throws InvalidArgumentException if {@code events} is null or holds a null
     */
    public static byte[] toEnvelope(List<RegistryEvent> events) {
        if (InvalidArgumentException.requireNonNull(events, "events").stream().anyMatch(java.util.Objects::isNull)) {
            throw new InvalidArgumentException("events", "must not hold null");
        }
        return Json.write(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("events");
            for (RegistryEvent e : events) {
                EventJson.write(g, e, false);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }
}
