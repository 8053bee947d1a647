package dev.berth.server.storage.fs;

import dev.berth.model.Digest;
import dev.berth.server.internal.http.FileRegion;
import dev.berth.model.DigestAlgorithm;
import dev.berth.model.DigestMismatchException;
import dev.berth.server.spi.BlobInfo;
import dev.berth.server.spi.BlobStore;
import dev.berth.server.spi.StorageException;
import dev.berth.server.spi.UploadOffsetException;
import dev.berth.server.spi.UploadUnknownException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A {@link BlobStore} on a local directory: {@code blobs/<algorithm>/<hex>}
 * holds each blob once, {@code uploads/<id>/} each session (its {@code data}
 * and the {@code repository} it belongs to). Committing hashes a session's
 * bytes (incrementally while the process lives, from the file after a
 * restart), syncs them to disk, then renames the file into place: a blob
 * appears whole or not at all, and once its commit returned it survives a
 * crash. A session is not synced as it grows, as distribution does not sync
 * it: one a crash cuts short is unknown or shorter afterwards, which the
 * client learns from its next request and resumes or starts again, and its
 * digest is checked at commit whatever happened to it. That saves a push
 * four fsyncs a blob.
 */
public final class FileBlobStore implements BlobStore {
    private static final Pattern UPLOAD_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final Path blobs;
    private final Path uploads;
    private final Clock clock;
    // Hash state of sessions appended in this process, so a commit needs no second read.
    private final Map<String, Hashing> hashing = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    // The repository of each session started in this process: asked on every request of the session.
    private final Map<String, String> repositories = new ConcurrentHashMap<>();

    private static final class Hashing {
        final MessageDigest sha256 = DigestAlgorithm.SHA256.newMessageDigest();
        long hashed;
    }

    /**
     * @param root the store's directory; created if missing
     */
    public FileBlobStore(Path root) {
        this(root, Clock.systemUTC());
    }

    /**
     * @param root  the store's directory; created if missing
     * @param clock the clock upload expiry is measured on
     */
    public FileBlobStore(Path root, Clock clock) {
        this.blobs = root.resolve("blobs");
        this.uploads = root.resolve("uploads");
        this.clock = clock;
        try {
            Files.createDirectories(blobs);
            Files.createDirectories(uploads);
        } catch (IOException e) {
            throw new StorageException("cannot create the blob store in " + root + ": " + e.getMessage(), e);
        }
    }

    private Path path(Digest digest) {
        return blobs.resolve(digest.algorithm()).resolve(digest.encoded());
    }

    @Override
    public Optional<BlobInfo> stat(Digest digest) {
        try {
            return Optional.of(new BlobInfo(digest, Files.size(path(digest))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StorageException("cannot stat " + digest + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<java.time.Instant> storedAt(Digest digest) {
        try {
            return Optional.of(Files.getLastModifiedTime(path(digest)).toInstant());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StorageException("cannot stat " + digest + ": " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream open(Digest digest, long offset, long length) {
        try {
            FileChannel ch = FileChannel.open(path(digest), StandardOpenOption.READ);
            long size = ch.size();
            long end = length < 0 ? size : offset + length;
            if (offset < 0 || offset > size || end > size) {
                ch.close();
                throw new StorageException("range " + offset + "+" + length + " is outside blob " + digest + " of " + size + " bytes");
            }
            // A file region: Berth's own server sends it to a plain socket with sendfile.
            return new FileRegion(ch, offset, end - offset);
        } catch (NoSuchFileException e) {
            throw new StorageException("blob " + digest + " is not stored");
        } catch (IOException e) {
            throw new StorageException("cannot read " + digest + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean delete(Digest digest) {
        try {
            return Files.deleteIfExists(path(digest));
        } catch (IOException e) {
            throw new StorageException("cannot delete " + digest + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void forEach(Consumer<BlobInfo> action) {
        try (Stream<Path> algorithms = Files.list(blobs)) {
            for (Path alg : algorithms.toList()) {
                try (Stream<Path> files = Files.list(alg)) {
                    for (Path f : files.toList()) {
                        Digest.tryParse(alg.getFileName() + ":" + f.getFileName()).ifPresent(d ->
                                stat(d).ifPresent(action));
                    }
                }
            }
        } catch (IOException e) {
            throw new StorageException("cannot list blobs: " + e.getMessage(), e);
        }
    }

    @Override
    public String createUpload(String repository) {
        java.util.Objects.requireNonNull(repository, "repository");
        String id = UUID.randomUUID().toString();
        try {
            Path dir = Files.createDirectories(uploads.resolve(id));
            // Written before the data file: a session with data always knows its repository.
            Files.write(dir.resolve("repository"), repository.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Files.createFile(dir.resolve("data"));
        } catch (IOException e) {
            throw new StorageException("cannot create an upload session: " + e.getMessage(), e);
        }
        repositories.put(id, repository);
        hashing.put(id, new Hashing());
        return id;
    }

    @Override
    public String uploadRepository(String id) {
        Path data = data(id);
        String known = repositories.get(id);
        if (known != null) {
            return known;
        }
        byte[] repository = Files2.readIfExists(data.resolveSibling("repository"));
        if (repository == null) {
            throw new UploadUnknownException(id); // a session from before sessions had owners: the client starts again
        }
        return new String(repository, java.nio.charset.StandardCharsets.UTF_8);
    }

    private Path data(String id) {
        if (!UPLOAD_ID.matcher(id).matches()) {
            throw new UploadUnknownException(id); // never a path: ids are UUIDs we made
        }
        Path data = uploads.resolve(id).resolve("data");
        if (!Files.exists(data)) {
            throw new UploadUnknownException(id);
        }
        return data;
    }

    private Object lock(String id) {
        return locks.computeIfAbsent(id, k -> new Object());
    }

    @Override
    public long appendUpload(String id, long offset, InputStream chunk) {
        synchronized (lock(id)) {
            Path data = data(id);
            try (FileChannel ch = FileChannel.open(data, StandardOpenOption.WRITE)) {
                long size = ch.size();
                if (offset != size) {
                    throw new UploadOffsetException(id, size, offset);
                }
                ch.position(size);
                Hashing h = hashing.get(id);
                if (h != null && h.hashed != size) {
                    hashing.remove(id);
                    h = null;
                }
                byte[] buffer = new byte[256 * 1024];
                long written = 0;
                // Fill the buffer before each write: HTTP servers hand request bodies over 8 KiB at a time,
                // and a write per 8 KiB costs a GiB push 130,000 system calls.
                for (int n; (n = chunk.readNBytes(buffer, 0, buffer.length)) > 0; ) {
                    ByteBuffer bb = ByteBuffer.wrap(buffer, 0, n);
                    while (bb.hasRemaining()) {
                        ch.write(bb);
                    }
                    if (h != null) {
                        h.sha256.update(buffer, 0, n);
                    }
                    written += n;
                }
                if (h != null) {
                    h.hashed = size + written;
                }
                Files.setLastModifiedTime(data, FileTime.from(clock.instant()));
                return size + written;
            } catch (IOException e) {
                hashing.remove(id); // the file may hold part of the chunk: hash from the file at commit
                throw new StorageException("appending to upload " + id + " failed: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public long uploadSize(String id) {
        try {
            return Files.size(data(id));
        } catch (IOException e) {
            throw new StorageException("cannot read upload " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public BlobInfo commitUpload(String id, Digest expected) {
        synchronized (lock(id)) {
            Path data = data(id);
            try {
                long size = Files.size(data);
                Hashing h = hashing.remove(id);
                Digest actual;
                if (h != null && h.hashed == size && expected.algorithm().equals("sha256")) {
                    actual = Digest.parse("sha256:" + HexFormat.of().formatHex(h.sha256.digest()));
                } else {
                    try (InputStream in = Files.newInputStream(data)) {
                        actual = Digest.compute(expected.computableAlgorithm(), in);
                    }
                }
                if (!actual.equals(expected)) {
                    cancelUpload(id);
                    throw new DigestMismatchException(expected, actual);
                }
                Path target = path(expected);
                // The modification time is when the blob was last stored: garbage collection's grace starts there.
                Files.setLastModifiedTime(data, FileTime.from(clock.instant()));
                if (Files.exists(target) || !moveDurably(data, target)) {
                    Files.deleteIfExists(data); // already stored: one copy is enough, made young again
                    Files.setLastModifiedTime(target, FileTime.from(clock.instant()));
                }
                Files2.deleteTree(uploads.resolve(id));
                forget(id);
                return new BlobInfo(expected, size);
            } catch (IOException e) {
                throw new StorageException("committing upload " + id + " failed: " + e.getMessage(), e);
            }
        }
    }

    // The session's bytes reach the disk before its name does: a blob that exists after a crash is whole.
    private static boolean moveDurably(Path data, Path target) throws IOException {
        try (FileChannel ch = FileChannel.open(data, StandardOpenOption.WRITE)) {
            ch.force(false);
        }
        return Files2.moveAtomically(data, target, false);
    }

    private void forget(String id) {
        hashing.remove(id);
        repositories.remove(id);
        locks.remove(id);
    }

    @Override
    public void cancelUpload(String id) {
        if (UPLOAD_ID.matcher(id).matches()) {
            Files2.deleteTree(uploads.resolve(id));
            forget(id);
        }
    }

    @Override
    public int expireUploads(Duration idle) {
        FileTime cutoff = FileTime.from(clock.instant().minus(idle));
        int removed = 0;
        try (Stream<Path> sessions = Files.list(uploads)) {
            for (Path s : sessions.toList()) {
                String id = s.getFileName().toString();
                Path data = s.resolve("data");
                if (!UPLOAD_ID.matcher(id).matches() || !Files.exists(data)
                        || Files.getLastModifiedTime(data).compareTo(cutoff) < 0) {
                    Files2.deleteTree(s); // the partial data goes with the session's folder
                    forget(id);
                    removed++;
                }
            }
        } catch (IOException e) {
            throw new StorageException("cannot expire uploads: " + e.getMessage(), e);
        }
        return removed;
    }

    @Override
    public void close() {
        hashing.clear();
    }
}
