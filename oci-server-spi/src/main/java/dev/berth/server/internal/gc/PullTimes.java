package dev.berth.server.internal.gc;

import dev.berth.model.Digest;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each manifest was last pulled, for retention's {@code pulledWithin}.
 * In memory only: one map write per manifest GET or HEAD, nothing written to
 * storage. After a restart nothing is known, so every manifest counts as
 * pulled when the registry started: a restart can only keep more, never
 * make something look unused.
 */
public final class PullTimes {
    private final Clock clock;
    private final Instant started;
    private final ConcurrentHashMap<String, Instant> pulls = new ConcurrentHashMap<>();

    /** @param clock the clock pulls are timed on; the registry starts now */
    public PullTimes(Clock clock) {
        this.clock = clock;
        this.started = clock.instant();
    }

    /**
     * @param repository the repository
     * @param digest     the manifest pulled
     */
    public void pulled(String repository, Digest digest) {
        pulls.put(key(repository, digest), clock.instant());
    }

    /**
     * @param repository the repository
     * @param digest     the manifest
     * @return when it was last pulled, or when the registry started if not since
     */
    public Instant lastPulled(String repository, Digest digest) {
        return pulls.getOrDefault(key(repository, digest), started);
    }

    /**
     * @param repository the repository
     * @param digest     a manifest that is gone
     */
    public void forget(String repository, Digest digest) {
        pulls.remove(key(repository, digest));
    }

    private static String key(String repository, Digest digest) {
        return repository + "@" + digest;
    }
}
