package dev.berth.server.storage.memory;

import dev.berth.model.Digest;
import dev.berth.model.DigestMismatchException;
import dev.berth.server.spi.BlobInfo;
import dev.berth.server.spi.BlobStore;
import dev.berth.server.spi.StorageException;
import dev.berth.server.spi.UploadOffsetException;
import dev.berth.server.spi.UploadUnknownException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** A {@link BlobStore} in memory: fast, and gone when the process ends. For tests and short-lived registries. */
public final class InMemoryBlobStore implements BlobStore {
    private final Map<Digest, byte[]> blobs = new ConcurrentHashMap<>();
    private final Map<String, Session> uploads = new ConcurrentHashMap<>();
    private final Map<Digest, Instant> storedAt = new ConcurrentHashMap<>();
    private final Clock clock;

    /** A store on the system clock. */
    public InMemoryBlobStore() {
        this(Clock.systemUTC());
    }

    /** @param clock the clock upload expiry is measured on */
    public InMemoryBlobStore(Clock clock) {
        this.clock = clock;
    }

    private static final class Session {
        final ByteArrayOutputStream data = new ByteArrayOutputStream();
        final MessageDigest sha256 = dev.berth.model.DigestAlgorithm.SHA256.newMessageDigest();
        final String repository;
        volatile Instant touched;

        Session(String repository, Instant now) {
            this.repository = repository;
            this.touched = now;
        }
    }

    @Override
    public Optional<BlobInfo> stat(Digest digest) {
        byte[] b = blobs.get(digest);
        return b == null ? Optional.empty() : Optional.of(new BlobInfo(digest, b.length));
    }

    @Override
    public Optional<Instant> storedAt(Digest digest) {
        return blobs.containsKey(digest) ? Optional.ofNullable(storedAt.get(digest)) : Optional.empty();
    }

    @Override
    public InputStream open(Digest digest, long offset, long length) {
        byte[] b = blobs.get(digest);
        if (b == null) {
            throw new StorageException("blob " + digest + " is not stored");
        }
        long end = length < 0 ? b.length : offset + length;
        if (offset < 0 || offset > b.length || end > b.length) {
            throw new StorageException("range " + offset + "+" + length + " is outside blob " + digest + " of " + b.length + " bytes");
        }
        return new ByteArrayInputStream(b, (int) offset, (int) (end - offset));
    }

    @Override
    public boolean delete(Digest digest) {
        boolean removed = blobs.remove(digest) != null;
        storedAt.remove(digest);
        return removed;
    }

    @Override
    public void forEach(Consumer<BlobInfo> action) {
        blobs.forEach((d, b) -> action.accept(new BlobInfo(d, b.length)));
    }

    @Override
    public String createUpload(String repository) {
        String id = UUID.randomUUID().toString();
        uploads.put(id, new Session(java.util.Objects.requireNonNull(repository, "repository"), clock.instant()));
        return id;
    }

    @Override
    public String uploadRepository(String id) {
        return session(id).repository;
    }

    @Override
    public long appendUpload(String id, long offset, InputStream data) {
        Session s = session(id);
        synchronized (s) {
            if (offset != s.data.size()) {
                throw new UploadOffsetException(id, s.data.size(), offset);
            }
            byte[] buffer = new byte[64 * 1024];
            try {
                for (int n; (n = data.read(buffer)) >= 0; ) {
                    s.data.write(buffer, 0, n);
                    s.sha256.update(buffer, 0, n);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("reading the chunk failed", e);
            }
            s.touched = clock.instant();
            return s.data.size();
        }
    }

    @Override
    public long uploadSize(String id) {
        Session s = session(id);
        synchronized (s) {
            return s.data.size();
        }
    }

    @Override
    public BlobInfo commitUpload(String id, Digest expected) {
        Session s = session(id);
        synchronized (s) {
            uploads.remove(id);
            byte[] bytes = s.data.toByteArray();
            Digest actual = expected.algorithm().equals("sha256")
                    ? Digest.parse("sha256:" + java.util.HexFormat.of().formatHex(s.sha256.digest()))
                    : Digest.compute(expected.computableAlgorithm(), bytes);
            if (!actual.equals(expected)) {
                throw new DigestMismatchException(expected, actual);
            }
            storedAt.put(expected, clock.instant()); // first: the blob is never visible without its time
            blobs.putIfAbsent(expected, bytes);
            return new BlobInfo(expected, bytes.length);
        }
    }

    @Override
    public void cancelUpload(String id) {
        uploads.remove(id);
    }

    @Override
    public int expireUploads(Duration idle) {
        Instant cutoff = clock.instant().minus(idle);
        int[] removed = {0};
        uploads.entrySet().removeIf(e -> {
            boolean old = e.getValue().touched.isBefore(cutoff);
            if (old) {
                removed[0]++;
            }
            return old;
        });
        return removed[0];
    }

    private Session session(String id) {
        Session s = uploads.get(id);
        if (s == null) {
            throw new UploadUnknownException(id);
        }
        return s;
    }

    @Override
    public void close() {
        // nothing to release
    }
}
