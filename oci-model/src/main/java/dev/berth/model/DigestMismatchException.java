package dev.berth.model;

/** Content was read in full but its digest differs from the expected one. */
public class DigestMismatchException extends ContentVerificationException {
    /** The digest the content should have had. */
    private final Digest expected;
    /** The digest the content has. */
    private final Digest actual;

    /**
     * @param expected the digest the content should have had
     * @param actual   the digest computed over the bytes received
     */
    public DigestMismatchException(Digest expected, Digest actual) {
        super("digest mismatch: expected " + expected + " but the content hashes to " + actual);
        this.expected = expected;
        this.actual = actual;
    }

    /** @return the digest the content should have had */
    public Digest expected() {
        return expected;
    }

    /** @return the digest computed over the bytes received */
    public Digest actual() {
        return actual;
    }
}
