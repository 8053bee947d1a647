package dev.berth.server;

import dev.berth.model.InvalidArgumentException;
import dev.berth.server.spi.BlobStore;
import dev.berth.server.spi.MetadataStore;
import dev.berth.server.storage.fs.FileBlobStore;
import dev.berth.server.storage.fs.FileMetadataStore;
import dev.berth.server.storage.memory.InMemoryBlobStore;
import dev.berth.server.storage.memory.InMemoryMetadataStore;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The two stores a registry needs. Mix and match: blobs in an object store and
 * metadata in a database is what the SPI is shaped for.
 *
 * @param blobs    blob bytes and upload sessions
 * @param metadata manifests, tags, links, referrers
 */
public record Storage(BlobStore blobs, MetadataStore metadata) implements AutoCloseable {
    /**
     * Checks the parts.
     *
     * @param blobs blob bytes and upload sessions
     * @param metadata manifests, tags, links, referrers
     */
    public Storage {
        InvalidArgumentException.requireNonNull(blobs, "blobs");
        InvalidArgumentException.requireNonNull(metadata, "metadata");
    }

    /** @return storage in memory, gone with the process */
    public static Storage inMemory() {
        return new Storage(new InMemoryBlobStore(), new InMemoryMetadataStore());
    }

    /**
     * @param dir the directory to keep blobs, uploads and repositories in
     * @return storage in a directory, kept across restarts ({@code blobs/}, {@code uploads/}, {@code repositories/})
     */
    public static Storage filesystem(Path dir) {
        return new Storage(new FileBlobStore(dir), new FileMetadataStore(dir));
    }

    /** Closes both stores. */
    @Override
    public void close() {
        try {
            blobs.close();
        } finally {
            metadata.close();
        }
    }
}
