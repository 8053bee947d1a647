package dev.berth.server.storage.fs;

import dev.berth.server.spi.StorageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The few file operations the stores build crash safety on: write to a
 * temporary file, fsync it, rename it into place, fsync the directory. A
 * reader sees the old file or the whole new one, never a part.
 */
final class Files2 {
    private Files2() {
    }

    /** Writes {@code bytes} to {@code target} atomically and durably, replacing what was there. */
    static void writeAtomically(Path target, byte[] bytes) {
        try {
            ensureDirectory(target.getParent());
            Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp-" + UUID.randomUUID());
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap(bytes));
                ch.force(true);
            }
            moveAtomically(tmp, target, true);
        } catch (IOException e) {
            throw new StorageException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Creates an empty file durably, if it is not there: its name is all it says, so there is nothing to write
     * first and rename, only the directory to sync.
     */
    static void createEmpty(Path file) {
        try {
            ensureDirectory(file.getParent());
            Files.newByteChannel(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE).close();
            fsyncDirectory(file.getParent());
        } catch (IOException e) {
            throw new StorageException("cannot create " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Renames {@code from} to {@code to} in one step and makes the rename durable.
     *
     * @param replace whether to replace an existing target
     * @return false if {@code to} existed and {@code replace} was false
     */
    static boolean moveAtomically(Path from, Path to, boolean replace) throws IOException {
        ensureDirectory(to.getParent());
        try {
            if (replace) {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                if (Files.exists(to)) {
                    return false;
                }
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (AtomicMoveNotSupportedException e) {
            throw new StorageException("the store's directory does not support atomic renames: " + to.getParent(), e);
        }
        fsyncDirectory(to.getParent());
        return true;
    }

    // Files.createDirectories on a folder that exists costs a failed mkdir and an exception with its stack
    // trace; a push meets a dozen such folders.
    private static void ensureDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
        }
    }

    /** Makes a directory's entries (new names, renames) durable. */
    static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some filesystems refuse to fsync a directory; the rename is then as durable as they make it.
            if (!(e.getMessage() != null && e.getMessage().contains("Is a directory"))) {
                throw e;
            }
        }
    }

    /** @return the file's bytes, or null if it does not exist */
    static byte[] readIfExists(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new StorageException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Deletes a directory tree; first renamed aside so nobody sees it half deleted. */
    static void deleteTree(Path dir) {
        try {
            if (!Files.exists(dir)) {
                return;
            }
            Path aside = dir.resolveSibling(".deleting-" + UUID.randomUUID());
            Files.move(dir, aside, StandardCopyOption.ATOMIC_MOVE);
            try (Stream<Path> paths = Files.walk(aside)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
