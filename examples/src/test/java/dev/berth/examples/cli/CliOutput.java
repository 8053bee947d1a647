package dev.berth.examples.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Reading what a command running on another thread has printed so far. */
final class CliOutput {
    private CliOutput() {
    }

    /** @return the first line {@code out} receives, waiting up to ten seconds for it */
    static String awaitFirstLine(ByteArrayOutputStream out) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            String text = out.toString(StandardCharsets.UTF_8);
            if (text.contains("\n")) {
                return text.substring(0, text.indexOf('\n'));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no 'listening on' line");
    }
}
