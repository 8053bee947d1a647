package dev.berth.server.internal;

import dev.berth.model.ErrorCode;
import java.util.Map;

/**
 * A request the registry refuses, with the distribution error code and the
 * HTTP status it is answered with. Thrown by the registry logic, turned into
 * a response in exactly one place ({@link HttpApi}).
 */
final class ApiError extends RuntimeException {
    /** The code of the error body, or null for an answer without one. */
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

    /** @return a refusal answered with its status and headers only, for conditions the specification has no code for */
    static ApiError withoutBody(int status, String message, Map<String, String> headers) {
        return new ApiError(null, status, message, headers, null);
    }

    ApiError(ErrorCode code, int status, String message, Map<String, String> headers, String detail) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
        this.headers = headers;
        this.detail = detail;
    }
}
