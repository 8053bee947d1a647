package dev.berth.auth.vault;

import dev.berth.model.OciException;

/** The vault cannot encrypt or decrypt; the message never contains a secret or a key. */
public class VaultException extends OciException {
    /** @param message what went wrong */
    public VaultException(String message) {
        super(message);
    }
}
