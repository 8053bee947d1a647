package dev.berth.server.internal.gc;

import dev.berth.model.Digest;
import dev.berth.server.Quota;
import dev.berth.server.spi.BlobStore;
import dev.berth.server.spi.MetadataStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The namespaces' quotas and what each namespace uses. Usage is counted from
 * the stores once, when a quota is first needed (and again after deletions
 * made it stale), then kept up to date by the pushes it admits. A namespace's
 * pushes are admitted one at a time (check, write, count), so two pushes cannot
 * both take the last bytes; namespaces without a quota are not slowed at all.
 */
public final class Quotas {
    private final List<State> states = new ArrayList<>();
    private final BlobStore blobs;
    private final MetadataStore metadata;

    private static final class State {
        final Quota quota;
        final ReentrantLock lock = new ReentrantLock();
        volatile boolean stale = true;
        Set<String> repositories;
        Map<Digest, Long> content;
        long bytes;

        State(Quota quota) {
            this.quota = quota;
        }
    }

    /**
     * @param quotas   the limits, possibly none
     * @param blobs    where blob sizes are read when usage is counted
     * @param metadata where repositories, links and manifests are listed when usage is counted
     */
    public Quotas(List<Quota> quotas, BlobStore blobs, MetadataStore metadata) {
        quotas.forEach(q -> states.add(new State(q)));
        this.blobs = blobs;
        this.metadata = metadata;
    }

    /** @return whether any quota is set */
    public boolean isEmpty() {
        return states.isEmpty();
    }

    /**
     * Runs a write that adds content to a repository, if every quota covering the repository allows it.
     *
     * @param repository the repository written to
     * @param digest     the blob linked or manifest stored
     * @param size       its size
     * @param write      the write, run only if admitted
     * @param <T>        what the write answers
     * @return what the write answered
     * @throws QuotaExceededException if a quota would be exceeded; nothing is written
     */
    public <T> T admit(String repository, Digest digest, long size, Supplier<T> write) {
        List<State> covering = covering(repository);
        if (covering.isEmpty()) {
            return write.get();
        }
        covering.forEach(s -> s.lock.lock());
        try {
            for (State s : covering) {
                counted(s);
                check(s, repository, s.content.containsKey(digest) ? 0 : size);
            }
            T result = write.get();
            for (State s : covering) {
                s.repositories.add(repository);
                if (s.content.putIfAbsent(digest, size) == null) {
                    s.bytes += size;
                }
            }
            return result;
        } finally {
            covering.forEach(s -> s.lock.unlock());
        }
    }

    /**
     * Checks, without writing, that a push may start in the repository (a new one must fit the repository count).
     *
     * @param repository the repository
     * @throws QuotaExceededException if the repository is new and its namespace has all the repositories it may
     */
    public void checkRepository(String repository) {
        for (State s : covering(repository)) {
            s.lock.lock();
            try {
                counted(s);
                check(s, repository, 0);
            } finally {
                s.lock.unlock();
            }
        }
    }

    /**
     * Has usage counted again before the next push into the repository's namespaces (after deletions).
     *
     * @param repository a repository that lost content
     */
    public void invalidate(String repository) {
        for (State s : covering(repository)) {
            s.stale = true;
        }
    }

    /** Has every namespace's usage counted again before its next push (after garbage collection). */
    public void invalidateAll() {
        for (State s : states) {
            s.stale = true;
        }
    }

    private List<State> covering(String repository) {
        List<State> result = new ArrayList<>(1);
        for (State s : states) {
            if (s.quota.covers(repository)) {
                result.add(s);
            }
        }
        return result;
    }

    private static void check(State s, String repository, long adding) {
        Quota q = s.quota;
        if (!s.repositories.contains(repository) && s.repositories.size() + 1L > q.repositories()) {
            throw new QuotaExceededException("quota of namespace " + q.namespace() + " allows " + q.repositories()
                    + " repositories: " + repository + " would be one more");
        }
        if (s.bytes + adding > q.bytes()) {
            throw new QuotaExceededException("quota of namespace " + q.namespace() + " allows " + q.bytes()
                    + " bytes: " + s.bytes + " are used and this push adds " + adding);
        }
    }

    // Under the state's lock.
    private void counted(State s) {
        if (!s.stale) {
            return;
        }
        Set<String> repositories = new HashSet<>();
        Map<Digest, Long> content = new HashMap<>();
        long bytes = 0;
        for (String repo : metadata.listRepositories().items()) {
            if (!s.quota.covers(repo)) {
                continue;
            }
            repositories.add(repo);
            for (Digest d : metadata.linkedBlobs(repo)) {
                if (!content.containsKey(d)) {
                    long size = blobs.stat(d).map(b -> b.size()).orElse(0L);
                    content.put(d, size);
                    bytes += size;
                }
            }
            for (Digest d : metadata.manifests(repo)) {
                if (!content.containsKey(d)) {
                    long size = metadata.getManifest(repo, d).map(m -> (long) m.size()).orElse(0L);
                    content.put(d, size);
                    bytes += size;
                }
            }
        }
        s.repositories = repositories;
        s.content = content;
        s.bytes = bytes;
        s.stale = false;
    }
}
