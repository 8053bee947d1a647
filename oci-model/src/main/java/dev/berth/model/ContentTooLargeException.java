package dev.berth.model;

/** Content exceeds a limit that protects memory, such as the 4 MiB manifest cap. */
public class ContentTooLargeException extends OciException {
    private final long limit;
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
