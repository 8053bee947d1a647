package dev.berth.model;

/** A digest string that does not follow {@code algorithm:encoded} or its algorithm's rules. */
public class InvalidDigestException extends OciException {
    /** The text that is not a valid digest. */
    private final String input;

    /**
     * @param input  the text that was parsed
     * @param reason what was wrong with it
     */
    public InvalidDigestException(String input, String reason) {
        super("invalid digest \"" + input + "\": " + reason);
        this.input = input;
    }

    /** @return the text that failed to parse */
    public String input() {
        return input;
    }
}
