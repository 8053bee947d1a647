package dev.berth.model;

import java.util.Locale;

/**
 * The error codes of the OCI distribution specification, plus the ones
 * distribution adds, each with the HTTP status a registry answers it with.
 */
public enum ErrorCode {
    /** Blob unknown to registry. */
    BLOB_UNKNOWN(404, "blob unknown to registry"),
    /** Blob upload invalid. */
    BLOB_UPLOAD_INVALID(400, "blob upload invalid"),
    /** Blob upload unknown to registry. */
    BLOB_UPLOAD_UNKNOWN(404, "blob upload unknown to registry"),
    /** Provided digest did not match uploaded content. */
    DIGEST_INVALID(400, "provided digest did not match uploaded content"),
    /** Manifest references a blob unknown to the registry. */
    MANIFEST_BLOB_UNKNOWN(400, "manifest references a manifest or blob unknown to registry"),
    /** Manifest invalid. */
    MANIFEST_INVALID(400, "manifest invalid"),
    /** Manifest unknown to registry. */
    MANIFEST_UNKNOWN(404, "manifest unknown to registry"),
    /** Manifest failed signature verification (distribution, schema 1). */
    MANIFEST_UNVERIFIED(400, "manifest failed signature verification"),
    /** Invalid repository name. */
    NAME_INVALID(400, "invalid repository name"),
    /** Repository name not known to registry. */
    NAME_UNKNOWN(404, "repository name not known to registry"),
    /** Provided length did not match content length. */
    SIZE_INVALID(400, "provided length did not match content length"),
    /** Manifest tag did not match URI (distribution). */
    TAG_INVALID(400, "manifest tag did not match URI"),
    /** Authentication required. */
    UNAUTHORIZED(401, "authentication required"),
    /** Requested access to the resource is denied. */
    DENIED(403, "requested access to the resource is denied"),
    /** The operation is unsupported. */
    UNSUPPORTED(405, "the operation is unsupported"),
    /** Too many requests. */
    TOOMANYREQUESTS(429, "too many requests"),
    /** Invalid number of results requested (distribution). */
    PAGINATION_NUMBER_INVALID(400, "invalid number of results requested"),
    /** Requested range not satisfiable (distribution). */
    RANGE_INVALID(416, "invalid content range"),
    /** The service is unavailable (distribution). */
    UNAVAILABLE(503, "service unavailable"),
    /** Any code Berth does not know; the original code is kept in {@link RegistryError#rawCode()}. */
    UNKNOWN(500, "unknown error");

    private final int httpStatus;
    private final String description;

    ErrorCode(int httpStatus, String description) {
        this.httpStatus = httpStatus;
        this.description = description;
    }

    /** @return the HTTP status a registry sends with this code */
    public int httpStatus() {
        return httpStatus;
    }

    /** @return the specification's short description */
    public String description() {
        return description;
    }

    /**
     * @param code a code as sent by a registry, in any case
     * @return the matching constant, or {@link #UNKNOWN}
     */
    public static ErrorCode fromCode(String code) {
        if (code == null) {
            return UNKNOWN;
        }
        try {
            return valueOf(code.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }
}
