package dev.berth.client.copy;

import dev.berth.client.ProgressListener;
import dev.berth.client.ProgressTracker;
import dev.berth.client.TransferListener;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How {@link ImageCopier} copies.
 *
 * @param platforms        which platforms of an index to copy
 * @param referrers        whether to copy the artifacts (signatures, SBOMs, attestations) that refer to each
 *                         copied manifest, and theirs in turn
 * @param parallelism      how many blobs move at once
 * @param listener         hears bytes moving, per blob, from the transferring threads
 * @param manifestListener hears each manifest once it is at the destination, with its blobs' outcomes
 * @param progress         hears where the whole copy stands (bytes and blobs of every manifest copied), at most
 *                         once per {@code progressInterval} and once more when the copy succeeded
 * @param progressInterval the least time between two {@code progress} snapshots
 */
public record CopyOptions(PlatformSelection platforms, boolean referrers, int parallelism, TransferListener listener,
                          Consumer<CopiedManifest> manifestListener, ProgressListener progress,
                          Duration progressInterval) {
    /** Blobs moved at once unless told otherwise. */
    public static final int DEFAULT_PARALLELISM = 4;

    /**
     * Checks the values.
     *
     * @param platforms which platforms of an index to copy
     * @param referrers whether to copy the artifacts (signatures, SBOMs, attestations) that refer to each copied manifest, and theirs in turn
     * @param parallelism how many blobs move at once
     * @param listener hears bytes moving, per blob, from the transferring threads
     * @param manifestListener hears each manifest once it is at the destination, with its blobs' outcomes
     * @param progress hears where the whole copy stands, at most once per {@code progressInterval}
     * @param progressInterval the least time between two {@code progress} snapshots
     */
    public CopyOptions {
        Objects.requireNonNull(platforms, "platforms");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(manifestListener, "manifestListener");
        Objects.requireNonNull(progress, "progress");
        if (progressInterval.isNegative()) {
            throw new IllegalArgumentException("progressInterval must not be negative: " + progressInterval);
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
        }
    }

    /** @return all platforms, no referrers, {@value #DEFAULT_PARALLELISM} blobs at once, nobody listening */
    public static CopyOptions defaults() {
        return builder().build();
    }

    /** @return a builder starting from {@link #defaults()} */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link CopyOptions}. */
    public static final class Builder {
        private PlatformSelection platforms = PlatformSelection.all();
        private boolean referrers;
        private int parallelism = DEFAULT_PARALLELISM;
        private TransferListener listener = TransferListener.NONE;
        private Consumer<CopiedManifest> manifestListener = m -> { };
        private ProgressListener progress = ProgressListener.NONE;
        private Duration progressInterval = ProgressTracker.DEFAULT_INTERVAL;

        private Builder() {
        }

        /**
         * @param value which platforms of an index to copy
         * @return this builder, copying these platforms (default: all)
         */
        public Builder platforms(PlatformSelection value) {
            this.platforms = value;
            return this;
        }

        /**
         * @param value whether to copy the referrers (signatures, SBOMs, ...) of every manifest copied
         * @return this builder; true copies referrers too (default: false)
         */
        public Builder referrers(boolean value) {
            this.referrers = value;
            return this;
        }

        /**
         * @param value how many blobs to move at once; at least 1
         * @return this builder, moving this many blobs at once (default {@value #DEFAULT_PARALLELISM})
         */
        public Builder parallelism(int value) {
            this.parallelism = value;
            return this;
        }

        /**
         * @param value told of every blob's bytes and outcome
         * @return this builder, reporting blob progress to {@code value} (thread-safe, quick)
         */
        public Builder listener(TransferListener value) {
            this.listener = value;
            return this;
        }

        /**
         * @param value called with each manifest once it is copied
         * @return this builder, reporting each manifest copied to {@code value}
         */
        public Builder manifestListener(Consumer<CopiedManifest> value) {
            this.manifestListener = value;
            return this;
        }

        /**
         * @param value hears where the whole copy stands, from the transferring threads (one call at a time)
         * @return this builder
         */
        public Builder progress(ProgressListener value) {
            this.progress = value;
            return this;
        }

        /**
         * @param value the least time between two progress snapshots (default
         *              {@link ProgressTracker#DEFAULT_INTERVAL}; zero: after every change)
         * @return this builder
         */
        public Builder progressInterval(Duration value) {
            this.progressInterval = Objects.requireNonNull(value, "progressInterval");
            return this;
        }

        /** @return the options */
        public CopyOptions build() {
            return new CopyOptions(platforms, referrers, parallelism, listener, manifestListener, progress,
                    progressInterval);
        }
    }
}
