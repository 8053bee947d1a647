package dev.berth.examples.ui;

/**
 * An answer other than success: the HTTP status and the error code and message
 * of the UI's JSON error body {@code {"error":{"code","message"}}}.
 */
final class ApiException extends RuntimeException {
    private final int status;
    private final String code;

    ApiException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, "BAD_REQUEST", message);
    }

    static ApiException notFound(String message) {
        return new ApiException(404, "NOT_FOUND", message);
    }

    static ApiException conflict(String message) {
        return new ApiException(409, "CONFLICT", message);
    }

    static ApiException unauthorized(String message) {
        return new ApiException(401, "UNAUTHORIZED", message);
    }

    static ApiException upstream(String message) {
        return new ApiException(502, "UPSTREAM", message);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
