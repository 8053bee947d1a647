package dev.berth.model;

/**
 * A manifest Berth recognises but does not handle, such as Docker image
 * manifest schema 1, or a document whose media type is not a manifest at all.
 */
public class UnsupportedManifestException extends OciException {
    /** The media type Berth does not parse. */
    private final String mediaType;

    /**
     * @param mediaType the media type seen (may be empty when none was declared)
     * @param reason    why it is not supported and what to do instead
     */
    public UnsupportedManifestException(String mediaType, String reason) {
        super(reason);
        this.mediaType = mediaType;
    }

    /** @return the media type seen, or an empty string */
    public String mediaType() {
        return mediaType;
    }
}
