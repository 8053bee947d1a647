package dev.berth.events.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.berth.events.EventAction;
import dev.berth.events.EventFormat;
import dev.berth.events.EventRequest;
import dev.berth.events.EventSource;
import dev.berth.events.EventTarget;
import dev.berth.events.RegistryEvent;
import dev.berth.model.Digest;
import dev.berth.model.internal.DescriptorJson;
import dev.berth.model.internal.JsonFields;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * One event in distribution's JSON shape, read and written. Berth stores and
 * sends events in this shape too, so that whatever reads distribution's
 * notifications reads Berth's.
 */
public final class EventJson {
    private EventJson() {
    }

    /** Reads one event object; {@code id}, {@code timestamp}, {@code action} and {@code target.repository} are required. */
    public static RegistryEvent read(JsonFields e, EventFormat format) {
        String id = e.string("id");
        if (id.isEmpty()) {
            throw e.error("id", "must not be empty");
        }
        Instant timestamp = time(e, "timestamp");
        String action = e.string("action");
        if (action.isBlank()) {
            throw e.error("action", "must not be empty");
        }
        JsonFields t = e.object("target");
        String repository = t.string("repository");
        Optional<Digest> digest = t.optionalString("digest").filter(s -> !s.isEmpty())
                .map(s -> DescriptorJson.digest(t, "digest"));
        EventTarget target = new EventTarget(repository, t.optionalString("tag").orElse(""), digest,
                t.optionalString("mediaType").orElse(""), optionalSize(t, "size"), optionalSize(t, "length"),
                t.optionalString("url").orElse(""), t.strings("references"), t.optionalString("fromRepository").orElse(""));
        EventRequest request = e.optionalObject("request").map(r -> new EventRequest(r.optionalString("id").orElse(""),
                r.optionalString("addr").orElse(""), r.optionalString("host").orElse(""),
                r.optionalString("method").orElse(""), r.optionalString("useragent").orElse(""))).orElse(EventRequest.NONE);
        String actor = e.optionalObject("actor").flatMap(a -> a.optionalString("name")).orElse("");
        EventSource source = e.optionalObject("source").map(s -> new EventSource(s.optionalString("addr").orElse(""),
                s.optionalString("instanceID").orElse(""))).orElse(EventSource.NONE);
        return new RegistryEvent(id, timestamp, EventAction.of(action), target, request, actor, source, format);
    }

    /** @return the size field, 0 when absent */
    static long optionalSize(JsonFields f, String name) {
        return f.has(name) ? f.size(name) : 0;
    }

    /** @return a required RFC 3339 time */
    static Instant time(JsonFields f, String name) {
        String text = f.string(name);
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException ex) {
            throw f.error(name, "not an RFC 3339 time: \"" + text + "\"");
        }
    }

    /**
     * Writes one event object in distribution's shape.
     *
     * @param withFormat also write Berth's {@code format} field (for storage)
     */
    public static void write(JsonGenerator g, RegistryEvent event, boolean withFormat) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", event.id());
        g.writeStringField("timestamp", DateTimeFormatter.ISO_INSTANT.format(event.timestamp()));
        g.writeStringField("action", event.action().name());
        EventTarget t = event.target();
        g.writeObjectFieldStart("target");
        writeIfSet(g, "mediaType", t.mediaType());
        if (t.size() > 0 || t.digest().isPresent()) {
            g.writeNumberField("size", t.size());
        }
        if (t.digest().isPresent()) {
            g.writeStringField("digest", t.digest().get().toString());
        }
        if (t.length() > 0 || t.digest().isPresent()) {
            g.writeNumberField("length", t.length());
        }
        g.writeStringField("repository", t.repository());
        writeIfSet(g, "fromRepository", t.fromRepository());
        writeIfSet(g, "url", t.url());
        writeIfSet(g, "tag", t.tag());
        if (!t.references().isEmpty()) {
            DescriptorJson.writeStrings(g, "references", t.references());
        }
        g.writeEndObject();
        EventRequest r = event.request();
        g.writeObjectFieldStart("request");
        g.writeStringField("id", r.id());
        g.writeStringField("addr", r.addr());
        g.writeStringField("host", r.host());
        g.writeStringField("method", r.method());
        g.writeStringField("useragent", r.userAgent());
        g.writeEndObject();
        g.writeObjectFieldStart("actor");
        writeIfSet(g, "name", event.actor());
        g.writeEndObject();
        g.writeObjectFieldStart("source");
        g.writeStringField("addr", event.source().addr());
        g.writeStringField("instanceID", event.source().instanceId());
        g.writeEndObject();
        if (withFormat) {
            g.writeStringField("format", event.format().name());
        }
        g.writeEndObject();
    }

    private static void writeIfSet(JsonGenerator g, String name, String value) throws IOException {
        if (!value.isEmpty()) {
            g.writeStringField(name, value);
        }
    }
}
