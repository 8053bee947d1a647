package dev.berth.client;

import dev.berth.model.OciException;

/**
 * No HTTP answer came from a registry: the name did not resolve, the
 * connection was refused or reset, TLS failed, or it timed out. Retryable
 * requests are retried before this is thrown.
 */
public class RegistryUnreachableException extends OciException {

    /** Why no answer came. */
    public enum Reason {
        /** the host name did not resolve */
        DNS,
        /** nothing listens on that port */
        REFUSED,
        /** the TLS handshake failed: certificate not trusted, or not a TLS server */
        TLS,
        /** no answer within the timeout */
        TIMEOUT,
        /** the connection broke or another I/O failure */
        IO
    }

    /** Why no answer came back. */
    private final Reason reason;

    /**
     * @param message what was attempted and what happened
     * @param reason  the classified cause
     * @param cause   the I/O failure
     */
    public RegistryUnreachableException(String message, Reason reason, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** @return why no answer came */
    public Reason reason() {
        return reason;
    }
}
