package dev.berth.server.spi;

/** No upload session has this id: never created, committed, cancelled or expired. */
public class UploadUnknownException extends StorageException {
    /** @param id the session id */
    public UploadUnknownException(String id) {
        super("upload session " + id + " is unknown");
    }
}
