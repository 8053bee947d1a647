package dev.berth.examples.cli;

import dev.berth.client.ProgressListener;
import dev.berth.client.ProgressTracker;
import dev.berth.client.TransferProgress;
import java.io.PrintStream;
import java.util.function.IntSupplier;

/**
 * Progress of a long transfer as one line on stderr that redraws itself ({@code \r}), then stays, complete, when
 * the transfer succeeds. Silent unless stderr is a terminal, and with {@code --quiet} or {@code --json}.
 */
final class Progress implements ProgressListener, AutoCloseable {
    private final PrintStream err;
    private final IntSupplier columns;
    private int width; // asked on the first draw: most commands never draw
    private int shown; // characters of the line drawn last; 0 when no line is open

    private Progress(PrintStream err, IntSupplier columns) {
        this.err = err;
        this.columns = columns;
    }

    /** @return progress that draws nothing */
    static Progress silent() {
        return new Progress(null, () -> 0);
    }

    /**
     * @param err     the terminal's stream
     * @param columns the terminal's width; the line stays a column short of it, so it never wraps
     * @return progress drawn on {@code err}
     */
    static Progress drawnOn(PrintStream err, IntSupplier columns) {
        return new Progress(err, columns);
    }

    /** @return a tracker feeding this, for transfers that are not a copy (which has its own) */
    ProgressTracker tracker() {
        return new ProgressTracker(this, ProgressTracker.DEFAULT_INTERVAL);
    }

    @Override
    public synchronized void onProgress(TransferProgress progress) {
        if (err == null) {
            return;
        }
        if (width == 0) {
            width = Math.max(columns.getAsInt() - 1, 1);
        }
        String line = ProgressLine.render(progress, width);
        // Spaces over what is left of a longer line before.
        err.print("\r" + line + " ".repeat(Math.max(shown - line.length(), 0)));
        if (progress.finished()) {
            err.println();
            shown = 0;
        } else {
            shown = line.length();
        }
        err.flush();
    }

    /** Ends a line left open by a transfer that failed, so the error message starts on its own line. */
    @Override
    public synchronized void close() {
        if (err != null && shown > 0) {
            err.println();
            err.flush();
            shown = 0;
        }
    }
}
