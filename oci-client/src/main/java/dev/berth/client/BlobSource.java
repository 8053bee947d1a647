package dev.berth.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Content of a known size that can be read again from any offset, so that an
 * upload can resume where the registry says it stopped. Files and byte arrays
 * qualify; a one-shot stream goes through {@link BlobUpload} instead.
 */
public interface BlobSource {

    /** @return the size in bytes */
    long size();

    /**
     * @param offset where to start, 0 ≤ offset ≤ size
     * @return the content from {@code offset} to the end; the caller closes it
     * @throws IOException if it cannot be read
     */
    InputStream open(long offset) throws IOException;

    /**
     * @param file the file holding the blob, read afresh for each attempt
     * @return a source reading a file
     */
    static BlobSource of(Path file) {
        long size;
        try {
            size = java.nio.file.Files.size(file);
        } catch (IOException e) {
            throw new dev.berth.model.ContentIOException("cannot read " + file, e);
        }
        return new BlobSource() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public InputStream open(long offset) throws IOException {
                FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
                channel.position(offset);
                return Channels.newInputStream(channel);
            }
        };
    }

    /**
     * @param content the blob's bytes
     * @return a source over bytes held in memory (not copied: do not change them)
     */
    static BlobSource of(byte[] content) {
        return new BlobSource() {
            @Override
            public long size() {
                return content.length;
            }

            @Override
            public InputStream open(long offset) {
                return new ByteArrayInputStream(content, (int) offset, content.length - (int) offset);
            }
        };
    }
}
