package dev.berth.model.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.model.Extensions;
import dev.berth.model.MalformedContentException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Typed access to one JSON object, remembering where it sits in its document
 * so every error names the exact path, such as {@code manifests[1].platform.os}.
 * A JSON {@code null} counts as absent, as in Go's decoder that wrote most of
 * the documents Berth reads.
 */
public final class JsonFields {
    private final ObjectNode node;
    private final String document;
    private final String path;

    private JsonFields(ObjectNode node, String document, String path) {
        this.node = node;
        this.document = document;
        this.path = path;
    }

    /** @return access to the root object of a document */
    public static JsonFields root(ObjectNode node, String document) {
        return new JsonFields(node, document, "");
    }

    /** @return the underlying object */
    public ObjectNode node() {
        return node;
    }

    private String at(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** @return an error about field {@code name} */
    public MalformedContentException error(String name, String reason) {
        return new MalformedContentException(document, at(name), reason);
    }

    private JsonNode value(String name) {
        JsonNode v = node.get(name);
        return v == null || v.isNull() ? null : v;
    }

    /** @return whether the field is present and not null */
    public boolean has(String name) {
        return value(name) != null;
    }

    /** @return the required string field */
    public String string(String name) {
        return optionalString(name).orElseThrow(() -> error(name, "required field is missing"));
    }

    /** @return the string field, if present */
    public Optional<String> optionalString(String name) {
        JsonNode v = value(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw error(name, "expected a string, found " + Json.kind(v));
        }
        return Optional.of(v.textValue());
    }

    /** @return the required non-negative integer field (a size) */
    public long size(String name) {
        JsonNode v = value(name);
        if (v == null) {
            throw error(name, "required field is missing");
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw error(name, "expected a whole number, found " + (v.isNumber() ? v.asText() : Json.kind(v)));
        }
        long size = v.longValue();
        if (size < 0) {
            throw error(name, "must not be negative, found " + size);
        }
        return size;
    }

    /** @return the integer field, if present */
    public Optional<Integer> optionalInt(String name) {
        JsonNode v = value(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw error(name, "expected a whole number, found " + (v.isNumber() ? v.asText() : Json.kind(v)));
        }
        return Optional.of(v.intValue());
    }

    /** @return the boolean field, if present */
    public Optional<Boolean> optionalBoolean(String name) {
        JsonNode v = value(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isBoolean()) {
            throw error(name, "expected true or false, found " + Json.kind(v));
        }
        return Optional.of(v.booleanValue());
    }

    /** @return the object field, if present */
    public Optional<JsonFields> optionalObject(String name) {
        JsonNode v = value(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isObject()) {
            throw error(name, "expected an object, found " + Json.kind(v));
        }
        return Optional.of(new JsonFields((ObjectNode) v, document, at(name)));
    }

    /** @return the required object field */
    public JsonFields object(String name) {
        return optionalObject(name).orElseThrow(() -> error(name, "required field is missing"));
    }

    /** @return the objects of an array field; an absent field is an empty list */
    public List<JsonFields> objects(String name) {
        JsonNode v = value(name);
        List<JsonFields> result = new ArrayList<>();
        if (v == null) {
            return result;
        }
        if (!v.isArray()) {
            throw error(name, "expected an array, found " + Json.kind(v));
        }
        for (int i = 0; i < v.size(); i++) {
            JsonNode element = v.get(i);
            String elementPath = at(name) + "[" + i + "]";
            if (!element.isObject()) {
                throw new MalformedContentException(document, elementPath, "expected an object, found " + Json.kind(element));
            }
            result.add(new JsonFields((ObjectNode) element, document, elementPath));
        }
        return result;
    }

    /** @return whether the field is present as an array (possibly empty) */
    public boolean hasArray(String name) {
        JsonNode v = value(name);
        return v != null && v.isArray();
    }

    /** @return the strings of an array field; an absent field is an empty list */
    public List<String> strings(String name) {
        JsonNode v = value(name);
        List<String> result = new ArrayList<>();
        if (v == null) {
            return result;
        }
        if (!v.isArray()) {
            throw error(name, "expected an array of strings, found " + Json.kind(v));
        }
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual()) {
                throw new MalformedContentException(document, at(name) + "[" + i + "]",
                        "expected a string, found " + Json.kind(v.get(i)));
            }
            result.add(v.get(i).textValue());
        }
        return result;
    }

    /** @return a string-to-string map field in document order; absent is empty */
    public Map<String, String> stringMap(String name) {
        JsonNode v = value(name);
        Map<String, String> result = new LinkedHashMap<>();
        if (v == null) {
            return result;
        }
        if (!v.isObject()) {
            throw error(name, "expected an object of strings, found " + Json.kind(v));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new MalformedContentException(document, at(name) + "." + e.getKey(),
                        "expected a string, found " + Json.kind(e.getValue()));
            }
            result.put(e.getKey(), e.getValue().textValue());
        }
        return result;
    }

    /** @return the keys of an object field used as a set, e.g. {@code ExposedPorts}; absent is empty */
    public Set<String> keys(String name) {
        JsonNode v = value(name);
        Set<String> result = new LinkedHashSet<>();
        if (v == null) {
            return result;
        }
        if (!v.isObject()) {
            throw error(name, "expected an object, found " + Json.kind(v));
        }
        v.fieldNames().forEachRemaining(result::add);
        return result;
    }

    /** @return base64 content of a field, if present */
    public Optional<byte[]> optionalBase64(String name) {
        return optionalString(name).map(text -> {
            try {
                return Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                throw error(name, "not valid base64: " + e.getMessage());
            }
        });
    }

    /**
     * @return an RFC 3339 time field, if present. Go's zero time, which
     *         Docker writes for "unknown", counts as absent.
     */
    public Optional<Instant> optionalTime(String name) {
        return optionalString(name).flatMap(text -> {
            try {
                Instant t = OffsetDateTime.parse(text).toInstant();
                return t.isBefore(Instant.parse("0001-01-02T00:00:00Z")) ? Optional.empty() : Optional.of(t);
            } catch (DateTimeParseException e) {
                throw error(name, "not an RFC 3339 time: \"" + text + "\"");
            }
        });
    }

    /** @return the fields not named in {@code known}, in document order */
    public Extensions unknown(Set<String> known) {
        ObjectNode rest = Json.mapper().createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!known.contains(e.getKey())) {
                rest.set(e.getKey(), e.getValue());
            }
        }
        return Extensions.of(rest);
    }
}
