package dev.berth.server.internal.http;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * A response body that takes a region of a file whole. Berth's own server hands it to a plain socket with
 * {@link FileChannel#transferTo} (sendfile on Linux): the bytes go from the page cache to the socket without
 * passing through the JVM, where a copy through buffers moves each byte four times.
 */
public interface FileSink {
    /**
     * Sends {@code count} bytes of {@code file} from {@code position}.
     *
     * @throws IOException if the client is gone or the file is shorter than that
     */
    void transferFrom(FileChannel file, long position, long count) throws IOException;
}
