package dev.berth.server.internal;

import dev.berth.model.ErrorCode;
import java.util.Map;

/**
 * A request the registry refuses, with the distribution error code and the
 * HTTP status it is answered with. Thrown by the registry logic, turned into
 * a response in exactly one place ({@link HttpApi}).
 */
final class ApiError extends RuntimeException {
    final ErrorCode code;
    final int status;
    final Map<String, String> headers;
    /** The error's {@code detail} as JSON text, or null. */
    final String detail;

    ApiError(ErrorCode code, String message) {
        this(code, code.httpStatus(), message, Map.of());
    }

    ApiError(ErrorCode code, int status, String message) {
        this(code, status, message, Map.of());
    }

    ApiError(ErrorCode code, int status, String message, Map<String, String> headers) {
        this(code, status, message, headers, null);
    }

    ApiError(ErrorCode code, int status, String message, Map<String, String> headers, String detail) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
        this.headers = headers;
        this.detail = detail;
    }
}
