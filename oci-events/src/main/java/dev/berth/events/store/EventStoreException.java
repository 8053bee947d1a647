package dev.berth.events.store;

import dev.berth.model.OciException;

/** A store could not do what was asked: the database failed, or a cursor is not one the store issued. */
public class EventStoreException extends OciException {
    /** @param message what failed */
    public EventStoreException(String message) {
        super(message);
    }

    /**
     * @param message what failed
     * @param cause   the underlying failure
     */
    public EventStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
