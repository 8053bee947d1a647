package dev.berth.server;

import dev.berth.model.InvalidArgumentException;
import java.time.Duration;
import java.util.Objects;

/**
 * How the embedded registry collects garbage while it serves (see
 * {@link EmbeddedRegistry#collectGarbage(boolean)}): a mark of everything
 * tags reach, then a sweep of blobs nothing references that are older than
 * the grace period. Pushes go on meanwhile; the collector never deletes what
 * a concurrent push links or relies on.
 *
 * <pre>{@code
 * EmbeddedRegistry.builder().garbageCollection(new GcSettings(Duration.ofHours(1), Duration.ofHours(1), false))
 * }</pre>
 *
 * @param interval       how often to collect; {@link Duration#ZERO} for never on a schedule (on demand still works)
 * @param grace          how old an unreferenced blob must be to be deleted: it protects blobs uploaded for a
 *                       manifest that is not pushed yet; zero or more
 * @param deleteUntagged whether manifests no tag reaches (directly, through an index, or as a referrer of a kept
 *                       manifest) are deleted too
 */
public record GcSettings(Duration interval, Duration grace, boolean deleteUntagged) {
    /**
     * Checks the durations.
     *
     * @param interval       how often to collect, or zero for never on a schedule
     * @param grace          the age below which no unreferenced blob is deleted
     * @param deleteUntagged whether manifests no tag reaches go too
     * @throws IllegalArgumentException if a duration is negative
     */
    public GcSettings {
        InvalidArgumentException.requireNonNull(interval, "interval");
        InvalidArgumentException.requireNonNull(grace, "grace");
        if (interval.isNegative() || grace.isNegative()) {
            throw new IllegalArgumentException("gc interval and grace must not be negative: interval " + interval
                    + ", grace " + grace);
        }
    }

    /** @return no scheduled collection, a grace of one hour, untagged manifests kept: the registry's default */
    public static GcSettings defaults() {
        return new GcSettings(Duration.ZERO, Duration.ofHours(1), false);
    }

    /** @return whether collection runs on a schedule */
    public boolean scheduled() {
        return !interval.isZero();
    }
}
