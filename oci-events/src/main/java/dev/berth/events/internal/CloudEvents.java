package dev.berth.events.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.model.internal.Json;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CloudEvents 1.0 over HTTP (the HTTP protocol binding): a binary-mode request,
 * whose attributes are {@code ce-*} headers and whose body is the data, is
 * turned into the structured-mode object, so each format has one reader.
 */
public final class CloudEvents {
    private static final String PREFIX = "ce-";

    private CloudEvents() {
    }

    /** @return whether the request is a binary-mode CloudEvent (it carries {@code ce-specversion} or {@code ce-type}) */
    public static boolean isBinary(Map<String, List<String>> headers) {
        return Headers.first(headers, "ce-specversion").isPresent() || Headers.first(headers, "ce-type").isPresent();
    }

    /** @return whether the object is a structured-mode CloudEvent (it has a string {@code specversion}) */
    public static boolean isStructured(JsonNode node) {
        return node.isObject() && node.path("specversion").isTextual();
    }

    /**
     * @param headers a binary-mode request's headers
     * @param body    its body, the event's data
     * @return the same event in structured mode: one attribute per {@code ce-*} header (first value), and {@code data}
     */
    public static ObjectNode structured(Map<String, List<String>> headers, JsonNode body) {
        ObjectNode event = Json.mapper().createObjectNode();
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            String name = h.getKey() == null ? "" : h.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith(PREFIX) && name.length() > PREFIX.length() && !h.getValue().isEmpty()
                    && !event.has(name.substring(PREFIX.length()))) {
                event.put(name.substring(PREFIX.length()), h.getValue().get(0));
            }
        }
        event.remove("data"); // "ce-data" is no attribute; the body is the data
        event.set("data", body);
        return event;
    }
}
