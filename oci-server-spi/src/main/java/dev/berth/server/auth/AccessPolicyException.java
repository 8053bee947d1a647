package dev.berth.server.auth;

import dev.berth.model.OciException;

/** An access policy that cannot be built; the message names the glob, user or action that is wrong. */
public class AccessPolicyException extends OciException {
    /** @param message what is wrong, naming the offending value */
    public AccessPolicyException(String message) {
        super(message);
    }
}
