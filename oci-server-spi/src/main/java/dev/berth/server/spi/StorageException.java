package dev.berth.server.spi;

import dev.berth.model.OciException;

/** A store failed to do what was asked (I/O error, corrupt state); nothing half-done is visible. */
public class StorageException extends OciException {
    /** @param message what failed */
    public StorageException(String message) {
        super(message);
    }

    /**
     * @param message what failed
     * @param cause   the underlying failure
     */
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
