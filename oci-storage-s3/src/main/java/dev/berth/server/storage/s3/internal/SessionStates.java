package dev.berth.server.storage.s3.internal;

import dev.berth.server.spi.StorageException;
import dev.berth.server.spi.UploadUnknownException;
import java.util.Arrays;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Reads and writes upload sessions' state objects. Every write is conditional (S3's {@code If-None-Match: *} to
 * create, {@code If-Match: <etag>} to change), so of two instances changing one session from the same state
 * exactly one succeeds: that is what serialises appends across instances.
 */
public final class SessionStates {
    private final S3Client s3;
    private final String bucket;
    private final ObjectKeys keys;
    private final Encryption encryption;

    /**
     * A state as read, with the ETag a change must match.
     *
     * @param state the state
     * @param etag  its object's ETag
     */
    public record Versioned(UploadState state, String etag) {
    }

    /** Another append, commit or cancel changed the session first. */
    public static final class ConcurrentChangeException extends RuntimeException {
        ConcurrentChangeException(String id, Throwable cause) {
            super("upload " + id + " was changed concurrently", cause);
        }
    }

    /**
     * @param s3         the client
     * @param bucket     the bucket
     * @param keys       the key layout
     * @param encryption the encryption asked for on writes
     */
    public SessionStates(S3Client s3, String bucket, ObjectKeys keys, Encryption encryption) {
        this.s3 = s3;
        this.bucket = bucket;
        this.keys = keys;
        this.encryption = encryption;
    }

    /**
     * @param id a session
     * @return its state
     * @throws UploadUnknownException if there is no such session
     */
    public Versioned read(String id) {
        if (!ObjectKeys.isUploadId(id)) {
            throw new UploadUnknownException(id); // never a key: ids are UUIDs this store made
        }
        String key = keys.state(id);
        ResponseBytes<GetObjectResponse> bytes;
        try {
            bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
        } catch (SdkException e) {
            if (S3Calls.isNotFound(e)) {
                throw new UploadUnknownException(id);
            }
            throw S3Calls.failure("GET", key, e);
        }
        try {
            return new Versioned(UploadStateCodec.decode(bytes.asByteArray()), bytes.response().eTag());
        } catch (IllegalArgumentException e) {
            throw new StorageException("upload " + id + " has a corrupt state object " + key + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param id    a new session
     * @param state its first state
     * @return the written state's ETag
     * @throws ConcurrentChangeException if the session exists already
     */
    public String create(String id, UploadState state) {
        return write(id, state, b -> b.ifNoneMatch("*"));
    }

    /**
     * @param id       a session
     * @param state    its new state
     * @param previous the ETag of the state it replaces
     * @return the written state's ETag
     * @throws ConcurrentChangeException if the state changed since it was read
     * @throws UploadUnknownException    if the session was deleted meanwhile
     */
    public String replace(String id, UploadState state, String previous) {
        return write(id, state, b -> b.ifMatch(previous));
    }

    private Optional<String> etagIfHolding(String key, byte[] json) {
        try {
            ResponseBytes<GetObjectResponse> now = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
            return Arrays.equals(now.asByteArray(), json) ? Optional.of(now.response().eTag()) : Optional.empty();
        } catch (SdkException e) {
            if (S3Calls.isNotFound(e)) {
                return Optional.empty();
            }
            throw S3Calls.failure("GET", key, e);
        }
    }

    private String write(String id, UploadState state, java.util.function.Consumer<PutObjectRequest.Builder> condition) {
        String key = keys.state(id);
        byte[] json = UploadStateCodec.encode(state);
        PutObjectRequest.Builder b = PutObjectRequest.builder().bucket(bucket).key(key)
                .contentType("application/json").contentLength((long) json.length);
        condition.accept(b);
        encryption.on(b);
        try {
            return s3.putObject(b.build(), RequestBody.fromBytes(json)).eTag();
        } catch (SdkException e) {
            if (S3Calls.isConflict(e)) {
                // The SDK retries a request whose answer it lost; if the first attempt was written, the retry's
                // condition fails on our own write. The state holding exactly our bytes means we won.
                Optional<String> ours = etagIfHolding(key, json);
                if (ours.isPresent()) {
                    return ours.get();
                }
                throw new ConcurrentChangeException(id, e);
            }
            if (S3Calls.isNotFound(e)) {
                throw new UploadUnknownException(id);
            }
            StorageException failure = S3Calls.failure("PUT", key, e);
            if (e instanceof software.amazon.awssdk.core.exception.SdkClientException) {
                // No answer read: the write may have landed, and the retries then failed on its condition while
                // sending (a server answers a failed If-Match before reading the body). The state tells.
                Optional<String> ours;
                try {
                    ours = etagIfHolding(key, json);
                } catch (StorageException unreadable) {
                    failure.addSuppressed(unreadable);
                    throw failure; // the PUT is what failed; the look afterwards could not tell more
                }
                if (ours.isPresent()) {
                    return ours.get();
                }
            }
            throw failure;
        }
    }
}
