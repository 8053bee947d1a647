package dev.berth.client.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;

/** Request bodies with a known length, read from a source that can reopen at an offset. */
public final class BodyPublishers {
    private BodyPublishers() {
    }

    /** Opens content at an offset. */
    @FunctionalInterface
    public interface Opener {
        /** @return a stream from {@code offset} on */
        InputStream open(long offset) throws IOException;
    }

    /**
     * @return a body of exactly {@code length} bytes starting at {@code offset}, sent with Content-Length
     */
    public static HttpRequest.BodyPublisher slice(Opener source, long offset, long length) {
        HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(() -> {
            try {
                return Streams.bounded(source.open(offset), length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return HttpRequest.BodyPublishers.fromPublisher(stream, length);
    }
}
