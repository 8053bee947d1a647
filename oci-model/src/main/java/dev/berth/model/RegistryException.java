package dev.berth.model;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A registry answered with an error: the HTTP status and the OCI error codes of
 * its body. Check {@link #hasCode(ErrorCode)} rather than parsing the message.
 */
public class RegistryException extends OciException {
    /** The HTTP status of the response. */
    private final int status;
    /** The errors of the response body, possibly none. */
    private final List<RegistryError> errors;

    /**
     * @param operation what was attempted, e.g. "GET manifest library/alpine:3.20"
     * @param status    the HTTP status
     * @param errors    the errors from the body, possibly empty
     */
    public RegistryException(String operation, int status, List<RegistryError> errors) {
        super(operation + ": HTTP " + status + (errors.isEmpty() ? ""
                : " " + errors.stream().map(RegistryError::toString).collect(Collectors.joining("; "))));
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return the errors the registry listed, possibly empty */
    public List<RegistryError> errors() {
        return errors;
    }

    /**
     * @param code the error code to look for
     * @return whether the registry listed this code
     */
    public boolean hasCode(ErrorCode code) {
        return errors.stream().anyMatch(e -> e.code() == code);
    }

    /** @return whether retrying later may succeed: 408, 429 and 5xx other than 501 */
    public boolean isTemporary() {
        return status == 408 || status == 429 || (status >= 500 && status != 501);
    }
}
