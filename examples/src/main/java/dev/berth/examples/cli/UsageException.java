package dev.berth.examples.cli;

/** The command line itself is wrong: exit status 2. */
public final class UsageException extends RuntimeException {
    /** @param message what is wrong with the command line */
    public UsageException(String message) {
        super(message);
    }
}
