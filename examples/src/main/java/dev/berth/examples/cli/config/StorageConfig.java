package dev.berth.examples.cli.config;

import java.nio.file.Path;

/** Where the registry keeps its content: {@code storage.filesystem} or {@code storage.inmemory}. */
public sealed interface StorageConfig {
    /** @param rootDirectory {@code storage.filesystem.rootdirectory} (distribution's default {@code /var/lib/registry}) */
    record Filesystem(Path rootDirectory) implements StorageConfig {
    }

    /** {@code storage.inmemory}: lost when the registry stops. */
    record InMemory() implements StorageConfig {
    }
}
