package dev.berth.examples.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.IntSupplier;

/**
 * Whether stderr is a terminal, and how wide: progress is drawn only there.
 *
 * @param stderrIsTerminal whether stderr is a terminal
 * @param columns          its width, asked only when progress is drawn
 */
record Terminal(boolean stderrIsTerminal, IntSupplier columns) {
    /** Not a terminal: a stream a caller gave, a file, a pipe. */
    static final Terminal NONE = new Terminal(false, () -> 0);

    /** The property the {@code ./berth} launcher sets from {@code [ -t 2 ]}: Java cannot ask about stderr itself. */
    static final String STDERR_PROPERTY = "berth.stderr.terminal";

    private static final int DEFAULT_COLUMNS = 80;

    /**
     * @return this process's stderr: as the launcher found it, else a guess from {@link System#console()} (which
     *         says whether stdin and stdout are a terminal)
     */
    static Terminal ofThisProcess() {
        String told = System.getProperty(STDERR_PROPERTY);
        boolean terminal = told != null ? Boolean.parseBoolean(told) : System.console() != null;
        return terminal ? new Terminal(true, Terminal::askColumns) : NONE;
    }

    /**
     * @param columns the width
     * @return a terminal of that width
     */
    static Terminal ofWidth(int columns) {
        return new Terminal(true, () -> columns);
    }

    // COLUMNS when the shell exported it, else stty (its one line is "ROWS COLUMNS"), else the usual 80.
    private static int askColumns() {
        Integer fromEnvironment = positive(System.getenv("COLUMNS"));
        if (fromEnvironment != null) {
            return fromEnvironment;
        }
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String answer = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            stty.waitFor();
            String[] parts = answer.split("\\s+");
            Integer columns = parts.length == 2 ? positive(parts[1]) : null;
            return columns != null ? columns : DEFAULT_COLUMNS;
        } catch (IOException e) {
            return DEFAULT_COLUMNS;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DEFAULT_COLUMNS;
        }
    }

    private static Integer positive(String text) {
        if (text == null || !text.matches("[0-9]{1,5}")) {
            return null;
        }
        int n = Integer.parseInt(text);
        return n > 0 ? n : null;
    }
}
