package dev.berth.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.model.Digest;
import dev.berth.server.Storage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GcCommandTest {
    @TempDir
    Path dir;

    @Test
    void reportsThenRemovesUnreferencedBlobs() throws Exception {
        try (Storage s = Storage.filesystem(dir)) {
            byte[] orphan = "orphan".getBytes(StandardCharsets.UTF_8);
            String id = s.blobs().createUpload("r");
            s.blobs().appendUpload(id, 0, new ByteArrayInputStream(orphan));
            s.blobs().commitUpload(id, Digest.sha256(orphan));
            s.metadata().linkBlob("r", Digest.sha256(orphan));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Cli cli = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
        assertEquals(Cli.OK, cli.run(new String[] {"gc", dir.toString(), "--dry-run", "--json"}));
        JsonNode dry = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals("1", dry.at("/gc/blobs").asText());
        out.reset();
        assertEquals(Cli.OK, cli.run(new String[] {"gc", dir.toString(), "--json"}));
        out.reset();
        assertEquals(Cli.OK, cli.run(new String[] {"gc", dir.toString(), "--json"}));
        assertEquals("0", new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)).at("/gc/blobs").asText());
        assertEquals(Cli.USAGE, cli.run(new String[] {"gc", dir.resolve("nothing-here").toString()}));
    }
}
