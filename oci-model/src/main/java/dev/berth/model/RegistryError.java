package dev.berth.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.model.internal.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a registry's error body, {@code {"errors":[{"code","message","detail"}]}}.
 *
 * @param code    the code, {@link ErrorCode#UNKNOWN} for codes Berth does not know
 * @param rawCode the code exactly as the registry sent it
 * @param message the registry's message, possibly empty
 * @param detail  the {@code detail} value as JSON text, if any
 */
public record RegistryError(ErrorCode code, String rawCode, String message, Optional<String> detail) {

    /**
     * Validates the components.
     *
     * @param code the code, {@link ErrorCode#UNKNOWN} for codes Berth does not know
     * @param rawCode the code exactly as the registry sent it
     * @param message the registry's message, possibly empty
     * @param detail the {@code detail} value as JSON text, if any
     */
    public RegistryError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(rawCode, "rawCode");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(detail, "detail");
    }

    /**
     * @param code the specification's error code
     * @return an error with the code's own description as message
     */
    public static RegistryError of(ErrorCode code) {
        return new RegistryError(code, code.name(), code.description(), Optional.empty());
    }

    /**
     * @param message what went wrong, for a person
     * @param code the specification's error code
     * @return an error with a message
     */
    public static RegistryError of(ErrorCode code, String message) {
        return new RegistryError(code, code.name(), message, Optional.empty());
    }

    /**
     * Reads a registry's error body. Registries are inconsistent here, so this
     * never fails: a body that is not the specification's shape yields an
     * empty list, and the caller falls back to the HTTP status.
     *
     * @param body the response body, possibly empty
     * @return the errors found, possibly none
     */
    public static List<RegistryError> parseBody(byte[] body) {
        List<RegistryError> result = new ArrayList<>();
        if (body == null || body.length == 0) {
            return result;
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(body);
        } catch (IOException e) {
            return result;
        }
        if (root == null || !root.path("errors").isArray()) {
            return result;
        }
        for (JsonNode e : root.get("errors")) {
            if (!e.isObject()) {
                continue;
            }
            String raw = e.path("code").isTextual() ? e.get("code").textValue() : "UNKNOWN";
            String message = e.path("message").isTextual() ? e.get("message").textValue() : "";
            JsonNode detail = e.get("detail");
            result.add(new RegistryError(ErrorCode.fromCode(raw), raw, message,
                    detail == null || detail.isNull() ? Optional.empty() : Optional.of(detail.toString())));
        }
        return result;
    }

    /**
     * @param errors the errors to report, at least one
     * @return the specification's error body for these errors
     */
    public static byte[] toBody(List<RegistryError> errors) {
        ObjectNode root = Json.mapper().createObjectNode();
        ArrayNode array = root.putArray("errors");
        for (RegistryError e : errors) {
            ObjectNode o = array.addObject();
            o.put("code", e.rawCode());
            o.put("message", e.message());
            if (e.detail().isPresent()) {
                try {
                    o.set("detail", Json.mapper().readTree(e.detail().get()));
                } catch (IOException ex) {
                    o.put("detail", e.detail().get());
                }
            }
        }
        return root.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return message.isEmpty() ? rawCode : rawCode + ": " + message;
    }
}
