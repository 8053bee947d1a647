package dev.berth.server.auth;

import dev.berth.model.OciException;

/** An htpasswd file that cannot be used; the message names the file and line, never a hash. */
public class HtpasswdException extends OciException {
    /** @param message what is wrong */
    public HtpasswdException(String message) {
        super(message);
    }
}
