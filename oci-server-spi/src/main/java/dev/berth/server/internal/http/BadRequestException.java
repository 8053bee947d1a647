package dev.berth.server.internal.http;

import java.io.IOException;

/** A request that breaks HTTP/1.1 framing: answered with 400 and the connection closed. */
final class BadRequestException extends IOException {
    BadRequestException(String message) {
        super(message);
    }
}
