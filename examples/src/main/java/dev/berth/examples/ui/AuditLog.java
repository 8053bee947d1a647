package dev.berth.examples.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Who changed what: registry additions, edits and removals, tag deletions.
 * One JSON object per line in {@code DIR/audit.log}, appended: it lives in the
 * config directory beside the registries it describes, so it survives whatever
 * the events store is (memory, or a database shared with other programs), and
 * an operator reads it with {@code tail}. Never holds a password.
 */
final class AuditLog {
    private final Path file;
    private final Clock clock;

    AuditLog(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    synchronized void record(String user, String action, String target, String detail) {
        ObjectNode line = UiJson.object().put("time", clock.instant().toString()).put("user", user)
                .put("action", action).put("target", target).put("detail", detail);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, (line.toString() + "\n").getBytes(StandardCharsets.UTF_8),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the audit log " + file, e);
        }
    }

    /** @return every entry, newest first */
    synchronized List<JsonNode> newestFirst() {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<JsonNode> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    out.add(UiJson.MAPPER.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit log " + file, e);
        }
        java.util.Collections.reverse(out);
        return out;
    }
}
