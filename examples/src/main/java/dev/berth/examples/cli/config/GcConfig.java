package dev.berth.examples.cli.config;

import java.time.Duration;

/**
 * Berth's {@code gc} key: online garbage collection while serving.
 *
 * @param interval how often mark and sweep runs; zero turns it off (default 1h)
 * @param grace    nothing younger than this is deleted (default 1h)
 * @param untagged whether manifests no tag reaches are deleted too (default false)
 */
public record GcConfig(Duration interval, Duration grace, boolean untagged) {
    /** The interval and the grace when the file does not say. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofHours(1);
}
