package dev.berth.events.internal;

import static dev.berth.events.internal.OptionalFields.digest;
import static dev.berth.events.internal.OptionalFields.object;
import static dev.berth.events.internal.OptionalFields.size;
import static dev.berth.events.internal.OptionalFields.text;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.events.EventAction;
import dev.berth.events.EventFormat;
import dev.berth.events.EventRequest;
import dev.berth.events.EventSource;
import dev.berth.events.EventTarget;
import dev.berth.events.RegistryEvent;
import dev.berth.model.Descriptor;
import dev.berth.model.Extensions;
import dev.berth.model.OciException;
import dev.berth.model.internal.DescriptorJson;
import dev.berth.model.internal.JsonFields;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One event in distribution's JSON shape, read and written. Berth stores and
 * sends events in this shape too, so that whatever reads distribution's
 * notifications reads Berth's.
 *
 * <p>Reading is strict only about what an event cannot do without: {@code id},
 * {@code timestamp}, {@code action} and {@code target.repository}. Every other
 * field is optional, and one of an unexpected type (or a reference that is not
 * a descriptor) is read as absent: a receiver that answered 4xx for it would
 * stall distribution, which redelivers the same event forever and nothing
 * after it. Fields Berth does not know, of the event and of its target, are
 * kept as {@link Extensions} and written back.
 */
public final class EventJson {
    private static final Set<String> EVENT_FIELDS =
            Set.of("id", "timestamp", "action", "target", "request", "actor", "source", "format");
    private static final Set<String> TARGET_FIELDS = Set.of("mediaType", "size", "digest", "length", "repository",
            "fromRepository", "url", "tag", "references");

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
        ObjectNode tn = t.node();
        EventTarget.Builder target = EventTarget.builder(repository).tag(text(tn, "tag")).mediaType(text(tn, "mediaType"))
                .size(size(tn, "size")).length(size(tn, "length")).url(text(tn, "url")).references(references(t))
                .fromRepository(text(tn, "fromRepository")).extensions(t.unknown(TARGET_FIELDS));
        digest(tn, "digest").ifPresent(target::digest);
        ObjectNode root = e.node();
        EventRequest request = object(root, "request").map(r -> new EventRequest(text(r, "id"), text(r, "addr"),
                text(r, "host"), text(r, "method"), text(r, "useragent"))).orElse(EventRequest.NONE);
        String actor = object(root, "actor").map(a -> text(a, "name")).orElse("");
        EventSource source = object(root, "source").map(s -> new EventSource(text(s, "addr"), text(s, "instanceID")))
                .orElse(EventSource.NONE);
        return new RegistryEvent(id, timestamp, EventAction.of(action), target.build(), request, actor, source, format,
                e.unknown(EVENT_FIELDS));
    }

    /** @return the references that are valid descriptors; others (distribution never sends them) are dropped */
    private static List<Descriptor> references(JsonFields target) {
        JsonNode v = target.node().get("references");
        if (v == null || !v.isArray()) {
            return List.of();
        }
        List<Descriptor> references = new ArrayList<>();
        for (JsonNode element : v) {
            if (element.isObject()) {
                try {
                    references.add(DescriptorJson.read(JsonFields.root((ObjectNode) element, "reference")));
                } catch (OciException | IllegalArgumentException notADescriptor) {
                    // dropped: an event is worth more than one malformed reference
                }
            }
        }
        return references;
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
        // distribution writes a zero size along with a digest (a deletion's), and leaves it out without one
        if (t.size().isPresent() || t.digest().isPresent()) {
            g.writeNumberField("size", t.size().orElse(0));
        }
        if (t.digest().isPresent()) {
            g.writeStringField("digest", t.digest().get().toString());
        }
        if (t.length().isPresent() || t.digest().isPresent()) {
            g.writeNumberField("length", t.length().orElse(0));
        }
        g.writeStringField("repository", t.repository());
        writeIfSet(g, "fromRepository", t.fromRepository());
        writeIfSet(g, "url", t.url());
        writeIfSet(g, "tag", t.tag());
        if (!t.references().isEmpty()) {
            g.writeArrayFieldStart("references");
            for (Descriptor d : t.references()) {
                DescriptorJson.write(g, d);
            }
            g.writeEndArray();
        }
        writeExtensions(g, t.extensions(), TARGET_FIELDS);
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
        writeExtensions(g, event.extensions(), EVENT_FIELDS);
        g.writeEndObject();
    }

    /** Writes the extension fields, leaving out any that would repeat a field already written. */
    private static void writeExtensions(JsonGenerator g, Extensions extensions, Set<String> written) throws IOException {
        for (Iterator<Map.Entry<String, JsonNode>> it = extensions.entries(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!written.contains(field.getKey())) {
                g.writeFieldName(field.getKey());
                g.writeTree(field.getValue());
            }
        }
    }

    private static void writeIfSet(JsonGenerator g, String name, String value) throws IOException {
        if (!value.isEmpty()) {
            g.writeStringField(name, value);
        }
    }

    private static void writeIfSet(JsonGenerator g, String name, Optional<String> value) throws IOException {
        if (value.isPresent()) {
            g.writeStringField(name, value.get());
        }
    }
}
