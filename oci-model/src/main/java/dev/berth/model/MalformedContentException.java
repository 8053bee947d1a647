package dev.berth.model;

/**
 * A document (manifest, index, image configuration, error body, ...) is not
 * valid JSON or lacks what its format requires. The message names the document
 * and the JSON path of the offending field, e.g. {@code layers[2].digest}.
 */
public class MalformedContentException extends OciException {
    /** Where in the document the problem is, as a JSON path, or empty. */
    private final String path;

    /**
     * @param document what was being read, e.g. "OCI image manifest"
     * @param path     JSON path of the bad field, or an empty string for the whole document
     * @param reason   what was wrong
     */
    public MalformedContentException(String document, String path, String reason) {
        super(document + (path.isEmpty() ? "" : ": " + path) + ": " + reason);
        this.path = path;
    }

    /**
     * @param document what was being read
     * @param reason   what was wrong
     * @param cause    the parser's own error
     */
    public MalformedContentException(String document, String reason, Throwable cause) {
        super(document + ": " + reason, cause);
        this.path = "";
    }

    /** @return JSON path of the offending field, empty when the whole document is at fault */
    public String path() {
        return path;
    }
}
