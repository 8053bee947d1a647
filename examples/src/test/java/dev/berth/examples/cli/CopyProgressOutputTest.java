package dev.berth.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.model.Platform;
import dev.berth.testsupport.DistributionRegistry;
import dev.berth.testsupport.OciLayoutIndex;
import dev.berth.testsupport.Skopeo;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code berth copy} from distribution to an OCI layout draws one progress line on a terminal, and nothing elsewhere. */
class CopyProgressOutputTest {
    private static final int COLUMNS = 60;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private DistributionRegistry distribution;
    private String source;

    @BeforeEach
    void pushAnIndex() throws Exception {
        OciLayoutIndex image = OciLayoutIndex.write(dir.resolve("source"), "1", "progress " + System.nanoTime(),
                List.of(Platform.parse("linux/amd64"), Platform.parse("linux/arm64")));
        distribution = DistributionRegistry.builder(dir.resolve("distribution")).start();
        source = distribution.hostPort() + "/team/app:1";
        Skopeo.run("copy", "--all", "--dest-tls-verify=false", image.skopeoName(), "docker://" + source);
    }

    @AfterEach
    void stop() {
        distribution.close();
    }

    private int run(Terminal terminal, String... args) {
        out.reset();
        err.reset();
        return new Cli(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), terminal).run(args);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void onATerminalOneLineRedrawsWithinTheWidthAndEndsComplete() {
        assertEquals(Cli.OK, run(Terminal.ofWidth(COLUMNS), "copy", source, "oci:" + dir.resolve("a") + ":1", "--all-platforms"),
                stderr());
        String drawn = stderr();
        assertTrue(drawn.startsWith("\r"), drawn);
        assertTrue(drawn.endsWith("\n"), "the finished line stays: " + drawn);
        assertEquals(1, drawn.chars().filter(c -> c == '\n').count(), "one line, redrawn: " + drawn);
        String[] draws = drawn.substring(1, drawn.length() - 1).split("\r");
        for (String draw : draws) {
            assertTrue(draw.length() < COLUMNS, "a column short of the width, never wrapping: [" + draw + "]");
        }
        String last = draws[draws.length - 1].stripTrailing();
        assertTrue(last.contains("100%") && last.contains("4/4 blobs") && last.contains("done in"), last);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("blobs sent"), "the result still goes to stdout");

        assertEquals(Cli.OK, run(Terminal.ofWidth(COLUMNS), "copy", source, "oci:" + dir.resolve("a") + ":1", "--all-platforms"));
        assertTrue(stderr().contains("4/4 blobs, 4 skipped"), "a second copy finds every blob there: " + stderr());
    }

    @Test
    void quietJsonOrNotATerminalDrawNothing() {
        assertEquals(Cli.OK, run(Terminal.ofWidth(COLUMNS), "copy", source, "oci:" + dir.resolve("q") + ":1", "--quiet"));
        assertEquals("", stderr());
        assertEquals(Cli.OK, run(Terminal.ofWidth(COLUMNS), "copy", source, "oci:" + dir.resolve("j") + ":1", "--json"));
        assertEquals("", stderr());
        assertEquals(Cli.OK, run(Terminal.NONE, "copy", source, "oci:" + dir.resolve("n") + ":1", "--all-platforms"));
        assertEquals("", stderr());
    }
}
