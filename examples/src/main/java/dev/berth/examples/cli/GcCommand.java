package dev.berth.examples.cli;

import dev.berth.server.GarbageCollector;
import dev.berth.server.Storage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** {@code berth gc}: mark and sweep over a stopped registry's filesystem storage. */
final class GcCommand implements Command {
    @Override
    public String name() {
        return "gc";
    }

    @Override
    public String synopsis() {
        return "gc STORAGE_DIR [--dry-run] [--delete-untagged]";
    }

    @Override
    public String summary() {
        return "garbage-collect a filesystem store of a registry that is not running: unreferenced blobs, and with"
                + " --delete-untagged manifests no tag reaches";
    }

    @Override
    public Set<String> flagOptions() {
        return Set.of("dry-run", "delete-untagged");
    }

    @Override
    public void run(CommandLine line, Output output) {
        Path dir = Path.of(line.requirePositionals(1, "STORAGE_DIR").get(0));
        if (!Files.isDirectory(dir.resolve("blobs")) || !Files.isDirectory(dir.resolve("repositories"))) {
            throw new UsageException(dir + " is not a registry storage directory (no blobs/ and repositories/)");
        }
        try (Storage storage = Storage.filesystem(dir)) {
            GarbageCollector.Report r = new GarbageCollector(storage).collect(line.flag("dry-run"), line.flag("delete-untagged"));
            output.section("gc", line.flag("dry-run") ? "Garbage collection (dry run: nothing removed)" : "Garbage collection");
            output.item("manifests", "untagged manifests", r.manifestsDeleted());
            output.item("blobs", "unreferenced blobs", r.blobsDeleted());
            output.item("bytes", "bytes", r.bytesFreed());
        }
    }
}
