package dev.berth.examples.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;

/**
 * Stderr for a long-running server process: buffered, written out every {@value #FLUSH_MILLIS} ms and at exit.
 * The access log writes a line per request, and slf4j-simple flushes its stream after every line; were that
 * flush a system call, the requests of every connection would queue on the logger's lock while it is made,
 * which costs a registry serving small manifests a sixth of its rate. So a caller's flush does nothing here, and
 * a thread of its own writes what was buffered.
 */
public final class BufferedStderr {
    private static final int FLUSH_MILLIS = 100;

    private BufferedStderr() {
    }

    /** Replaces {@link System#err} for the rest of the process; call it before anything logs. */
    public static void install() {
        System.setErr(batching(new FileOutputStream(FileDescriptor.err), FLUSH_MILLIS));
    }

    /**
     * @param sink        where the bytes go
     * @param flushMillis how often what was buffered is written to {@code sink}
     * @return a stream whose own flushes do nothing: a daemon thread writes its buffer to {@code sink} every
     *         {@code flushMillis} ms, and a shutdown hook at exit
     */
    static PrintStream batching(OutputStream sink, long flushMillis) {
        Batch batch = new Batch(sink);
        PrintStream stream = new LinePrintStream(batch, Charset.defaultCharset());
        Thread flusher = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(flushMillis);
                    batch.flushNow();
                }
            } catch (InterruptedException e) {
                batch.flushNow();
            }
        }, "berth-stderr-flush");
        flusher.setDaemon(true);
        flusher.start();
        Runtime.getRuntime().addShutdownHook(new Thread(batch::flushNow, "berth-stderr-flush-at-exit"));
        return stream;
    }

    /**
     * Writes a line as one array of bytes: PrintStream's own println passes it through a character buffer and an
     * encoder first, which cost a busy access log as much as the rest of its line.
     */
    private static final class LinePrintStream extends PrintStream {
        private final Charset charset;

        LinePrintStream(OutputStream out, Charset charset) {
            super(out, false, charset);
            this.charset = charset;
        }

        @Override
        public void println(String line) {
            byte[] bytes = (line + System.lineSeparator()).getBytes(charset);
            write(bytes, 0, bytes.length);
        }
    }

    /** A buffer that only its flusher empties. */
    private static final class Batch extends BufferedOutputStream {
        Batch(OutputStream sink) {
            super(sink, 64 * 1024);
        }

        @Override
        public void flush() {
            // the flusher's turn: see the class comment
        }

        synchronized void flushNow() {
            try {
                super.flush();
            } catch (IOException e) {
                // stderr is gone: nothing is left to tell
            }
        }
    }
}
