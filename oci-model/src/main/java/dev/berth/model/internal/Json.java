package dev.berth.model.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.model.MalformedContentException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one JSON configuration Berth reads and writes with. Reading is strict
 * where ambiguity would be dangerous: a duplicated key (two parsers could
 * disagree on which one counts) and trailing content are errors.
 */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);

    private Json() {
    }

    /** @return the shared mapper, for tree building */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Parses a document that must be a JSON object.
     *
     * @param bytes    the exact bytes
     * @param document what the bytes are meant to be, for error messages
     * @return the root object
     * @throws MalformedContentException if the bytes are not one JSON object
     */
    public static ObjectNode readObject(byte[] bytes, String document) {
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new MalformedContentException(document, "not valid JSON: " + firstLine(e.getMessage()), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new MalformedContentException(document, "", "empty document");
        }
        if (!root.isObject()) {
            throw new MalformedContentException(document, "", "expected a JSON object, found " + kind(root));
        }
        return (ObjectNode) root;
    }

    /** Writes one JSON document with a generator, compactly, to bytes. */
    public static byte[] write(JsonWriting body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            body.writeTo(g);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return out.toByteArray();
    }


    /** @return "a string", "an array", ... for error messages */
    public static String kind(JsonNode node) {
        switch (node.getNodeType()) {
            case ARRAY: return "an array";
            case OBJECT: return "an object";
            case STRING: return "a string";
            case NUMBER: return "a number";
            case BOOLEAN: return "a boolean";
            case NULL: return "null";
            default: return node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** A body that writes to a generator. */
    @FunctionalInterface
    public interface JsonWriting {
        /** Writes the document. */
        void writeTo(JsonGenerator generator) throws IOException;
    }
}
