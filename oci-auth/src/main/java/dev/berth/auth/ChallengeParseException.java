package dev.berth.auth;

import dev.berth.model.OciException;

/** A {@code WWW-Authenticate} header that does not follow RFC 7235; the message gives the position. */
public class ChallengeParseException extends OciException {
    /** @param message what is wrong and where */
    public ChallengeParseException(String message) {
        super(message);
    }
}
