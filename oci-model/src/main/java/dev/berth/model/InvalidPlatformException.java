package dev.berth.model;

/** A platform string such as {@code linux/arm64/v8} that cannot be parsed. */
public class InvalidPlatformException extends OciException {
    /**
     * @param input  the text that was parsed
     * @param reason what was wrong with it
     */
    public InvalidPlatformException(String input, String reason) {
        super("invalid platform \"" + input + "\": " + reason);
    }
}
