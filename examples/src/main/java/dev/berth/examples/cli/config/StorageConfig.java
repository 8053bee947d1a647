package dev.berth.examples.cli.config;

import dev.berth.server.storage.s3.S3BlobStoreOptions;
import java.nio.file.Path;

/** Where the registry keeps its content: {@code storage.filesystem}, {@code storage.inmemory} or {@code storage.s3}. */
public sealed interface StorageConfig {
    /** @param rootDirectory {@code storage.filesystem.rootdirectory} (distribution's default {@code /var/lib/registry}) */
    record Filesystem(Path rootDirectory) implements StorageConfig {
    }

    /** {@code storage.inmemory}: lost when the registry stops. */
    record InMemory() implements StorageConfig {
    }

    /**
     * {@code storage.s3} or {@code --storage s3://...}: the blobs in a bucket; the metadata goes to {@code --metadata}.
     *
     * @param options the bucket and how to reach it
     * @param spec    how it is shown, {@code s3://BUCKET/PREFIX}
     */
    record S3(S3BlobStoreOptions options, String spec) implements StorageConfig {
    }
}
