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
 * One entry of a registry's error body, {@code {"errors":[{"code","message","detail"}]}}: read with
 * {@link #parseBody(byte[])}, or made with {@link #of(ErrorCode, String)} and, when there is one,
 * {@link #withDetail(String)}.
 */
public final class RegistryError {
    private final ErrorCode code;
    private final String rawCode;
    private final String message;
    private final String detail;

    private RegistryError(ErrorCode code, String rawCode, String message, String detail) {
        this.code = code;
        this.rawCode = rawCode;
        this.message = message;
        this.detail = detail;
    }

    /**
     * @param code the specification's error code
     * @return an error with the code's own description as message
     * @throws InvalidArgumentException if {@code code} is null
     */
    public static RegistryError of(ErrorCode code) {
        InvalidArgumentException.requireNonNull(code, "code");
        return new RegistryError(code, code.name(), code.description(), null);
    }

    /**
     * @param message what went wrong, for a person, possibly empty
     * @param code the specification's error code
     * @return an error with a message
     * @throws InvalidArgumentException if {@code code} or {@code message} is null
     */
    public static RegistryError of(ErrorCode code, String message) {
        InvalidArgumentException.requireNonNull(code, "code");
        return new RegistryError(code, code.name(), InvalidArgumentException.requireNonNull(message, "message"), null);
    }

    /**
     * @param detail the {@code detail} value as JSON text; text that is not JSON is sent as a JSON string
     * @return this error with that detail
     * @throws InvalidArgumentException if {@code detail} is null
     */
    public RegistryError withDetail(String detail) {
        return new RegistryError(code, rawCode, message, InvalidArgumentException.requireNonNull(detail, "detail"));
    }

    /** @return the code, {@link ErrorCode#UNKNOWN} for codes Berth does not know */
    public ErrorCode code() {
        return code;
    }

    /** @return the code exactly as the registry sent it */
    public String rawCode() {
        return rawCode;
    }

    /** @return the registry's message, possibly empty */
    public String message() {
        return message;
    }

    /** @return the {@code detail} value as JSON text, if any */
    public Optional<String> detail() {
        return Optional.ofNullable(detail);
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
                    detail == null || detail.isNull() ? null : detail.toString()));
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
            if (e.detail != null) {
                try {
                    o.set("detail", Json.mapper().readTree(e.detail));
                } catch (IOException ex) {
                    o.put("detail", e.detail);
                }
            }
        }
        return root.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegistryError e && code == e.code && rawCode.equals(e.rawCode) && message.equals(e.message)
                && Objects.equals(detail, e.detail);
    }

    @Override
    public int hashCode() {
        return Objects.hash(code, rawCode, message, detail);
    }

    @Override
    public String toString() {
        return message.isEmpty() ? rawCode : rawCode + ": " + message;
    }
}
