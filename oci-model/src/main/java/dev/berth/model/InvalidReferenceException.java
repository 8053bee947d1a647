package dev.berth.model;

/** An image reference, repository name or tag that does not follow the reference grammar. */
public class InvalidReferenceException extends OciException {
    /** The text that is not a valid reference. */
    private final String input;

    /**
     * @param input  the text that was parsed
     * @param reason which part was wrong and why
     */
    public InvalidReferenceException(String input, String reason) {
        super("invalid reference \"" + input + "\": " + reason);
        this.input = input;
    }

    /** @return the text that failed to parse */
    public String input() {
        return input;
    }
}
