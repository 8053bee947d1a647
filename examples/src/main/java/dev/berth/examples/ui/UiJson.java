package dev.berth.examples.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;

/** Reads request bodies and builds answers; every read failure is a 400 naming what was wrong. */
final class UiJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private UiJson() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** @return the body as a JSON object */
    static ObjectNode readObject(byte[] body) {
        if (body.length == 0) {
            throw ApiException.badRequest("the request needs a JSON object body");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("malformed JSON body: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw ApiException.badRequest("unreadable JSON body: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object, not " + (node == null ? "nothing" : node.getNodeType()));
        }
        return (ObjectNode) node;
    }

    /** @return the text field, empty when absent or null; a 400 when it is another type */
    static Optional<String> text(ObjectNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw ApiException.badRequest("field \"" + field + "\" must be a string, not " + v.getNodeType());
        }
        return Optional.of(v.asText());
    }

    static String requiredText(ObjectNode body, String field) {
        return text(body, field).filter(s -> !s.isBlank())
                .orElseThrow(() -> ApiException.badRequest("field \"" + field + "\" is required"));
    }

    static boolean bool(ObjectNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw ApiException.badRequest("field \"" + field + "\" must be true or false, not " + v);
        }
        return v.asBoolean();
    }

    static byte[] bytes(JsonNode answer) {
        try {
            return MAPPER.writeValueAsBytes(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON answer that cannot be written: " + e.getMessage(), e);
        }
    }

    static ObjectNode error(String code, String message) {
        ObjectNode n = object();
        n.putObject("error").put("code", code).put("message", message);
        return n;
    }
}
