package dev.berth.auth;

import dev.berth.model.OciException;

/**
 * Authentication with a registry failed: wrong credentials, a token endpoint
 * that refused or misbehaved, a scope that was not granted, or credentials
 * withheld because they would cross the network unencrypted.
 */
public class AuthenticationException extends OciException {
    /** The HTTP status that said so, or 0 if none did. */
    private final int status;

    /**
     * @param message what failed and, where known, what to do
     * @param status  the HTTP status that said so, or 0
     */
    public AuthenticationException(String message, int status) {
        super(message);
        this.status = status;
    }

    /**
     * @param message what failed
     * @param cause   the underlying failure
     */
    public AuthenticationException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    /** @return the HTTP status that reported the failure, or 0 */
    public int status() {
        return status;
    }
}
