package dev.berth.model;

/** Content exceeds a limit that protects memory, such as the 4 MiB manifest cap. */
public class ContentTooLargeException extends OciException {
    /** The largest size accepted, in bytes. */
    private final long limit;
    /** The size of the content, in bytes (at least as much as was read before giving up). */
    private final long size;

    /**
     * @param what  the kind of content, e.g. "manifest"
     * @param limit the largest size accepted, in bytes
     * @param size  the size seen (for streams: at least this many bytes)
     */
    public ContentTooLargeException(String what, long limit, long size) {
        super(what + " of " + size + " bytes exceeds the limit of " + limit + " bytes");
        this.limit = limit;
        this.size = size;
    }

    /** @return the largest size accepted, in bytes */
    public long limit() {
        return limit;
    }

    /** @return the size seen */
    public long size() {
        return size;
    }
}
