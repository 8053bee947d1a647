package dev.berth.events.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.model.Digest;
import java.util.Optional;

/**
 * Reads the fields a webhook may carry but an event can do without. A value
 * of an unexpected type reads as absent instead of failing the whole body:
 * registries retry a refused webhook, and distribution retries it forever,
 * holding back every event after it.
 */
public final class OptionalFields {
    private OptionalFields() {
    }

    /** @return the string field's text; empty when absent or not a string */
    public static String text(ObjectNode node, String name) {
        JsonNode v = node.get(name);
        return v != null && v.isTextual() ? v.textValue() : "";
    }

    /** @return a size; 0 when absent, not a whole number, negative or beyond a long */
    public static long size(ObjectNode node, String name) {
        JsonNode v = node.get(name);
        return v != null && v.isIntegralNumber() && v.canConvertToLong() && v.longValue() > 0 ? v.longValue() : 0;
    }

    /** @return the digest field, when it is a valid digest */
    public static Optional<Digest> digest(ObjectNode node, String name) {
        return Digest.tryParse(text(node, name));
    }

    /** @return the object field, when it is an object */
    public static Optional<ObjectNode> object(ObjectNode node, String name) {
        JsonNode v = node.get(name);
        return v != null && v.isObject() ? Optional.of((ObjectNode) v) : Optional.empty();
    }
}
