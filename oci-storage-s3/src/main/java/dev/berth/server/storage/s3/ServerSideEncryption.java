package dev.berth.server.storage.s3;

import dev.berth.model.InvalidArgumentException;
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
     * @return SSE-KMS with the account's default {@code aws/s3} key ({@code x-amz-server-side-encryption: aws:kms})
     */
    static ServerSideEncryption kms() {
        return new Kms(null);
    }

    /**
     * @param keyId the KMS key's id, ARN or alias
     * @return SSE-KMS with that key ({@code x-amz-server-side-encryption: aws:kms} and {@code ...-aws-kms-key-id})
     * @throws InvalidArgumentException if {@code keyId} is null or blank
     */
    static ServerSideEncryption kms(String keyId) {
        return new Kms(InvalidArgumentException.requireNonBlank(keyId, "keyId"));
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

    /** SSE-KMS, with a key of the account's or S3's default one. */
    final class Kms implements ServerSideEncryption {
        private final String keyId; // null: the default key

        private Kms(String keyId) {
            this.keyId = keyId;
        }

        /** @return the KMS key's id, ARN or alias; empty for the default key */
        public Optional<String> keyId() {
            return Optional.ofNullable(keyId);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Kms k && Objects.equals(keyId, k.keyId);
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(keyId);
        }

        @Override
        public String toString() {
            return "Kms[keyId=" + (keyId == null ? "default" : keyId) + "]";
        }
    }
}
