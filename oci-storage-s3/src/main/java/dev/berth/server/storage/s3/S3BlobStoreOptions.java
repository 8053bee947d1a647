package dev.berth.server.storage.s3;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where and how an {@link S3BlobStore} keeps its objects. Built with {@link #builder(String)}; every setting but
 * the bucket has a default.
 *
 * @param bucket      the bucket, which must exist
 * @param prefix      the key prefix every object of the store goes under ({@code ""} for the bucket's root, else
 *                    ending in {@code /}); several stores may share a bucket under different prefixes
 * @param endpoint    the S3 endpoint, for S3-compatible storage (MinIO, Ceph, S3Proxy ...); empty for AWS's
 * @param region      the region to sign for; empty for the AWS default region chain ({@code AWS_REGION}, profiles),
 *                    and {@code us-east-1} when that finds none
 * @param pathStyle   whether to address the bucket in the path ({@code http://host/bucket/key}) rather than the host
 *                    name; most S3-compatible servers need it
 * @param credentials where the credentials come from
 * @param encryption  the server-side encryption asked for on every write
 * @param redirect    how long a pre-signed pull URL from {@link S3BlobStore#redirectFor} stays valid; empty: no
 *                    redirects (distribution's {@code redirect: disable: true})
 * @param partSize    the size of every multipart part but the last (at least 5 MiB, S3's minimum): what the store
 *                    buffers in memory per append in progress
 * @param clock       the clock upload sessions' idle time is measured on
 */
public record S3BlobStoreOptions(String bucket, String prefix, Optional<URI> endpoint, Optional<String> region,
                                 boolean pathStyle, S3Credentials credentials, ServerSideEncryption encryption,
                                 Optional<Duration> redirect, int partSize, Clock clock) {
    /** S3's smallest part: every part of a multipart upload but the last must be at least this long. */
    public static final int MIN_PART_SIZE = 5 * 1024 * 1024;
    /** The part size unless set: 8 MiB, as the AWS SDK's transfer manager uses. */
    public static final int DEFAULT_PART_SIZE = 8 * 1024 * 1024;
    // S3's bucket naming rules (lowercase, digits, dots and hyphens, 3 to 63 long).
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    /**
     * Checks the settings.
     *
     * @param bucket      the bucket
     * @param prefix      the key prefix, {@code ""} or ending in {@code /}
     * @param endpoint    the S3 endpoint, or empty for AWS's
     * @param region      the region, or empty for the default chain
     * @param pathStyle   whether to use path-style addressing
     * @param credentials where the credentials come from
     * @param encryption  the server-side encryption asked for
     * @param redirect    how long pre-signed URLs stay valid, or empty for none
     * @param partSize    the multipart part size
     * @param clock       the clock for idle times
     */
    public S3BlobStoreOptions {
        Objects.requireNonNull(bucket, "bucket");
        if (!BUCKET.matcher(bucket).matches()) {
            throw new IllegalArgumentException("bucket \"" + bucket + "\" is not an S3 bucket name (3 to 63 of a-z, 0-9, '.', '-')");
        }
        Objects.requireNonNull(prefix, "prefix");
        if (!prefix.isEmpty() && (!prefix.endsWith("/") || prefix.startsWith("/") || prefix.contains("//"))) {
            throw new IllegalArgumentException("prefix \"" + prefix + "\" must be empty or end in one '/', without a leading '/' or empty segments");
        }
        Objects.requireNonNull(endpoint, "endpoint");
        endpoint.ifPresent(u -> {
            if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())) {
                throw new IllegalArgumentException("endpoint " + u + " must be an http or https URI");
            }
        });
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(encryption, "encryption");
        Objects.requireNonNull(redirect, "redirect");
        redirect.ifPresent(d -> {
            if (d.isNegative() || d.isZero() || d.compareTo(Duration.ofDays(7)) > 0) {
                throw new IllegalArgumentException("redirect validity " + d + " must be positive and at most 7 days (S3's limit for pre-signed URLs)");
            }
        });
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("partSize " + partSize + " is below S3's minimum part size of " + MIN_PART_SIZE);
        }
        Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param bucket the bucket
     * @return a builder with every other setting at its default
     */
    public static Builder builder(String bucket) {
        return new Builder(bucket);
    }

    /** Builds {@link S3BlobStoreOptions}. */
    public static final class Builder {
        private final String bucket;
        private String prefix = "";
        private URI endpoint;
        private String region;
        private boolean pathStyle;
        private S3Credentials credentials = S3Credentials.defaultChain();
        private ServerSideEncryption encryption = ServerSideEncryption.bucketDefault();
        private Duration redirect;
        private int partSize = DEFAULT_PART_SIZE;
        private Clock clock = Clock.systemUTC();

        private Builder(String bucket) {
            this.bucket = bucket;
        }

        /**
         * @param prefix the key prefix; a missing trailing {@code /} is added ({@code "registry"} means
         *               {@code "registry/"})
         * @return this builder
         */
        public Builder prefix(String prefix) {
            Objects.requireNonNull(prefix, "prefix");
            this.prefix = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
            return this;
        }

        /**
         * @param endpoint the S3-compatible endpoint, such as {@code http://127.0.0.1:9000}
         * @return this builder
         */
        public Builder endpoint(URI endpoint) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
            return this;
        }

        /**
         * @param region the region to sign for, such as {@code eu-west-1}
         * @return this builder
         */
        public Builder region(String region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        /**
         * @param pathStyle whether to put the bucket in the path rather than the host name
         * @return this builder
         */
        public Builder pathStyle(boolean pathStyle) {
            this.pathStyle = pathStyle;
            return this;
        }

        /**
         * @param credentials where the credentials come from (the default chain unless set)
         * @return this builder
         */
        public Builder credentials(S3Credentials credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /**
         * @param encryption the server-side encryption to ask for (the bucket's default unless set)
         * @return this builder
         */
        public Builder encryption(ServerSideEncryption encryption) {
            this.encryption = Objects.requireNonNull(encryption, "encryption");
            return this;
        }

        /**
         * @param validity how long pre-signed pull URLs stay valid (none are given unless set)
         * @return this builder
         */
        public Builder redirect(Duration validity) {
            this.redirect = Objects.requireNonNull(validity, "validity");
            return this;
        }

        /**
         * @param partSize the multipart part size, at least {@link #MIN_PART_SIZE}
         * @return this builder
         */
        public Builder partSize(int partSize) {
            this.partSize = partSize;
            return this;
        }

        /**
         * @param clock the clock upload sessions' idle time is measured on
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @return the options
         * @throws IllegalArgumentException if a setting is invalid; the message names it
         */
        public S3BlobStoreOptions build() {
            return new S3BlobStoreOptions(bucket, prefix, Optional.ofNullable(endpoint), Optional.ofNullable(region),
                    pathStyle, credentials, encryption, Optional.ofNullable(redirect), partSize, clock);
        }
    }
}
