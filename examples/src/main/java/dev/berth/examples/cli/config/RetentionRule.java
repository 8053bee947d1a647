package dev.berth.examples.cli.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One entry of Berth's {@code retention} key: what to keep in the repositories it names; the rest may go.
 *
 * @param repositories repository globs, as in {@link AccessConfig.Rule#repositories()}
 * @param newest       {@code keep.newest}: how many of the newest tags to keep
 * @param tags         {@code keep.tags}: tag globs to keep whatever their age
 * @param pulledWithin {@code keep.pulledWithin}: keep anything pulled within this long
 * @param untaggedFor  {@code keep.untaggedFor}: keep untagged manifests for this long
 */
public record RetentionRule(List<String> repositories, OptionalInt newest, List<String> tags, Optional<Duration> pulledWithin,
                            Optional<Duration> untaggedFor) {
    /**
     * Copies the lists.
     *
     * @param repositories repository globs
     * @param newest       the newest tags to keep
     * @param tags         tag globs to keep
     * @param pulledWithin keep what was pulled within this long
     * @param untaggedFor  keep untagged manifests this long
     */
    public RetentionRule {
        repositories = List.copyOf(repositories);
        tags = List.copyOf(tags);
    }
}
