package dev.berth.events.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.events.EventFormat;
import dev.berth.events.EventParseException;
import dev.berth.events.EventText;
import dev.berth.model.MediaType;
import dev.berth.model.internal.Json;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Works out which registry sent a webhook. Each rule looks at a field no other
 * format has at that place, so at most one format fits any body:
 * <ol>
 * <li>a CloudEvent (binary mode: {@code ce-*} headers; structured: {@code specversion}) is Harbor's when its data
 *     holds {@code resources} or a {@code repository} object, ACR's (through Event Grid) when it holds a
 *     {@code target} object, zot's when its {@code name} is a string; a Harbor type ({@code harbor.*}) with other
 *     data (replication, retention) is Harbor's. zot's type prefix and source are configurable, so they decide
 *     nothing;</li>
 * <li>an Event Grid event has {@code eventType} and {@code data};</li>
 * <li>distribution's envelope has {@code events} (or distribution's media type);</li>
 * <li>Harbor's own payload has {@code type} and {@code event_data};</li>
 * <li>Docker Hub's has {@code push_data} and {@code repository};</li>
 * <li>Quay's has {@code updated_tags}, or {@code docker_url} beside a string {@code repository};</li>
 * <li>ACR's own webhook is one bare event: {@code action} and a {@code target} object.</li>
 * </ol>
 * A JSON array is a batch (Event Grid's, or {@code application/cloudevents-batch+json}): every element must be
 * an Event Grid event or a CloudEvent, all of one format.
 */
public final class FormatDetector {
    /** distribution 2.x's notification media type. */
    public static final String DISTRIBUTION_V1 = "application/vnd.docker.distribution.events.v1+json";
    /** distribution 3's notification media type (same body). */
    public static final String DISTRIBUTION_V2 = "application/vnd.docker.distribution.events.v2+json";

    private static final Set<EventFormat> BATCHABLE = Set.of(EventFormat.EVENT_GRID, EventFormat.EVENT_GRID_CLOUDEVENTS,
            EventFormat.HARBOR_CLOUDEVENTS, EventFormat.ZOT_CLOUDEVENTS);

    private FormatDetector() {
    }

    /** @return whether events of this format may arrive as a JSON array */
    public static boolean batchable(EventFormat format) {
        return BATCHABLE.contains(format);
    }

    /**
     * @param headers the request's headers
     * @param root    the parsed body, an object or an array
     * @return the one format that fits
     * @throws EventParseException naming what was found when none fits
     */
    public static EventFormat detect(Map<String, List<String>> headers, JsonNode root) {
        if (CloudEvents.isBinary(headers)) {
            return cloudEventKind(root, Headers.first(headers, "ce-type").orElse(""), "binary-mode CloudEvent body");
        }
        if (root.isArray()) {
            return batch(root);
        }
        String contentType = MediaType.normalize(Headers.first(headers, "content-type").orElse(""));
        return single(root, contentType.equals(DISTRIBUTION_V1) || contentType.equals(DISTRIBUTION_V2), contentType);
    }

    private static EventFormat batch(JsonNode array) {
        if (array.isEmpty()) {
            throw new EventParseException("webhook body is an empty JSON array: no events in the batch");
        }
        EventFormat first = null;
        for (int i = 0; i < array.size(); i++) {
            JsonNode element = array.get(i);
            if (!element.isObject()) {
                throw new EventParseException("webhook batch [" + i + "]: expected an event object, found " + Json.kind(element));
            }
            EventFormat format;
            try {
                format = single(element, false, "");
            } catch (EventParseException e) {
                throw new EventParseException("webhook batch [" + i + "]: " + e.getMessage(), e);
            }
            if (!BATCHABLE.contains(format)) {
                throw new EventParseException("webhook batch [" + i + "]: " + format
                        + " events do not come in arrays; a batch holds Event Grid events or CloudEvents");
            }
            if (first != null && format != first) {
                throw new EventParseException("webhook batch mixes formats: [0] is " + first + ", [" + i + "] is " + format);
            }
            first = format;
        }
        return first;
    }

    private static EventFormat single(JsonNode o, boolean distributionMediaType, String contentType) {
        if (CloudEvents.isStructured(o)) {
            return cloudEventKind(o.get("data"), o.path("type").asText(""), "CloudEvent data");
        }
        if (o.path("eventType").isTextual() && o.has("data")) {
            return EventFormat.EVENT_GRID;
        }
        if (distributionMediaType || o.has("events")) {
            return EventFormat.DISTRIBUTION;
        }
        if (o.has("event_data") && o.has("type")) {
            return EventFormat.HARBOR;
        }
        if (o.has("push_data") && o.has("repository")) {
            return EventFormat.DOCKER_HUB;
        }
        if (o.has("updated_tags") || (o.has("docker_url") && o.path("repository").isTextual())) {
            return EventFormat.QUAY;
        }
        if (o.path("target").isObject() && o.has("action")) {
            return EventFormat.ACR;
        }
        throw new EventParseException("unrecognised webhook: not distribution's {\"events\":[...]}, ACR's event, an"
                + " Event Grid event, a CloudEvent (Harbor, zot, Event Grid), Harbor's, Docker Hub's nor Quay's payload"
                + " (content type \"" + contentType + "\", fields " + fieldNames(o) + ")");
    }

    private static EventFormat cloudEventKind(JsonNode data, String type, String what) {
        if (data != null && data.isObject()) {
            if (data.path("resources").isArray() || data.path("repository").isObject()) {
                return EventFormat.HARBOR_CLOUDEVENTS;
            }
            if (data.path("target").isObject()) {
                return EventFormat.EVENT_GRID_CLOUDEVENTS;
            }
            if (data.path("name").isTextual()) {
                return EventFormat.ZOT_CLOUDEVENTS;
            }
        }
        if (type.startsWith("harbor.")) {
            return EventFormat.HARBOR_CLOUDEVENTS;
        }
        throw new EventParseException("unrecognised CloudEvent of type \"" + EventText.printable(type, EventText.MAX_NAME) + "\": its " + what
                + " is " + (data == null ? "missing" : data.isObject() ? "an object with fields " + fieldNames(data)
                : Json.kind(data)) + ", neither Harbor's (resources, repository), ACR's (target, action) nor zot's (name,"
                + " reference, digest, mediaType)");
    }

    /** @return up to 10 field names, shortened, for an error message */
    private static String fieldNames(JsonNode o) {
        StringBuilder s = new StringBuilder("[");
        int n = 0;
        for (var it = o.fieldNames(); it.hasNext(); n++) {
            String name = it.next();
            if (n == 10) {
                s.append(", ...");
                break;
            }
            s.append(n == 0 ? "" : ", ").append(EventText.printable(name, EventText.MAX_NAME));
        }
        return s.append(']').toString();
    }
}
