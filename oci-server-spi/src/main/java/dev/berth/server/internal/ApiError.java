package dev.berth.server.internal;

import dev.berth.model.ErrorCode;
import java.util.Map;

/**
 * A request the registry refuses, with the distribution error code and the
 * HTTP status it is answered with. Thrown by the registry logic and the
 * pipeline's decorators, turned into a response in exactly one place
 * ({@link dev.berth.server.internal.pipeline.ApiErrors}).
 */
public final class ApiError extends RuntimeException {
    /** The code of the error body, or null for an answer without one. */
    public final ErrorCode code;
    /** The HTTP status. */
    public final int status;
    /** Headers the answer carries, e.g. a challenge. */
    public final Map<String, String> headers;
    /** The error's {@code detail} as JSON text, or null. */
    public final String detail;

    public ApiError(ErrorCode code, String message) {
        this(code, code.httpStatus(), message, Map.of());
    }

    public ApiError(ErrorCode code, int status, String message) {
        this(code, status, message, Map.of());
    }

    public ApiError(ErrorCode code, int status, String message, Map<String, String> headers) {
        this(code, status, message, headers, null);
    }

    /** @return a refusal answered with its status and headers only, for conditions the specification has no code for */
    public static ApiError withoutBody(int status, String message, Map<String, String> headers) {
        return new ApiError(null, status, message, headers, null);
    }

    public ApiError(ErrorCode code, int status, String message, Map<String, String> headers, String detail) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
        this.headers = headers;
        this.detail = detail;
    }
}
