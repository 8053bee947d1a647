package dev.berth.examples.cli;

import dev.berth.client.TransferListener;
import dev.berth.model.Descriptor;
import java.io.PrintStream;

/** Progress of long transfers on stderr, only when stderr is a terminal and not silenced with {@code --quiet}. */
final class Progress implements TransferListener {
    private final PrintStream err;
    private long lastPrinted;

    private Progress(PrintStream err) {
        this.err = err;
    }

    /** @return a listener printing progress, or {@link TransferListener#NONE} where progress would only be noise */
    static TransferListener forCommand(CommandLine line) {
        boolean terminal = System.console() != null;
        return terminal && !line.flag("quiet") && !line.flag("json") ? new Progress(System.err) : TransferListener.NONE;
    }

    @Override
    public synchronized void progress(Descriptor blob, long transferred) {
        long now = System.nanoTime();
        if (now - lastPrinted > 200_000_000L || transferred == blob.size()) {
            lastPrinted = now;
            err.printf("\r%s %,d / %,d bytes", blob.digest().shortForm(), transferred, blob.size());
            err.flush();
        }
    }

    @Override
    public synchronized void done(Descriptor blob, Outcome outcome) {
        err.printf("\r%s %s%n", blob.digest().shortForm(), switch (outcome) {
            case TRANSFERRED -> "done, " + String.format("%,d", blob.size()) + " bytes";
            case ALREADY_PRESENT -> "already there";
            case MOUNTED -> "mounted";
        });
    }
}
