package dev.berth.server.storage.s3;

import java.util.Objects;
import java.util.Optional;

/** Where the store's S3 credentials come from: the AWS default chain, or keys given here. */
public sealed interface S3Credentials {

    /**
     * The AWS SDK's default chain: the {@code aws.accessKeyId} / {@code aws.secretAccessKey} system properties,
     * the {@code AWS_ACCESS_KEY_ID} / {@code AWS_SECRET_ACCESS_KEY} (and {@code AWS_SESSION_TOKEN}) environment
     * variables, web identity tokens, the shared {@code ~/.aws} profiles, container and instance credentials.
     *
     * @return the default chain
     */
    static S3Credentials defaultChain() {
        return DefaultChain.INSTANCE;
    }

    /**
     * @param accessKeyId     the access key id
     * @param secretAccessKey the secret access key
     * @return fixed credentials without a session token
     */
    static S3Credentials of(String accessKeyId, String secretAccessKey) {
        return new Static(accessKeyId, secretAccessKey, Optional.empty());
    }

    /** The AWS SDK's default credential chain. */
    enum DefaultChain implements S3Credentials {
        /** The one instance. */
        INSTANCE
    }

    /**
     * Fixed credentials. {@link #toString()} names the access key id only, never the secret.
     *
     * @param accessKeyId     the access key id
     * @param secretAccessKey the secret access key
     * @param sessionToken    a session token, for temporary credentials
     */
    record Static(String accessKeyId, String secretAccessKey, Optional<String> sessionToken) implements S3Credentials {
        /**
         * Checks the parts.
         *
         * @param accessKeyId     the access key id
         * @param secretAccessKey the secret access key
         * @param sessionToken    a session token, for temporary credentials
         */
        public Static {
            if (Objects.requireNonNull(accessKeyId, "accessKeyId").isBlank()) {
                throw new IllegalArgumentException("accessKeyId must not be blank");
            }
            if (Objects.requireNonNull(secretAccessKey, "secretAccessKey").isEmpty()) {
                throw new IllegalArgumentException("secretAccessKey must not be empty");
            }
            Objects.requireNonNull(sessionToken, "sessionToken");
        }

        @Override
        public String toString() {
            return "Static[accessKeyId=" + accessKeyId + ", secretAccessKey=***"
                    + (sessionToken.isPresent() ? ", sessionToken=***" : "") + "]";
        }
    }
}
