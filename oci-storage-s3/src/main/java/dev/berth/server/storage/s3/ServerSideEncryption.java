package dev.berth.server.storage.s3;

import java.util.Objects;
import java.util.Optional;

/**
 * The server-side encryption the store asks S3 for on every object it writes (distribution's {@code encrypt}
 * and {@code keyid}). S3 encrypts and decrypts by itself: reads need no setting.
 */
public sealed interface ServerSideEncryption {

    /**
     * @return no encryption header: the bucket's default applies
     */
    static ServerSideEncryption bucketDefault() {
        return BucketDefault.INSTANCE;
    }

    /**
     * @return SSE-S3: keys managed by S3 ({@code x-amz-server-side-encryption: AES256})
     */
    static ServerSideEncryption s3Managed() {
        return S3Managed.INSTANCE;
    }

    /**
     * @param keyId the KMS key's id, ARN or alias; empty for the account's default {@code aws/s3} key
     * @return SSE-KMS ({@code x-amz-server-side-encryption: aws:kms}, with {@code ...-aws-kms-key-id} if given)
     */
    static ServerSideEncryption kms(Optional<String> keyId) {
        return new Kms(keyId);
    }

    /** No encryption header. */
    enum BucketDefault implements ServerSideEncryption {
        /** The one instance. */
        INSTANCE
    }

    /** SSE-S3. */
    enum S3Managed implements ServerSideEncryption {
        /** The one instance. */
        INSTANCE
    }

    /**
     * SSE-KMS.
     *
     * @param keyId the KMS key's id, ARN or alias; empty for the default key
     */
    record Kms(Optional<String> keyId) implements ServerSideEncryption {
        /**
         * Checks the key id.
         *
         * @param keyId the KMS key's id, ARN or alias; empty for the default key
         */
        public Kms {
            Objects.requireNonNull(keyId, "keyId");
            if (keyId.isPresent() && keyId.get().isBlank()) {
                throw new IllegalArgumentException("a KMS key id must not be blank; leave it empty for the default key");
            }
        }
    }
}
