package dev.berth.examples.cli;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

/**
 * The CLI's one JSON mapper, created on first use: Jackson's classes take a
 * noticeable part of a second to load, and most commands (serve, help) never
 * need them unless asked for {@code --json}.
 */
final class CliJson {
    private CliJson() {
    }

    private static final class Holder {
        static final ObjectMapper MAPPER = new ObjectMapper();
        static final ObjectWriter ASCII = MAPPER.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII.mappedFeature());
    }

    /** @return the shared mapper */
    static ObjectMapper mapper() {
        return Holder.MAPPER;
    }

    /** @return a writer of the shared mapper that escapes every character outside ASCII */
    static ObjectWriter asciiWriter() {
        return Holder.ASCII;
    }
}
