package dev.berth.events;

import dev.berth.model.OciException;

/** A webhook body that cannot be read as registry events; the message says what was wrong. */
public class EventParseException extends OciException {
    /** @param message what was wrong with the body */
    public EventParseException(String message) {
        super(message);
    }

    /**
     * @param message what was wrong with the body
     * @param cause   the underlying error
     */
    public EventParseException(String message, Throwable cause) {
        super(message, cause);
    }
}
