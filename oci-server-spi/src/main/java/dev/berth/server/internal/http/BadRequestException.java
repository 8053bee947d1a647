package dev.berth.server.internal.http;

import java.io.IOException;

/** A request that breaks HTTP/1.1 framing or a limit: answered with {@link #status()} and the connection closed. */
final class BadRequestException extends IOException {
    private final int status;

    BadRequestException(String message) {
        this(400, message);
    }

    BadRequestException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** @return 400, or 431 for a head over the size limit */
    int status() {
        return status;
    }
}
