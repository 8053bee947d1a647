package dev.berth.client;

import dev.berth.model.Descriptor;

/**
 * Hears about blob transfers, for progress bars and logs. Called from the
 * threads that move the bytes, several at once when layers move in parallel:
 * implementations must be thread-safe and quick. Every method has a no-op default.
 */
public interface TransferListener {

    /** A listener that hears nothing. */
    TransferListener NONE = new TransferListener() {
    };

    /** How a blob reached its destination. */
    enum Outcome {
        /** its bytes were sent */
        TRANSFERRED,
        /** the destination had it already */
        ALREADY_PRESENT,
        /** the registry linked it from another repository */
        MOUNTED
    }

    /**
     * Bytes moved.
     *
     * @param blob        the blob (size -1 while unknown, for a stream)
     * @param transferred bytes moved so far for this blob
     */
    default void progress(Descriptor blob, long transferred) {
    }

    /**
     * A blob is complete.
     *
     * @param blob    the blob
     * @param outcome how it got there
     */
    default void done(Descriptor blob, Outcome outcome) {
    }
}
