package dev.berth.model;

import java.io.IOException;

/**
 * Reading or writing content on this machine failed: a file of an OCI layout, a file pushed as a blob, a
 * stream handed to Berth, a listening socket. Berth's methods raise this instead of
 * {@link java.io.UncheckedIOException} or a checked {@link IOException}, so that every failure is an
 * {@link OciException}; a registry that cannot be reached is the client's {@code RegistryUnreachableException}.
 */
public class ContentIOException extends OciException {
    /**
     * @param message what was being read or written, such as {@code cannot read /tmp/layer.tar}
     * @param cause   the I/O failure
     */
    public ContentIOException(String message, IOException cause) {
        super(message + ": " + cause.getMessage(), cause);
    }

    /** @return the I/O failure */
    @Override
    public synchronized IOException getCause() {
        return (IOException) super.getCause();
    }
}
