package dev.berth.server.storage.s3.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything about an upload session, kept in the bucket so that any instance can continue it: the repository,
 * the multipart upload (created with the first full part) and its parts, the staged tail shorter than a part,
 * and the append or commit holding the session, if one does.
 *
 * @param repository  the repository the session was started in
 * @param touched     when the session was last created or appended to (for expiry)
 * @param size        the bytes appended so far: the parts' sizes plus the staged tail's
 * @param multipartId the S3 multipart upload's id, once a part was uploaded
 * @param parts       the uploaded parts, in order
 * @param stagedKey   the object holding the bytes after the last part, if any
 * @param stagedSize  how many bytes it holds
 * @param lease       the append or commit in progress, if one is
 */
public record UploadState(String repository, Instant touched, long size, Optional<String> multipartId,
                          List<Part> parts, Optional<String> stagedKey, long stagedSize, Optional<Lease> lease) {

    /**
     * One uploaded part.
     *
     * @param number its part number (from 1)
     * @param etag   the ETag S3 gave it, which completing the upload repeats
     * @param size   its size
     */
    public record Part(int number, String etag, long size) {
    }

    /**
     * An append or commit holding the session: other appends are refused meanwhile, so two never write the
     * same part number.
     *
     * @param attempt the holder's id
     * @param since   when it took or last renewed the lease
     */
    public record Lease(String attempt, Instant since) {
    }

    /**
     * Copies the list and checks the parts.
     *
     * @param repository  the repository
     * @param touched     the last change
     * @param size        the bytes so far
     * @param multipartId the multipart upload's id
     * @param parts       the parts
     * @param stagedKey   the staged tail's key
     * @param stagedSize  the staged tail's size
     * @param lease       the holder
     */
    public UploadState {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(touched, "touched");
        parts = List.copyOf(parts);
        long sum = stagedSize;
        for (Part p : parts) {
            sum += p.size();
        }
        if (sum != size || stagedKey.isEmpty() != (stagedSize == 0) || parts.isEmpty() != multipartId.isEmpty()) {
            throw new IllegalArgumentException("inconsistent upload state: size " + size + ", parts " + parts
                    + ", staged " + stagedKey + " of " + stagedSize + ", multipart upload " + multipartId);
        }
    }

    /**
     * @param repository the repository
     * @param now        the time
     * @return a new, empty session's state
     */
    public static UploadState started(String repository, Instant now) {
        return new UploadState(repository, now, 0, Optional.empty(), List.of(), Optional.empty(), 0, Optional.empty());
    }

    /**
     * @param lease the new holder, or empty to release
     * @param now   the time
     * @return this state with the lease changed
     */
    public UploadState withLease(Optional<Lease> lease, Instant now) {
        return new UploadState(repository, now, size, multipartId, parts, stagedKey, stagedSize, lease);
    }

    /**
     * @param multipart the multipart upload's id
     * @param part      a part just uploaded, which took up the staged tail
     * @param now       the time
     * @return this state with the part added and no staged tail
     */
    public UploadState withPart(String multipart, Part part, Instant now) {
        List<Part> more = new ArrayList<>(parts);
        more.add(part);
        return new UploadState(repository, now, size - stagedSize + part.size(), Optional.of(multipart), more,
                Optional.empty(), 0, lease);
    }

    /**
     * @param key   the new staged tail's key, or empty for none
     * @param bytes its size
     * @param now   the time
     * @return this state with the staged tail replaced
     */
    public UploadState withStaged(Optional<String> key, long bytes, Instant now) {
        return new UploadState(repository, now, size - stagedSize + bytes, multipartId, parts, key, bytes, lease);
    }

    /** @return the next part's number */
    public int nextPartNumber() {
        return parts.size() + 1;
    }
}
