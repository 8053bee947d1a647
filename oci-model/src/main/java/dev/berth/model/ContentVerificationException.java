package dev.berth.model;

/** Content did not match what its descriptor promised: digest or size. */
public abstract class ContentVerificationException extends OciException {
    /** @param message what did not match */
    protected ContentVerificationException(String message) {
        super(message);
    }
}
