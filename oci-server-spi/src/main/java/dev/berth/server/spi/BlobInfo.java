package dev.berth.server.spi;

import dev.berth.model.Digest;
import java.util.Objects;

/**
 * A stored blob.
 *
 * @param digest its digest
 * @param size   its size in bytes
 */
public record BlobInfo(Digest digest, long size) {
    /**
     * Checks the parts.
     *
     * @param digest its digest
     * @param size its size in bytes
     */
    public BlobInfo {
        Objects.requireNonNull(digest, "digest");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
    }
}
