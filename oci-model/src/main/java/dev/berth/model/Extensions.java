package dev.berth.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * JSON fields that a document carried but its specification does not define.
 * Berth keeps them so that a manifest, descriptor or configuration read and
 * written back through a builder loses nothing. Immutable: values are copied
 * in and out.
 */
public final class Extensions {
    private static final Extensions NONE = new Extensions(JsonNodeFactory.instance.objectNode());

    private final ObjectNode fields;

    private Extensions(ObjectNode fields) {
        this.fields = fields;
    }

    /** @return no extension fields */
    public static Extensions none() {
        return NONE;
    }

    /**
     * @param fields unknown fields, in document order; copied
     * @return the extensions
     */
    public static Extensions of(ObjectNode fields) {
        return fields.isEmpty() ? NONE : new Extensions(fields.deepCopy());
    }

    /** @return whether there are no extension fields */
    public boolean isEmpty() {
        return fields.isEmpty();
    }

    /** @return the field names, in document order */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        fields.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /**
     * @param name the field's name
     * @return a copy of the field's value, if present
     */
    public Optional<JsonNode> get(String name) {
        JsonNode value = fields.get(name);
        return value == null ? Optional.empty() : Optional.of(value.deepCopy());
    }

    /** @return a copy of all fields as one JSON object */
    public ObjectNode asObject() {
        return fields.deepCopy();
    }

    /**
     * @param value the field's value, any JSON
     * @param name the field's name
     * @return a copy with one field added or replaced
     */
    public Extensions with(String name, JsonNode value) {
        ObjectNode copy = fields.deepCopy();
        copy.set(name, value.deepCopy());
        return new Extensions(copy);
    }

    /**
     * Iterates names and values in document order; for writers.
     *
     * @return the fields, as name and value, in document order
     */
    public Iterator<java.util.Map.Entry<String, JsonNode>> entries() {
        return asObject().fields();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Extensions && ((Extensions) o).fields.equals(fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return fields.toString();
    }
}
