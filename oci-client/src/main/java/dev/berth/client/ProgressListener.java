package dev.berth.client;

/**
 * Hears where a whole transfer stands, for a progress bar: fed by a {@link ProgressTracker}, at a bounded rate,
 * one call at a time and in order, from the threads that move the bytes. Implementations must be quick; what
 * they throw fails the transfer.
 */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that hears nothing. */
    ProgressListener NONE = progress -> { };

    /**
     * The transfer moved on.
     *
     * @param progress where it stands now
     */
    void onProgress(TransferProgress progress);
}
