package dev.berth.auth;

import dev.berth.model.OciException;

/** A Docker credential helper is missing, timed out or failed; the message names it and says why. */
public class CredentialHelperException extends OciException {
    /** @param message which helper and what went wrong */
    public CredentialHelperException(String message) {
        super(message);
    }
}
