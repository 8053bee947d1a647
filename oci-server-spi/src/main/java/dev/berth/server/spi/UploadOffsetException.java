package dev.berth.server.spi;

/** A chunk was sent for another offset than where the session stands; nothing was appended. */
public class UploadOffsetException extends StorageException {
    /** The offset the session is at: where the next chunk must start. */
    private final long expected;

    /**
     * @param id       the session
     * @param expected where the session stands
     * @param given    where the chunk claimed to start
     */
    public UploadOffsetException(String id, long expected, long given) {
        super("upload " + id + " stands at offset " + expected + ", a chunk for offset " + given + " cannot be appended");
        this.expected = expected;
    }

    /** @return where the session stands: the next chunk must start here */
    public long expected() {
        return expected;
    }
}
