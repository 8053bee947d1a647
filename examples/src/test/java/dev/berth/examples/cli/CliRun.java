package dev.berth.examples.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** The {@code berth} command line run in this JVM with an empty standard input, keeping what the last run printed. */
final class CliRun {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** @return the exit code; {@link #stdout} and {@link #stderr} then hold this run's output alone */
    int run(String... args) {
        out.reset();
        err.reset();
        return new Cli(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    byte[] stdoutBytes() {
        return out.toByteArray();
    }

    String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
