package dev.berth.server.storage.s3.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An {@link UploadState} as the small JSON object kept at the session's {@code state} key. */
public final class UploadStateCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private UploadStateCodec() {
    }

    /**
     * @param state a session's state
     * @return its JSON bytes
     */
    public static byte[] encode(UploadState state) {
        ObjectNode o = JSON.createObjectNode();
        o.put("repository", state.repository());
        o.put("touched", state.touched().toString());
        o.put("size", state.size());
        state.multipartId().ifPresent(m -> o.put("multipartId", m));
        ArrayNode parts = o.putArray("parts");
        for (UploadState.Part p : state.parts()) {
            parts.addObject().put("number", p.number()).put("etag", p.etag()).put("size", p.size());
        }
        state.stagedKey().ifPresent(k -> o.put("stagedKey", k));
        o.put("stagedSize", state.stagedSize());
        state.lease().ifPresent(l -> o.putObject("lease").put("attempt", l.attempt()).put("since", l.since().toString()));
        try {
            return JSON.writeValueAsBytes(o);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /**
     * @param bytes a state object's bytes
     * @return the state
     * @throws IllegalArgumentException if the bytes are not a session's state
     */
    public static UploadState decode(byte[] bytes) {
        try {
            JsonNode o = JSON.readTree(bytes);
            List<UploadState.Part> parts = new ArrayList<>();
            for (JsonNode p : required(o, "parts")) {
                parts.add(new UploadState.Part(required(p, "number").intValue(), required(p, "etag").textValue(),
                        required(p, "size").longValue()));
            }
            JsonNode lease = o.get("lease");
            return new UploadState(required(o, "repository").textValue(), Instant.parse(required(o, "touched").textValue()),
                    required(o, "size").longValue(), text(o, "multipartId"), parts, text(o, "stagedKey"),
                    required(o, "stagedSize").longValue(),
                    lease == null ? Optional.empty() : Optional.of(new UploadState.Lease(
                            required(lease, "attempt").textValue(), Instant.parse(required(lease, "since").textValue()))));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not an upload session's state: " + e.getMessage(), e);
        }
    }

    private static JsonNode required(JsonNode o, String field) {
        JsonNode v = o == null ? null : o.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("field \"" + field + "\" is missing");
        }
        return v;
    }

    private static Optional<String> text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.textValue());
    }
}
