package dev.berth.server.storage.s3;

import dev.berth.model.Digest;
import dev.berth.model.DigestMismatchException;
import dev.berth.server.spi.BlobInfo;
import dev.berth.server.spi.BlobStore;
import dev.berth.server.spi.StorageException;
import dev.berth.server.spi.UploadOffsetException;
import dev.berth.server.spi.UploadUnknownException;
import dev.berth.server.storage.s3.internal.Encryption;
import dev.berth.server.storage.s3.internal.KeyedLocks;
import dev.berth.server.storage.s3.internal.ObjectCopier;
import dev.berth.server.storage.s3.internal.ObjectKeys;
import dev.berth.server.storage.s3.internal.PartBuffer;
import dev.berth.server.storage.s3.internal.RangeStream;
import dev.berth.server.storage.s3.internal.S3Calls;
import dev.berth.server.storage.s3.internal.S3Clients;
import dev.berth.server.storage.s3.internal.SessionStates;
import dev.berth.server.storage.s3.internal.UploadState;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * A {@link BlobStore} on S3-compatible object storage. Everything lives in the bucket, so any number of registry
 * instances over one bucket and prefix are one blob store: an upload started on one instance can be appended to
 * on another and committed on a third.
 *
 * <h2>Layout</h2>
 * Each blob is one object, {@code PREFIX/blobs/<algorithm>/<first two hex digits>/<hex>}, written only after its
 * bytes were verified against its digest, so a blob is visible whole or not at all. Its size is the object's, its
 * {@link #storedAt} the object's {@code Last-Modified} (S3's granularity: seconds).
 *
 * <h2>Uploads</h2>
 * A session is {@code PREFIX/uploads/<id>/}: a small JSON {@code state} (its repository, the S3 multipart upload
 * and its parts, the running size), changed only by conditional writes ({@code If-Match} on its ETag), which is
 * how two instances appending to one session at once are told apart: one wins, the other gets an
 * {@link UploadOffsetException}. An append first takes a lease in the state (so a losing append never writes a
 * part), then sends every whole part (the part size, 8 MiB by default) as an S3 part and recording it, and keeps
 * what is left, shorter than S3's 5 MiB minimum part, as a staged object; the next append starts its first part
 * with those bytes. A client may therefore send chunks of any size. Bytes are durable once the append that
 * carried them returns; an append that fails part-way keeps the parts it recorded, and
 * {@link #uploadSize} says where to resume.
 *
 * <p>Committing makes the staged tail the last part, completes the multipart upload into
 * {@code uploads/<id>/assembled}, then reads that object back and hashes it: the digest is checked against the
 * bytes S3 assembled, not the bytes an instance believes it sent, and no hash state has to travel between
 * instances. Only a match is copied to the blob's key; the session's objects are deleted either way. An upload
 * shorter than one part never becomes a multipart upload: its staged bytes are hashed and written in one PUT.
 *
 * <p>The store needs an S3 that honours conditional writes ({@code If-Match} and {@code If-None-Match} on PUT):
 * AWS S3 since 2024, and most S3-compatible servers.
 */
public final class S3BlobStore implements BlobStore {
    private static final Logger LOG = LoggerFactory.getLogger(S3BlobStore.class);
    /** A lease not renewed for this long belongs to an append that died with its instance, and may be taken over. */
    private static final Duration LEASE_TIMEOUT = Duration.ofMinutes(5);

    private final S3BlobStoreOptions options;
    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final ObjectKeys keys;
    private final Encryption encryption;
    private final SessionStates states;
    private final ObjectCopier copier;
    private final KeyedLocks locks = new KeyedLocks();

    /**
     * Connects to the bucket and checks that it can be reached.
     *
     * @param options where the bucket is and how to write to it
     * @throws StorageException if the bucket does not exist or cannot be reached with these credentials
     */
    public S3BlobStore(S3BlobStoreOptions options) {
        this(options, b -> { });
    }

    S3BlobStore(S3BlobStoreOptions options, Consumer<S3ClientBuilder> customizer) {
        this.options = Objects.requireNonNull(options, "options");
        this.bucket = options.bucket();
        this.keys = new ObjectKeys(options.prefix());
        this.encryption = new Encryption(options.encryption());
        this.s3 = S3Clients.client(options, customizer);
        this.presigner = options.redirect().isPresent() ? S3Clients.presigner(options) : null;
        this.states = new SessionStates(s3, bucket, keys, encryption);
        this.copier = new ObjectCopier(s3, bucket, encryption, options.partSize());
        try {
            S3Calls.call("HeadBucket", bucket, () -> s3.headBucket(b -> b.bucket(bucket)));
        } catch (StorageException e) {
            close();
            throw new StorageException("bucket " + bucket + " cannot be used: " + e.getMessage(), e);
        }
    }

    /** @return the options the store was made with */
    public S3BlobStoreOptions options() {
        return options;
    }

    /**
     * A pre-signed URL a client can GET the blob from, for answering a pull with a redirect to the bucket
     * (distribution's {@code redirect}). It is valid for {@link S3BlobStoreOptions#redirect()}; the blob is not
     * checked to exist.
     *
     * @param digest the blob
     * @return the URL, or empty if the options give no redirect validity
     */
    @Override
    public Optional<URI> redirectFor(Digest digest) {
        if (presigner == null) {
            return Optional.empty();
        }
        String key = keys.blob(digest);
        try {
            return Optional.of(presigner.presignGetObject(p -> p.signatureDuration(options.redirect().orElseThrow())
                    .getObjectRequest(g -> g.bucket(bucket).key(key))).url().toURI());
        } catch (SdkException e) {
            throw S3Calls.failure("presign GET", key, e);
        } catch (URISyntaxException e) {
            throw new StorageException("the pre-signed URL for " + key + " is not a URI: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<BlobInfo> stat(Digest digest) {
        return head(keys.blob(digest)).map(h -> new BlobInfo(digest, h.contentLength()));
    }

    @Override
    public Optional<Instant> storedAt(Digest digest) {
        return head(keys.blob(digest)).map(HeadObjectResponse::lastModified);
    }

    private Optional<HeadObjectResponse> head(String key) {
        try {
            return Optional.of(s3.headObject(b -> b.bucket(bucket).key(key)));
        } catch (SdkException e) {
            if (S3Calls.isNotFound(e)) {
                return Optional.empty();
            }
            throw S3Calls.failure("HEAD", key, e);
        }
    }

    @Override
    public InputStream open(Digest digest, long offset, long length) {
        String key = keys.blob(digest);
        if (offset < 0 || length < -1) {
            throw new StorageException("range " + offset + "+" + length + " of blob " + digest + " is not a range");
        }
        if (length == 0 || offset > 0 && length < 0) {
            // Nothing to fetch, or a range S3 may refuse (416) where it ends at the blob's end: check the size first.
            long size = head(key).orElseThrow(() -> new StorageException("blob " + digest + " is not stored")).contentLength();
            checkRange(digest, offset, length, size);
            if (length == 0 || offset == size) {
                return new ByteArrayInputStream(new byte[0]);
            }
        }
        String range = offset == 0 && length < 0 ? null
                : "bytes=" + offset + "-" + (length < 0 ? "" : String.valueOf(offset + length - 1));
        ResponseInputStream<GetObjectResponse> in;
        try {
            in = s3.getObject(b -> b.bucket(bucket).key(key).range(range));
        } catch (SdkException e) {
            if (S3Calls.isNotFound(e)) {
                throw new StorageException("blob " + digest + " is not stored");
            }
            if (S3Calls.isRangeNotSatisfiable(e)) {
                throw new StorageException("range " + offset + "+" + length + " is outside blob " + digest);
            }
            throw S3Calls.failure("GET", key, e);
        }
        long size = RangeStream.totalSize(in.response());
        try {
            checkRange(digest, offset, length, size);
        } catch (StorageException e) {
            in.abort();
            throw e;
        }
        return new RangeStream(in);
    }

    private static void checkRange(Digest digest, long offset, long length, long size) {
        long end = length < 0 ? size : offset + length;
        if (offset > size || end > size) {
            throw new StorageException("range " + offset + "+" + length + " is outside blob " + digest + " of " + size + " bytes");
        }
    }

    @Override
    public boolean delete(Digest digest) {
        String key = keys.blob(digest);
        if (head(key).isEmpty()) {
            return false; // S3's DELETE answers the same whether the object was there or not
        }
        S3Calls.call("DELETE", key, () -> s3.deleteObject(b -> b.bucket(bucket).key(key)));
        return true;
    }

    @Override
    public void forEach(Consumer<BlobInfo> action) {
        String prefix = keys.blobs();
        S3Calls.call("LIST", prefix, () -> {
            for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
                keys.digestOf(o.key()).ifPresent(d -> action.accept(new BlobInfo(d, o.size())));
            }
            return null;
        });
    }

    @Override
    public String createUpload(String repository) {
        Objects.requireNonNull(repository, "repository");
        String id = UUID.randomUUID().toString();
        states.create(id, UploadState.started(repository, now()));
        return id;
    }

    @Override
    public String uploadRepository(String id) {
        return states.read(id).state().repository();
    }

    @Override
    public long uploadSize(String id) {
        return states.read(id).state().size();
    }

    @Override
    public long appendUpload(String id, long offset, InputStream data) {
        try (KeyedLocks.Held held = locks.lock(id)) {
            Lease lease = takeLease(id, offset);
            UploadState s = lease.state;
            List<String> replacedStaged = new ArrayList<>();
            try {
                PushbackInputStream in = new PushbackInputStream(data, 1);
                int first = in.read();
                if (first >= 0) {
                    in.unread(first);
                    PartBuffer buffer = new PartBuffer(options.partSize());
                    // The staged tail starts the next part; it is fetched only once there are new bytes to join it.
                    if (s.stagedKey().isPresent()) {
                        buffer.put(read(s.stagedKey().get(), s.stagedSize()));
                    }
                    Optional<String> oldStaged = s.stagedKey();
                    while (true) {
                        buffer.fillFrom(in);
                        if (!buffer.full()) {
                            break;
                        }
                        s = lease.renew(sendPart(id, s, buffer));
                        oldStaged.ifPresent(replacedStaged::add);
                        oldStaged = Optional.empty();
                        buffer.clear();
                    }
                    if (buffer.length() > 0) {
                        String staged = keys.staged(id, lease.attempt + "-" + s.size());
                        put(staged, buffer);
                        s = s.withStaged(Optional.of(staged), buffer.length(), now());
                        oldStaged.ifPresent(replacedStaged::add);
                    }
                }
                s = lease.release(s);
                replacedStaged.forEach(this::deleteQuietly);
                return s.size();
            } catch (IOException e) {
                lease.releaseQuietly();
                throw new StorageException("reading the chunk for upload " + id + " failed: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                lease.releaseQuietly();
                throw e;
            }
        }
    }

    private UploadState sendPart(String id, UploadState s, PartBuffer buffer) {
        String target = keys.assembled(id);
        String multipart = s.multipartId().orElseGet(() -> {
            CreateMultipartUploadRequest.Builder b = CreateMultipartUploadRequest.builder().bucket(bucket).key(target)
                    .contentType("application/octet-stream");
            encryption.on(b);
            return S3Calls.call("CreateMultipartUpload", target, () -> s3.createMultipartUpload(b.build())).uploadId();
        });
        int number = s.nextPartNumber();
        long length = buffer.length();
        String etag = S3Calls.call("UploadPart " + number, target, () -> s3.uploadPart(
                p -> p.bucket(bucket).key(target).uploadId(multipart).partNumber(number).contentLength(length),
                RequestBody.fromContentProvider(buffer::stream, length, "application/octet-stream"))).eTag();
        return s.withPart(multipart, new UploadState.Part(number, etag, length), now());
    }

    @Override
    public BlobInfo commitUpload(String id, Digest expected) {
        Objects.requireNonNull(expected, "expected");
        try (KeyedLocks.Held held = locks.lock(id)) {
            Lease lease;
            try {
                lease = takeLease(id, -1);
            } catch (UploadOffsetException e) {
                throw new StorageException("upload " + id + " is being appended to elsewhere; commit it once that append ends", e);
            }
            final UploadState s = lease.state;
            String blob = keys.blob(expected);
            try {
                Digest actual;
                if (s.parts().isEmpty()) {
                    long stagedSize = s.stagedSize();
                    byte[] bytes = s.stagedKey().map(k -> read(k, stagedSize)).orElse(new byte[0]);
                    actual = Digest.compute(expected.computableAlgorithm(), bytes);
                    if (actual.equals(expected)) {
                        PutObjectRequest.Builder b = PutObjectRequest.builder().bucket(bucket).key(blob)
                                .contentType("application/octet-stream").contentLength((long) bytes.length);
                        encryption.on(b);
                        S3Calls.call("PUT", blob, () -> s3.putObject(b.build(), RequestBody.fromBytes(bytes)));
                    }
                } else {
                    String assembled = assemble(id, s);
                    try (InputStream in = S3Calls.call("GET", assembled, () -> s3.getObject(b -> b.bucket(bucket).key(assembled)))) {
                        actual = Digest.compute(expected.computableAlgorithm(), in);
                    } catch (IOException e) {
                        throw new StorageException("reading " + assembled + " back to verify upload " + id + " failed: " + e.getMessage(), e);
                    }
                    if (actual.equals(expected)) {
                        copier.copy(assembled, blob, s.size());
                    }
                }
                discard(id, s);
                if (!actual.equals(expected)) {
                    throw new DigestMismatchException(expected, actual);
                }
                return new BlobInfo(expected, s.size());
            } catch (StorageException e) {
                lease.releaseQuietly();
                throw e;
            }
        }
    }

    /** Sends the staged tail as the last part and completes the multipart upload; returns the assembled key. */
    private String assemble(String id, UploadState s) {
        String assembled = keys.assembled(id);
        String multipart = s.multipartId().orElseThrow();
        List<CompletedPart> parts = new ArrayList<>();
        for (UploadState.Part p : s.parts()) {
            parts.add(CompletedPart.builder().partNumber(p.number()).eTag(p.etag()).build());
        }
        try {
            if (s.stagedKey().isPresent()) {
                byte[] tail = read(s.stagedKey().get(), s.stagedSize());
                int number = s.nextPartNumber();
                String etag = s3.uploadPart(p -> p.bucket(bucket).key(assembled).uploadId(multipart).partNumber(number)
                        .contentLength((long) tail.length), RequestBody.fromBytes(tail)).eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(assembled).uploadId(multipart)
                    .multipartUpload(m -> m.parts(parts)));
        } catch (SdkException e) {
            // A commit that completed the upload and then failed leaves the assembled object: a retry goes on from there.
            if (!S3Calls.isNotFound(e) || head(assembled).map(h -> h.contentLength() != s.size()).orElse(true)) {
                throw S3Calls.failure("CompleteMultipartUpload", assembled, e);
            }
        }
        return assembled;
    }

    @Override
    public void cancelUpload(String id) {
        if (!ObjectKeys.isUploadId(id)) {
            return;
        }
        try (KeyedLocks.Held held = locks.lock(id)) {
            UploadState s;
            try {
                s = states.read(id).state();
            } catch (UploadUnknownException e) {
                return;
            }
            discard(id, s);
        }
    }

    @Override
    public int expireUploads(Duration idle) {
        Instant cutoff = now().minus(idle);
        String prefix = keys.uploads();
        Map<String, List<S3Object>> byId = new HashMap<>();
        S3Calls.call("LIST", prefix, () -> {
            for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
                keys.uploadIdOf(o.key()).ifPresent(id -> byId.computeIfAbsent(id, k -> new ArrayList<>()).add(o));
            }
            return null;
        });
        int expired = 0;
        Set<String> live = new HashSet<>();
        for (Map.Entry<String, List<S3Object>> e : byId.entrySet()) {
            String id = e.getKey();
            if (!ObjectKeys.isUploadId(id)) {
                continue; // not ours
            }
            boolean hasState = e.getValue().stream().anyMatch(o -> o.key().equals(keys.state(id)));
            if (!hasState) {
                // A session whose state went first (a discard cut short): its leftovers go once they are old.
                e.getValue().stream().filter(o -> o.lastModified().isBefore(cutoff)).forEach(o -> deleteQuietly(o.key()));
                continue;
            }
            try (KeyedLocks.Held held = locks.lock(id)) {
                UploadState s = states.read(id).state();
                if (s.touched().isBefore(cutoff)) {
                    discard(id, s);
                    expired++;
                } else {
                    live.add(id);
                }
            } catch (UploadUnknownException gone) {
                // committed or cancelled meanwhile
            }
        }
        abortOrphanedMultipartUploads(prefix, live, cutoff);
        return expired;
    }

    /** Multipart uploads no live session names (their state was lost before it recorded them) keep storage too. */
    private void abortOrphanedMultipartUploads(String prefix, Set<String> live, Instant cutoff) {
        S3Calls.call("ListMultipartUploads", prefix, () -> {
            for (MultipartUpload u : s3.listMultipartUploadsPaginator(b -> b.bucket(bucket).prefix(prefix)).uploads()) {
                Optional<String> id = keys.uploadIdOf(u.key());
                if (id.isPresent() && ObjectKeys.isUploadId(id.get()) && !live.contains(id.get())
                        && u.initiated() != null && u.initiated().isBefore(cutoff)) {
                    abortQuietly(u.key(), u.uploadId());
                }
            }
            return null;
        });
    }

    /** Removes every object of a session, the state last, so a session is never left without its state but with parts. */
    private void discard(String id, UploadState s) {
        s.multipartId().ifPresent(m -> abortQuietly(keys.assembled(id), m));
        String prefix = keys.upload(id);
        List<String> others = new ArrayList<>();
        S3Calls.call("LIST", prefix, () -> {
            for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
                if (!o.key().equals(keys.state(id))) {
                    others.add(o.key());
                }
            }
            return null;
        });
        others.forEach(k -> S3Calls.call("DELETE", k, () -> s3.deleteObject(b -> b.bucket(bucket).key(k))));
        String state = keys.state(id);
        S3Calls.call("DELETE", state, () -> s3.deleteObject(b -> b.bucket(bucket).key(state)));
    }

    private void abortQuietly(String key, String multipart) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(multipart));
        } catch (SdkException e) {
            if (!S3Calls.isNotFound(e)) {
                LOG.warn("aborting multipart upload {} of {} failed; expireUploads tries again: {}", multipart, key, e.getMessage());
            }
        }
    }

    private void deleteQuietly(String key) {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
        } catch (SdkException e) {
            LOG.warn("deleting {} failed; expireUploads removes it with its session: {}", key, e.getMessage());
        }
    }

    private byte[] read(String key, long expectedSize) {
        byte[] bytes = S3Calls.call("GET", key, () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key(key))).asByteArray();
        if (bytes.length != expectedSize) {
            throw new StorageException("staged object " + key + " holds " + bytes.length + " bytes, its session says " + expectedSize);
        }
        return bytes;
    }

    private void put(String key, PartBuffer buffer) {
        long length = buffer.length();
        PutObjectRequest.Builder b = PutObjectRequest.builder().bucket(bucket).key(key)
                .contentType("application/octet-stream").contentLength(length);
        encryption.on(b);
        S3Calls.call("PUT", key, () -> s3.putObject(b.build(),
                RequestBody.fromContentProvider(buffer::stream, length, "application/octet-stream")));
    }

    private Instant now() {
        return options.clock().instant();
    }

    /**
     * Takes the session for one append ({@code offset} its start) or a commit ({@code offset} -1).
     *
     * @throws UploadOffsetException if the session stands elsewhere, or another append or commit holds it
     */
    private Lease takeLease(String id, long offset) {
        SessionStates.Versioned v = states.read(id);
        UploadState s = v.state();
        if (offset >= 0 && offset != s.size()) {
            throw new UploadOffsetException(id, s.size(), offset);
        }
        Instant now = now();
        if (s.lease().isPresent() && s.lease().get().since().isAfter(now.minus(LEASE_TIMEOUT))) {
            throw new UploadOffsetException(id, s.size(), offset < 0 ? s.size() : offset);
        }
        String attempt = UUID.randomUUID().toString();
        UploadState held = s.withLease(Optional.of(new UploadState.Lease(attempt, now)), now);
        try {
            return new Lease(id, attempt, held, states.replace(id, held, v.etag()));
        } catch (SessionStates.ConcurrentChangeException e) {
            long size = states.read(id).state().size();
            throw new UploadOffsetException(id, size, offset < 0 ? size : offset);
        }
    }

    /** An append's or commit's hold on a session: every state it writes is conditional on the one it wrote before. */
    private final class Lease {
        final String id;
        final String attempt;
        UploadState state;
        String etag;

        Lease(String id, String attempt, UploadState state, String etag) {
            this.id = id;
            this.attempt = attempt;
            this.state = state;
            this.etag = etag;
        }

        /** Records progress and renews the lease. */
        UploadState renew(UploadState next) {
            Instant now = now();
            write(next.withLease(Optional.of(new UploadState.Lease(attempt, now)), now));
            return state;
        }

        UploadState release(UploadState last) {
            write(last.withLease(Optional.empty(), now()));
            return state;
        }

        void releaseQuietly() {
            try {
                release(state);
            } catch (RuntimeException e) {
                LOG.warn("releasing upload {} failed; its lease lapses after {}: {}", id, LEASE_TIMEOUT, e.getMessage());
            }
        }

        private void write(UploadState next) {
            try {
                etag = states.replace(id, next, etag);
                state = next;
            } catch (SessionStates.ConcurrentChangeException e) {
                throw new StorageException("upload " + id + " was taken over by another instance while this one appended"
                        + " (its lease had lapsed); resume from uploadSize", e);
            }
        }
    }

    @Override
    public void close() {
        s3.close();
        if (presigner != null) {
            presigner.close();
        }
    }
}
