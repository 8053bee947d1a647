package dev.berth.server.internal.gc;

/** A push that a namespace's quota does not allow; the registry answers it 403 DENIED with this message. */
public final class QuotaExceededException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message names the quota, its limit and what the push would have made */
    public QuotaExceededException(String message) {
        super(message, null, false, false);
    }
}
