package dev.berth.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.model.Digest;
import dev.berth.model.MediaType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CliTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(args);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void demoSucceedsAndReportsWhatItBuilt() {
        assertEquals(Cli.OK, run("demo"));
        assertTrue(stdout().contains("linux/aarch64 resolves to"), stdout());
        assertTrue(stdout().contains("HELM_CHART"));
        assertTrue(stdout().contains("DigestMismatchException"));
        assertEquals("", stderr());
    }

    @Test
    void demoWithJsonPrintsOneDocumentWithVerifiedFacts() throws Exception {
        assertEquals(Cli.OK, run("demo", "--json"));
        JsonNode doc = new ObjectMapper().readTree(stdout());
        assertEquals("verified", doc.at("/readBack/digestKept").asText());
        assertEquals(MediaType.OCI_INDEX, doc.at("/readBack/contentType").asText());
        Digest index = Digest.parse(doc.at("/image/index").asText().split(" ")[0]);
        assertEquals(index.encoded(), doc.at("/sbom/fallbackTag").asText().substring("sha256-".length()));
        assertEquals("SBOM", doc.at("/sbom/kind").asText());
        assertTrue(doc.at("/refusals/reference").asText().startsWith("InvalidReferenceException"));
        assertTrue(doc.at("/events/stored").asText().startsWith("3 events"), doc.at("/events").toString());
        assertEquals(3, doc.at("/events/newestFirst").size());
        assertTrue(doc.at("/registry/pulled").asText().endsWith("digest verified"), doc.at("/registry").toString());
        assertEquals("1 (application/spdx+json)", doc.at("/registry/referrers").asText());
        assertEquals("referrers now 0", doc.at("/registry/delete").asText());
    }

    @Test
    void helpListsEveryCommandAndExitsZero() {
        assertEquals(Cli.OK, run("help"));
        assertTrue(stdout().contains("demo"));
        assertEquals(Cli.OK, run());
        assertEquals(Cli.OK, run("demo", "--help"));
        assertTrue(stdout().contains("usage: berth demo"));
    }

    @Test
    void unknownCommandIsAUsageError() {
        assertEquals(Cli.USAGE, run("frobnicate"));
        assertTrue(stderr().contains("unknown command \"frobnicate\""), stderr());
        assertEquals("", stdout());
    }

    @Test
    void unknownOptionAndSurplusArgumentsAreUsageErrors() {
        assertEquals(Cli.USAGE, run("demo", "--colour"));
        assertTrue(stderr().contains("unknown option --colour"), stderr());
        assertEquals(Cli.USAGE, run("demo", "extra"));
        assertTrue(stderr().contains("expected no arguments"), stderr());
    }

    @Test
    void commandLineParsesValuesFlagsAndDoubleDash() {
        CommandLine line = CommandLine.parse(List.of("a", "--limit", "5", "--filter=x", "--all", "--", "--literal"),
                Set.of("limit", "filter"), Set.of("all"));
        assertEquals(List.of("a", "--literal"), line.positionals());
        assertEquals("5", line.value("limit").orElseThrow());
        assertEquals("x", line.value("filter").orElseThrow());
        assertTrue(line.flag("all"));
    }

    @Test
    void optionWithoutItsValueIsAUsageError() {
        UsageException e = org.junit.jupiter.api.Assertions.assertThrows(UsageException.class,
                () -> CommandLine.parse(List.of("--limit"), Set.of("limit"), Set.of()));
        assertTrue(e.getMessage().contains("--limit needs a value"));
    }
}
