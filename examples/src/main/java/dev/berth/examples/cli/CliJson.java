package dev.berth.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;

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
    }

    /** @return the shared mapper */
    static ObjectMapper mapper() {
        return Holder.MAPPER;
    }
}
