package dev.berth.client.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body of known length that can be produced again for each attempt (after a 401, a redirect or a
 * temporary failure). Either HTTP engine sends it: the JDK client as a publisher, the streaming engine by
 * copying {@link #open()} to the connection.
 */
public final class RequestBody {
    private final Opener source;
    private final long offset;
    private final long length;

    /** Opens content at an offset. */
    @FunctionalInterface
    public interface Opener {
        /** @return a stream from {@code offset} on */
        InputStream open(long offset) throws IOException;
    }

    private RequestBody(Opener source, long offset, long length) {
        this.source = source;
        this.offset = offset;
        this.length = length;
    }

    /** @return a body of exactly {@code length} bytes of {@code source}, starting at {@code offset} */
    public static RequestBody slice(Opener source, long offset, long length) {
        return new RequestBody(source, offset, length);
    }

    /** @return the whole array as a body */
    public static RequestBody of(byte[] bytes) {
        return new RequestBody(at -> new ByteArrayInputStream(bytes, (int) at, bytes.length - (int) at), 0, bytes.length);
    }

    /** @return the body's length in bytes, sent as Content-Length */
    public long length() {
        return length;
    }

    /** @return a fresh stream of exactly {@link #length()} bytes */
    public InputStream open() throws IOException {
        return Streams.slice(source.open(offset), length);
    }
}
