package dev.berth.server.internal.gc;

import dev.berth.model.Digest;
import dev.berth.server.GcReport;
import dev.berth.server.GcSettings;
import dev.berth.server.RetentionPolicy;
import dev.berth.server.spi.BlobInfo;
import dev.berth.server.spi.BlobStore;
import dev.berth.server.spi.MetadataStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Garbage collection while the registry serves. One run:
 * <ol>
 *   <li>starts an epoch of the {@link ContentGuard}, so every push from now on pins what it writes or relies on;</li>
 *   <li>per repository: applies the first matching {@link RetentionPolicy} (tags, then untagged manifests), then,
 *       with {@link GcSettings#deleteUntagged()}, deletes the manifests no tag reaches (directly, as an index's
 *       child, or as a referrer of a kept manifest); the blobs the remaining manifests reference are marked;</li>
 *   <li>sweeps every blob not marked whose last store and last use (a client shown it exists) are both older than
 *       the grace period: under the blob's stripe, skipping pinned ones and re-checking the age, it is unlinked from
 *       the repositories that linked it and deleted.</li>
 * </ol>
 * Every deletion (tag, manifest, blob) happens under its key's stripe after a re-check, so no push is ever refused
 * for something the collector took from under it, and no global lock stalls pushes. Runs one at a time.
 */
public final class OnlineCollector {
    private static final Logger LOG = LoggerFactory.getLogger(OnlineCollector.class);

    private final BlobStore blobs;
    private final MetadataStore metadata;
    private final ContentGuard guard;
    private final GcSettings settings;
    private final List<RetentionPolicy> retention;
    private final PullTimes pulls;
    private final Quotas quotas;
    private final Clock clock;
    private final Instant started;
    // For stores that keep no blob times: when each unreferenced blob was first found so.
    private final Map<Digest, Instant> firstSeenUnreferenced = new HashMap<>();

    /**
     * @param blobs     the blob store
     * @param metadata  the metadata store
     * @param guard     shared with the registry's pushes
     * @param settings  grace and whether untagged manifests go
     * @param retention the policies, first match per repository
     * @param pulls     the pull times the registry records
     * @param quotas    told to count usage again after deletions
     * @param clock     the clock ages are measured on
     */
    public OnlineCollector(BlobStore blobs, MetadataStore metadata, ContentGuard guard, GcSettings settings,
                           List<RetentionPolicy> retention, PullTimes pulls, Quotas quotas, Clock clock) {
        this.blobs = blobs;
        this.metadata = metadata;
        this.guard = guard;
        this.settings = settings;
        this.retention = List.copyOf(retention);
        this.pulls = pulls;
        this.quotas = quotas;
        this.clock = clock;
        this.started = clock.instant();
    }

    /** What one run removed. */
    private static final class Removed {
        final List<String> tags = new ArrayList<>();
        final List<String> manifests = new ArrayList<>();
        final List<Digest> blobs = new ArrayList<>();
        long bytes;

        boolean any() {
            return !tags.isEmpty() || !manifests.isEmpty() || !blobs.isEmpty();
        }
    }

    /**
     * @param dryRun report only, change nothing
     * @return what was (or would be) removed
     */
    public synchronized GcReport collect(boolean dryRun) {
        Instant begin = clock.instant();
        long t0 = System.nanoTime();
        Removed removed = new Removed();
        guard.beginEpoch();
        try {
            Set<Digest> referenced = new HashSet<>();
            Map<Digest, List<String>> links = new HashMap<>();
            boolean sweepable = true;
            for (String repo : metadata.listRepositories().items()) {
                RepositoryView view = new RepositoryView(metadata, repo);
                Optional<RetentionPolicy> policy = retention.stream().filter(p -> p.appliesTo(repo)).findFirst();
                policy.ifPresent(p -> applyTagRules(view, p, begin, dryRun, removed));
                deleteUntagged(view, policy, begin, dryRun, removed);
                if (!view.addReferencedBlobs(referenced)) {
                    LOG.warn("a stored manifest of {} cannot be read: no blob is swept this time", repo);
                    sweepable = false;
                }
                for (Digest d : metadata.linkedBlobs(repo)) {
                    links.computeIfAbsent(d, k -> new ArrayList<>(1)).add(repo);
                }
            }
            if (sweepable) {
                sweep(referenced, links, begin.minus(settings.grace()), dryRun, removed);
            }
        } finally {
            guard.endEpoch();
        }
        if (!dryRun && removed.any()) {
            quotas.invalidateAll();
        }
        guard.forgetUsesBefore(begin.minus(settings.grace()));
        GcReport report = new GcReport(dryRun, begin, Duration.ofNanos(System.nanoTime() - t0), removed.tags,
                removed.manifests, removed.blobs, removed.bytes);
        if (removed.any()) {
            LOG.info("garbage collection{}: {} tags, {} manifests, {} blobs ({} bytes) in {} ms", dryRun ? " (dry run)" : "",
                    removed.tags.size(), removed.manifests.size(), removed.blobs.size(), removed.bytes, report.took().toMillis());
        }
        return report;
    }

    // ---- retention: tags

    private void applyTagRules(RepositoryView view, RetentionPolicy policy, Instant now, boolean dryRun, Removed removed) {
        if (!policy.hasTagRules()) {
            return;
        }
        Set<String> kept = new HashSet<>();
        policy.newest().ifPresent(n -> view.tags.keySet().stream()
                .sorted((a, b) -> {
                    int byTime = pushedAt(view.name, view.tags.get(b)).compareTo(pushedAt(view.name, view.tags.get(a)));
                    return byTime != 0 ? byTime : b.compareTo(a);
                })
                .limit(n).forEach(kept::add));
        for (Map.Entry<String, Digest> tag : view.tags.entrySet()) {
            if (policy.keepsTagByName(tag.getKey()) || pulledWithin(policy, view.name, tag.getValue(), now)) {
                kept.add(tag.getKey());
            }
        }
        for (Map.Entry<String, Digest> tag : List.copyOf(view.tags.entrySet())) {
            if (!kept.contains(tag.getKey()) && deleteTag(view.name, tag.getKey(), tag.getValue(), dryRun)) {
                view.tags.remove(tag.getKey());
                removed.tags.add(view.name + ":" + tag.getKey());
            }
        }
    }

    // Under the tag's stripe: a push that moved or re-pushed the tag since the mark read it wins.
    private boolean deleteTag(String repo, String tag, Digest target, boolean dryRun) {
        if (dryRun) {
            return true;
        }
        ContentGuard.TagKey key = new ContentGuard.TagKey(repo, tag);
        try (ContentGuard.Held held = guard.lock(key)) {
            if (guard.isPinned(key) || !metadata.resolveTag(repo, tag).map(target::equals).orElse(false)) {
                return false;
            }
            return metadata.deleteTag(repo, tag);
        }
    }

    // ---- untagged manifests: retention's untaggedFor, else the settings

    private void deleteUntagged(RepositoryView view, Optional<RetentionPolicy> policy, Instant now, boolean dryRun,
                                Removed removed) {
        boolean byPolicy = policy.flatMap(RetentionPolicy::untaggedFor).isPresent();
        if (!byPolicy && !settings.deleteUntagged()) {
            return;
        }
        Set<Digest> reachable = view.reachableFromTags();
        for (Digest m : view.manifestDigests()) {
            if (reachable.contains(m) || !view.isUnderstood(m)) {
                continue;
            }
            if (byPolicy && pushedAt(view.name, m).isAfter(now.minus(policy.get().untaggedFor().get()))) {
                continue;
            }
            if (policy.isPresent() && pulledWithin(policy.get(), view.name, m, now)) {
                continue;
            }
            if (deleteManifest(view.name, m, dryRun)) {
                view.manifests.remove(m);
                removed.manifests.add(view.name + "@" + m);
            }
        }
    }

    // Under the manifest's stripe: a push of it, of an index naming it or of a referrer to it since the epoch began
    // pinned it, and it stays.
    private boolean deleteManifest(String repo, Digest manifest, boolean dryRun) {
        if (dryRun) {
            return true;
        }
        try (ContentGuard.Held held = guard.lock(manifest)) {
            if (guard.isPinned(manifest)) {
                return false;
            }
            boolean deleted = metadata.deleteManifest(repo, manifest);
            if (deleted) {
                pulls.forget(repo, manifest);
            }
            return deleted;
        }
    }

    private Instant pushedAt(String repo, Digest manifest) {
        return metadata.manifestPushedAt(repo, manifest).orElse(started);
    }

    private boolean pulledWithin(RetentionPolicy policy, String repo, Digest manifest, Instant now) {
        return policy.pulledWithin().isPresent()
                && !pulls.lastPulled(repo, manifest).isBefore(now.minus(policy.pulledWithin().get()));
    }

    // ---- blobs

    private void sweep(Set<Digest> referenced, Map<Digest, List<String>> links, Instant cutoff, boolean dryRun,
                       Removed removed) {
        List<BlobInfo> candidates = new ArrayList<>();
        blobs.forEach(b -> {
            if (!referenced.contains(b.digest())) {
                candidates.add(b);
            }
        });
        firstSeenUnreferenced.keySet().retainAll(candidates.stream().map(BlobInfo::digest).toList());
        for (BlobInfo b : candidates) {
            if (!oldEnough(b.digest(), cutoff)) {
                continue;
            }
            if (dryRun) {
                removed.blobs.add(b.digest());
                removed.bytes += b.size();
                continue;
            }
            try (ContentGuard.Held held = guard.lock(b.digest())) {
                // Again under the stripe: a commit, mount or manifest push may have just relied on it.
                if (guard.isPinned(b.digest()) || !oldEnough(b.digest(), cutoff)) {
                    continue;
                }
                for (String repo : links.getOrDefault(b.digest(), List.of())) {
                    metadata.unlinkBlob(repo, b.digest());
                }
                if (blobs.delete(b.digest())) {
                    removed.blobs.add(b.digest());
                    removed.bytes += b.size();
                }
            }
            firstSeenUnreferenced.remove(b.digest());
        }
    }

    private boolean oldEnough(Digest blob, Instant cutoff) {
        Optional<Instant> stored = blobs.storedAt(blob);
        Instant since = stored.orElseGet(() -> firstSeenUnreferenced.computeIfAbsent(blob, k -> clock.instant()));
        Optional<Instant> used = guard.lastUsed(blob);
        return !since.isAfter(cutoff) && (used.isEmpty() || !used.get().isAfter(cutoff));
    }
}
