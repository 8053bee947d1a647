package dev.berth.model;

/**
 * An argument of a public method that is missing or unusable: null, blank, negative where a size is asked
 * for. The message starts with the parameter's name, as the method's Javadoc spells it. Malformed
 * references, digests and platforms have types of their own ({@link InvalidReferenceException},
 * {@link InvalidDigestException}, {@link InvalidPlatformException}).
 */
public class InvalidArgumentException extends OciException {
    /** The parameter's name. */
    private final String argument;

    /**
     * @param argument the parameter's name, such as {@code digest}
     * @param reason   what is wrong with the value, such as {@code must not be null}
     */
    public InvalidArgumentException(String argument, String reason) {
        super(argument + " " + reason);
        this.argument = argument;
    }

    /** @return the name of the parameter whose value was refused */
    public String argument() {
        return argument;
    }

    /**
     * @param value    the argument's value
     * @param argument the parameter's name
     * @param <T>      the argument's type
     * @return {@code value}, checked not to be null
     * @throws InvalidArgumentException if it is null
     */
    public static <T> T requireNonNull(T value, String argument) {
        if (value == null) {
            throw new InvalidArgumentException(argument, "must not be null");
        }
        return value;
    }

    /**
     * @param value    the argument's value
     * @param argument the parameter's name
     * @return {@code value}, checked to be neither null nor blank
     * @throws InvalidArgumentException if it is null or blank
     */
    public static String requireNonBlank(String value, String argument) {
        if (requireNonNull(value, argument).isBlank()) {
            throw new InvalidArgumentException(argument, "must not be blank");
        }
        return value;
    }

    /**
     * @param value    the argument's value
     * @param argument the parameter's name
     * @return {@code value}, checked not to be negative
     * @throws InvalidArgumentException if it is negative
     */
    public static long requireNonNegative(long value, String argument) {
        if (value < 0) {
            throw new InvalidArgumentException(argument, "must not be negative, not " + value);
        }
        return value;
    }
}
