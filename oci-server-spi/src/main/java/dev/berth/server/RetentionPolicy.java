package dev.berth.server;

import dev.berth.server.internal.gc.Glob;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What to keep in the repositories matching some globs ({@code **} spans
 * slashes, {@code *} does not). Retention runs at the start of each garbage
 * collection, before the mark, and for each repository the first policy that
 * matches applies.
 *
 * <p>Tags: with any tag rule set ({@link #keepNewest}, {@link #keepTags},
 * {@link #keepPulledWithin}), a tag is kept if any rule keeps it and deleted
 * otherwise; with none, every tag stays. Untagged manifests (no remaining tag
 * reaches them, directly, through an index or as a referrer): with
 * {@link #keepUntaggedFor}, those pushed longer ago and not pulled within
 * {@code pulledWithin} are deleted; without it they are left to
 * {@link GcSettings#deleteUntagged()}. The blobs of whatever goes are swept by
 * the same collection.
 *
 * <pre>{@code
 * RetentionPolicy.forRepositories("team/**").keepNewest(10).keepTags("v*", "latest")
 *         .keepPulledWithin(Duration.ofDays(30)).keepUntaggedFor(Duration.ofDays(1))
 * }</pre>
 *
 * <p>Pull times are kept in memory: after a restart, every manifest counts as
 * pulled when the registry started, so a restart never makes anything look unused.
 */
public final class RetentionPolicy {
    private final List<String> repositories;
    private final List<Glob> repositoryGlobs;
    private final OptionalInt newest;
    private final List<String> tags;
    private final List<Glob> tagGlobs;
    private final Optional<Duration> pulledWithin;
    private final Optional<Duration> untaggedFor;

    private RetentionPolicy(List<String> repositories, OptionalInt newest, List<String> tags,
                            Optional<Duration> pulledWithin, Optional<Duration> untaggedFor) {
        this.repositories = List.copyOf(repositories);
        this.repositoryGlobs = this.repositories.stream().map(Glob::of).toList();
        this.newest = newest;
        this.tags = List.copyOf(tags);
        this.tagGlobs = this.tags.stream().map(Glob::of).toList();
        this.pulledWithin = pulledWithin;
        this.untaggedFor = untaggedFor;
    }

    /**
     * @param globs the repositories the policy applies to, such as {@code team/**}
     * @return a policy for them that keeps everything, until rules are added
     * @throws IllegalArgumentException if there is no glob or one is empty
     */
    public static RetentionPolicy forRepositories(String... globs) {
        return forRepositories(List.of(globs));
    }

    /**
     * @param globs the repositories the policy applies to, such as {@code team/**}
     * @return a policy for them that keeps everything, until rules are added
     * @throws IllegalArgumentException if there is no glob or one is empty
     */
    public static RetentionPolicy forRepositories(List<String> globs) {
        if (globs.isEmpty()) {
            throw new IllegalArgumentException("a retention policy needs at least one repository glob");
        }
        return new RetentionPolicy(globs, OptionalInt.empty(), List.of(), Optional.empty(), Optional.empty());
    }

    /**
     * @param count how many of the most recently pushed tags to keep; zero or more
     * @return this policy, also keeping the {@code count} most recently pushed tags
     * @throws IllegalArgumentException if {@code count} is negative
     */
    public RetentionPolicy keepNewest(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("retention newest must not be negative: " + count);
        }
        return new RetentionPolicy(repositories, OptionalInt.of(count), tags, pulledWithin, untaggedFor);
    }

    /**
     * @param patterns tag globs, such as {@code v*} or {@code latest}
     * @return this policy, also keeping tags that match one of them
     * @throws IllegalArgumentException if a pattern is empty
     */
    public RetentionPolicy keepTags(String... patterns) {
        return keepTags(List.of(patterns));
    }

    /**
     * @param patterns tag globs, such as {@code v*} or {@code latest}
     * @return this policy, also keeping tags that match one of them
     * @throws IllegalArgumentException if a pattern is empty
     */
    public RetentionPolicy keepTags(List<String> patterns) {
        return new RetentionPolicy(repositories, newest, patterns, pulledWithin, untaggedFor);
    }

    /**
     * @param window how recent a pull keeps a manifest and its tags; positive
     * @return this policy, also keeping tags and untagged manifests pulled within {@code window}
     * @throws IllegalArgumentException if {@code window} is not positive
     */
    public RetentionPolicy keepPulledWithin(Duration window) {
        return new RetentionPolicy(repositories, newest, tags, Optional.of(positive(window, "pulledWithin")), untaggedFor);
    }

    /**
     * @param window how long an untagged manifest stays after its push; positive
     * @return this policy, deleting untagged manifests pushed longer ago than {@code window}
     * @throws IllegalArgumentException if {@code window} is not positive
     */
    public RetentionPolicy keepUntaggedFor(Duration window) {
        return new RetentionPolicy(repositories, newest, tags, pulledWithin, Optional.of(positive(window, "untaggedFor")));
    }

    private static Duration positive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("retention " + what + " must be positive: " + d);
        }
        return d;
    }

    /** @return the repository globs */
    public List<String> repositories() {
        return repositories;
    }

    /** @return how many of the newest tags are kept, if that rule is set */
    public OptionalInt newest() {
        return newest;
    }

    /** @return the tag globs kept */
    public List<String> tags() {
        return tags;
    }

    /** @return the pull window, if set */
    public Optional<Duration> pulledWithin() {
        return pulledWithin;
    }

    /** @return how long untagged manifests stay, if set */
    public Optional<Duration> untaggedFor() {
        return untaggedFor;
    }

    /**
     * @param repository a repository name
     * @return whether the policy applies to it
     */
    public boolean appliesTo(String repository) {
        return repositoryGlobs.stream().anyMatch(g -> g.matches(repository));
    }

    /** @return whether any rule decides about tags (otherwise every tag stays) */
    public boolean hasTagRules() {
        return newest.isPresent() || !tags.isEmpty() || pulledWithin.isPresent();
    }

    /**
     * @param tag a tag
     * @return whether one of the tag globs matches it
     */
    public boolean keepsTagByName(String tag) {
        return tagGlobs.stream().anyMatch(g -> g.matches(tag));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RetentionPolicy p && p.repositories.equals(repositories) && p.newest.equals(newest)
                && p.tags.equals(tags) && p.pulledWithin.equals(pulledWithin) && p.untaggedFor.equals(untaggedFor);
    }

    @Override
    public int hashCode() {
        return Objects.hash(repositories, newest, tags, pulledWithin, untaggedFor);
    }

    @Override
    public String toString() {
        return "retention " + repositories + ": newest " + (newest.isPresent() ? newest.getAsInt() : "-") + ", tags " + tags
                + ", pulledWithin " + pulledWithin.map(Duration::toString).orElse("-") + ", untaggedFor "
                + untaggedFor.map(Duration::toString).orElse("-");
    }
}
