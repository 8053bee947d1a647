package dev.berth.model;

/**
 * Content is longer or shorter than expected. Raised as soon as it is known:
 * an overlong stream fails at the first surplus byte, not at its end.
 */
public class SizeMismatchException extends ContentVerificationException {
    /** The size the content should have had, in bytes. */
    private final long expected;
    /** The size the content has, in bytes. */
    private final long actual;

    /**
     * @param expected the size the content should have had
     * @param actual   the size seen (for overlong content: at least this many bytes)
     */
    public SizeMismatchException(long expected, long actual) {
        super(actual > expected
                ? "size mismatch: expected " + expected + " bytes but the content has more (" + actual + " read so far)"
                : "size mismatch: expected " + expected + " bytes but the content ended after " + actual);
        this.expected = expected;
        this.actual = actual;
    }

    /** @return the size the content should have had */
    public long expected() {
        return expected;
    }

    /** @return the size seen */
    public long actual() {
        return actual;
    }
}
