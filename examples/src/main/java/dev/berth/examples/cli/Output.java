package dev.berth.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.List;

/**
 * Where a command reports. Every fact is given once, and goes either to the
 * human-readable text or, with {@code --json}, into the single JSON document
 * printed when the command ends.
 */
public final class Output {
    private final PrintStream out;
    private final boolean json;
    // Only with --json: human output never touches Jackson (loading it costs a command a tenth of a second).
    private final ObjectNode document;
    private ObjectNode section;

    private final Progress progress;

    Output(PrintStream out, boolean json) {
        this(out, json, Progress.silent());
    }

    Output(PrintStream out, boolean json, Progress progress) {
        this.out = out;
        this.json = json;
        this.progress = progress;
        this.document = json ? CliJson.mapper().createObjectNode() : null;
        this.section = document;
    }

    /** @return where a long transfer shows its progress: stderr if a terminal, not silenced, else nowhere */
    Progress progress() {
        return progress;
    }

    /** @return whether output is JSON */
    public boolean isJson() {
        return json;
    }

    /** Starts a titled group of facts; in JSON, an object under {@code key}. */
    public void section(String key, String title) {
        if (json) {
            section = document.putObject(key);
        } else {
            out.println();
            out.println("== " + title);
        }
    }

    /** Reports one fact. */
    public void item(String key, String label, Object value) {
        if (json) {
            section.put(key, String.valueOf(value));
        } else {
            out.printf("  %-22s %s%n", label + ":", value);
        }
    }

    /** Reports a list of facts. */
    public void list(String key, String label, List<?> values) {
        if (json) {
            ArrayNode array = section.putArray(key);
            values.forEach(v -> array.add(String.valueOf(v)));
        } else {
            out.printf("  %s:%n", label);
            values.forEach(v -> out.println("    - " + v));
        }
    }

    /**
     * Reports a list meant for scripts: one value per line for humans (nothing
     * else on the line), an array under {@code key} in JSON.
     */
    public void lines(String key, List<?> values) {
        if (json) {
            ArrayNode array = document.putArray(key);
            values.forEach(v -> array.add(String.valueOf(v)));
        } else {
            values.forEach(out::println);
        }
    }

    /** Puts a value into the JSON document only; humans get it through other calls. */
    public void json(String key, JsonNode value) {
        if (json) {
            section.set(key, value);
        }
    }

    /**
     * For commands that report as things happen: prints one line now, the
     * human text or, with {@code --json}, one compact JSON document per line.
     * JSON lines escape everything outside ASCII: a registry's event can carry
     * bidi controls or U+2028, which JSON allows raw but a terminal obeys.
     */
    public void stream(String human, JsonNode json) {
        out.println(this.json ? asciiJson(json) : human);
        out.flush();
    }

    private static String asciiJson(JsonNode json) {
        try {
            String ascii = CliJson.asciiWriter().writeValueAsString(json);
            return ascii.replace("\u007f", "\\u007F"); // Jackson leaves DEL raw; it can only stand inside a string

        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree that cannot be written: " + e.getMessage(), e);
        }
    }

    /** Writes bytes exactly as they are, for output that must stay byte-identical (a manifest with {@code --raw}). */
    public void raw(byte[] bytes) {
        out.write(bytes, 0, bytes.length);
        out.flush();
    }

    /** A line of narration for humans; not part of the JSON document. */
    public void say(String text) {
        if (!json) {
            out.println(text);
        }
    }

    /** @return the JSON document reported so far (only with JSON output) */
    ObjectNode document() {
        if (!json) {
            throw new IllegalStateException("only JSON output has a document");
        }
        return document;
    }

    /** Prints the JSON document, if output is JSON. Called once when the command ends. */
    void finish() {
        if (json) {
            out.println(document.toPrettyString());
        }
        out.flush();
    }
}
