package dev.berth.examples.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;

/**
 * Stderr for a long-running server process: buffered, flushed every {@value #FLUSH_MILLIS} ms and at exit.
 * The access log writes a line per request; unbuffered, each line is a system call of its own, and the
 * requests of every connection queue on the stream's lock while it is made, which costs a registry serving
 * small manifests a fifth of its rate.
 */
public final class BufferedStderr {
    private static final int FLUSH_MILLIS = 100;

    private BufferedStderr() {
    }

    /** Replaces {@link System#err} for the rest of the process; call it before anything logs. */
    public static void install() {
        PrintStream buffered = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.err), 64 * 1024),
                false, Charset.defaultCharset());
        System.setErr(buffered);
        Thread flusher = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(FLUSH_MILLIS);
                    buffered.flush();
                }
            } catch (InterruptedException e) {
                buffered.flush();
            }
        }, "berth-stderr-flush");
        flusher.setDaemon(true);
        flusher.start();
        Runtime.getRuntime().addShutdownHook(new Thread(buffered::flush, "berth-stderr-flush-at-exit"));
    }
}
