package dev.berth.server.storage.s3;

import dev.berth.model.InvalidArgumentException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where and how an {@link S3BlobStore} keeps its objects. Built with {@link #builder(String)}; every setting but
 * the bucket has a default, and what is not set (endpoint, region, redirects) reads back empty.
 */
public final class S3BlobStoreOptions {
    /** S3's smallest part: every part of a multipart upload but the last must be at least this long. */
    public static final int MIN_PART_SIZE = 5 * 1024 * 1024;
    /** The part size unless set: 8 MiB, as the AWS SDK's transfer manager uses. */
    public static final int DEFAULT_PART_SIZE = 8 * 1024 * 1024;
    // S3's bucket naming rules (lowercase, digits, dots and hyphens, 3 to 63 long).
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    private final String bucket;
    private final String prefix;
    private final URI endpoint;
    private final String region;
    private final boolean pathStyle;
    private final S3Credentials credentials;
    private final ServerSideEncryption encryption;
    private final Duration redirect;
    private final int partSize;
    private final Clock clock;

    private S3BlobStoreOptions(Builder b) {
        if (!BUCKET.matcher(b.bucket).matches()) {
            throw new IllegalArgumentException("bucket \"" + b.bucket + "\" is not an S3 bucket name (3 to 63 of a-z, 0-9, '.', '-')");
        }
        if (!b.prefix.isEmpty() && (!b.prefix.endsWith("/") || b.prefix.startsWith("/") || b.prefix.contains("//"))) {
            throw new IllegalArgumentException("prefix \"" + b.prefix + "\" must be empty or end in one '/', without a leading '/' or empty segments");
        }
        if (b.endpoint != null && !"http".equals(b.endpoint.getScheme()) && !"https".equals(b.endpoint.getScheme())) {
            throw new IllegalArgumentException("endpoint " + b.endpoint + " must be an http or https URI");
        }
        if (b.redirect != null && (b.redirect.isNegative() || b.redirect.isZero() || b.redirect.compareTo(Duration.ofDays(7)) > 0)) {
            throw new IllegalArgumentException("redirect validity " + b.redirect + " must be positive and at most 7 days (S3's limit for pre-signed URLs)");
        }
        if (b.partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("partSize " + b.partSize + " is below S3's minimum part size of " + MIN_PART_SIZE);
        }
        this.bucket = b.bucket;
        this.prefix = b.prefix;
        this.endpoint = b.endpoint;
        this.region = b.region;
        this.pathStyle = b.pathStyle;
        this.credentials = b.credentials;
        this.encryption = b.encryption;
        this.redirect = b.redirect;
        this.partSize = b.partSize;
        this.clock = b.clock;
    }

    /** @return the bucket, which must exist */
    public String bucket() {
        return bucket;
    }

    /**
     * @return the key prefix every object of the store goes under ({@code ""} for the bucket's root, else ending in
     *         {@code /}); several stores may share a bucket under different prefixes
     */
    public String prefix() {
        return prefix;
    }

    /** @return the S3 endpoint, for S3-compatible storage (MinIO, Ceph, S3Proxy ...); empty for AWS's */
    public Optional<URI> endpoint() {
        return Optional.ofNullable(endpoint);
    }

    /**
     * @return the region to sign for; empty for the AWS default region chain ({@code AWS_REGION}, profiles), and
     *         {@code us-east-1} when that finds none
     */
    public Optional<String> region() {
        return Optional.ofNullable(region);
    }

    /**
     * @return whether to address the bucket in the path ({@code http://host/bucket/key}) rather than the host name;
     *         most S3-compatible servers need it
     */
    public boolean pathStyle() {
        return pathStyle;
    }

    /** @return where the credentials come from */
    public S3Credentials credentials() {
        return credentials;
    }

    /** @return the server-side encryption asked for on every write */
    public ServerSideEncryption encryption() {
        return encryption;
    }

    /**
     * @return how long a pre-signed pull URL from {@link S3BlobStore#redirectFor} stays valid; empty: no redirects
     *         (distribution's {@code redirect: disable: true})
     */
    public Optional<Duration> redirect() {
        return Optional.ofNullable(redirect);
    }

    /**
     * @return the size of every multipart part but the last (at least 5 MiB, S3's minimum): what the store buffers
     *         in memory per append in progress
     */
    public int partSize() {
        return partSize;
    }

    /** @return the clock upload sessions' idle time is measured on */
    public Clock clock() {
        return clock;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof S3BlobStoreOptions x && bucket.equals(x.bucket) && prefix.equals(x.prefix)
                && Objects.equals(endpoint, x.endpoint) && Objects.equals(region, x.region) && pathStyle == x.pathStyle
                && credentials.equals(x.credentials) && encryption.equals(x.encryption)
                && Objects.equals(redirect, x.redirect) && partSize == x.partSize && clock.equals(x.clock);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bucket, prefix, endpoint, region, pathStyle, credentials, encryption, redirect, partSize, clock);
    }

    @Override
    public String toString() {
        return "S3BlobStoreOptions[bucket=" + bucket + ", prefix=" + prefix + ", endpoint=" + endpoint + ", region="
                + region + ", pathStyle=" + pathStyle + ", credentials=" + credentials + ", encryption=" + encryption
                + ", redirect=" + redirect + ", partSize=" + partSize + ", clock=" + clock + "]";
    }

    /**
     * @param bucket the bucket
     * @return a builder with every other setting at its default
     * @throws InvalidArgumentException if {@code bucket} is null
     */
    public static Builder builder(String bucket) {
        return new Builder(InvalidArgumentException.requireNonNull(bucket, "bucket"));
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
         * @throws InvalidArgumentException if {@code prefix} is null
         */
        public Builder prefix(String prefix) {
            InvalidArgumentException.requireNonNull(prefix, "prefix");
            this.prefix = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
            return this;
        }

        /**
         * @param endpoint the S3-compatible endpoint, such as {@code http://127.0.0.1:9000}
         * @return this builder
         * @throws InvalidArgumentException if {@code endpoint} is null
         */
        public Builder endpoint(URI endpoint) {
            this.endpoint = InvalidArgumentException.requireNonNull(endpoint, "endpoint");
            return this;
        }

        /**
         * @param region the region to sign for, such as {@code eu-west-1}
         * @return this builder
         * @throws InvalidArgumentException if {@code region} is null
         */
        public Builder region(String region) {
            this.region = InvalidArgumentException.requireNonNull(region, "region");
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
         * @throws InvalidArgumentException if {@code credentials} is null
         */
        public Builder credentials(S3Credentials credentials) {
            this.credentials = InvalidArgumentException.requireNonNull(credentials, "credentials");
            return this;
        }

        /**
         * @param encryption the server-side encryption to ask for (the bucket's default unless set)
         * @return this builder
         * @throws InvalidArgumentException if {@code encryption} is null
         */
        public Builder encryption(ServerSideEncryption encryption) {
            this.encryption = InvalidArgumentException.requireNonNull(encryption, "encryption");
            return this;
        }

        /**
         * @param validity how long pre-signed pull URLs stay valid (none are given unless set)
         * @return this builder
         * @throws InvalidArgumentException if {@code validity} is null
         */
        public Builder redirect(Duration validity) {
            this.redirect = InvalidArgumentException.requireNonNull(validity, "validity");
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
         * @throws InvalidArgumentException if {@code clock} is null
         */
        public Builder clock(Clock clock) {
            this.clock = InvalidArgumentException.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @return the options
         * @throws IllegalArgumentException if a setting is invalid; the message names it
         */
        public S3BlobStoreOptions build() {
            return new S3BlobStoreOptions(this);
        }
    }
}
