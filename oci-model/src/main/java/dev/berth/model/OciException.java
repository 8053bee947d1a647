package dev.berth.model;

/**
 * Root of every exception Berth throws. Unchecked, so that callers catch what
 * they can act on ({@link RegistryException}, {@link DigestMismatchException},
 * ...) and let the rest travel.
 */
public class OciException extends RuntimeException {

    /** @param message what went wrong, in words a user can act on */
    public OciException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, in words a user can act on
     * @param cause   the underlying failure
     */
    public OciException(String message, Throwable cause) {
        super(message, cause);
    }
}
