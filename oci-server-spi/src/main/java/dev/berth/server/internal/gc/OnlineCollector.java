package dev.berth.server.internal.gc;

import dev.berth.model.Digest;
import dev.berth.server.GcReport;
import dev.berth.server.GcSettings;
import dev.berth.server.RetentionPolicy;
import dev.berth.server.spi.BlobInfo;
import dev.berth.server.spi.BlobStore;
import dev.berth.server.spi.BlobTouches;
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
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Garbage collection while the registry serves. One run:
 * <ol>
 *   <li>starts an epoch of the {@link ContentGuard}, so every push in this process from now on pins what it writes
 *       or relies on;</li>
 *   <li>per repository: applies the first matching {@link RetentionPolicy} (tags, then untagged manifests), then,
 *       with {@link GcSettings#deleteUntagged()}, deletes the manifests no tag reaches (directly, as an index's
 *       child, or as a referrer of a kept manifest); the blobs the remaining manifests reference are marked;</li>
 *   <li>sweeps every blob not marked whose last store and last touch are both older than the grace period: it
 *       claims the blob in the {@link BlobTouches}, then unlinks it from the repositories that linked it and deletes
 *       it, then ends the claim.</li>
 * </ol>
 *
 * <h2>Why no push loses a blob, on any instance</h2>
 * A push on any instance over the same storage touches every blob it is about to rely on (a commit, a mount, the
 * blobs of a manifest, a HEAD that lets the client skip an upload) <i>before</i> it checks the blob is stored, and
 * a touch fails while a claim holds the blob. The collector deletes a blob only under its claim, which it gets only
 * if no touch came after the start of the grace period. Touch and claim are atomic with each other, so:
 * <ul>
 *   <li>if the push's touch came first, the claim fails and the blob stays (the push is then recent: its touch is
 *       within the grace, as long as a push's touch-to-write takes less than the grace and the clocks agree);</li>
 *   <li>if the claim came first, the push waits for the claim to end and then finds the blob gone (and is told to
 *       upload it again) or kept.</li>
 * </ul>
 * A manifest the mark did not see (pushed during the run) therefore never loses its blobs, and no reference needs
 * to be read again before each delete. The {@link ContentGuard}'s stripes and pins add the same for manifests and
 * tags that retention deletes, in this process. A {@link dev.berth.server.spi.JobLease} makes one instance at a
 * time run on a schedule; it saves duplicated work, safety does not rest on it. A run given a lease renews it
 * before each repository and each blob it deletes and stops as soon as a renewal fails. Runs in one process take
 * turns.
 */
public final class OnlineCollector {
    private static final Logger LOG = LoggerFactory.getLogger(OnlineCollector.class);
    // How long a claim outlives a collector that died while deleting one blob.
    private static final Duration CLAIM_TTL = Duration.ofMinutes(1);

    private final BlobStore blobs;
    private final MetadataStore metadata;
    private final ContentGuard guard;
    private final GcSettings settings;
    private final List<RetentionPolicy> retention;
    private final PullTimes pulls;
    private final Quotas quotas;
    private final Clock clock;
    private final BlobTouches touches;
    private final Instant started;
    // For stores that keep no blob times: when each unreferenced blob was first found so.
    private final Map<Digest, Instant> firstSeenUnreferenced = new HashMap<>();
    private BooleanSupplier renewal = () -> true; // the running collection's
    private boolean leaseLost;

    /**
     * @param blobs     the blob store
     * @param metadata  the metadata store
     * @param guard     shared with the registry's pushes
     * @param touches   shared with every instance's pushes
     * @param settings  grace and whether untagged manifests go
     * @param retention the policies, first match per repository
     * @param pulls     the pull times the registry records
     * @param quotas    told to count usage again after deletions
     * @param clock     the clock ages are measured on
     */
    public OnlineCollector(BlobStore blobs, MetadataStore metadata, ContentGuard guard, BlobTouches touches, GcSettings settings,
                           List<RetentionPolicy> retention, PullTimes pulls, Quotas quotas, Clock clock) {
        this.blobs = blobs;
        this.metadata = metadata;
        this.guard = guard;
        this.touches = touches;
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
    public GcReport collect(boolean dryRun) {
        return collect(dryRun, () -> true);
    }

    /**
     * @param dryRun  report only, change nothing
     * @param renewal renews the lease the run holds; false stops the run where it is
     * @return what was (or would be) removed until then
     */
    public synchronized GcReport collect(boolean dryRun, BooleanSupplier renewal) {
        this.renewal = renewal;
        Instant begin = clock.instant();
        long t0 = System.nanoTime();
        Removed removed = new Removed();
        guard.beginEpoch();
        try {
            Set<Digest> referenced = new HashSet<>();
            Map<Digest, List<String>> links = new HashMap<>();
            boolean sweepable = true;
            leaseLost = false;
            for (String repo : metadata.listRepositories().items()) {
                if (!stillLeased()) {
                    break;
                }
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
            if (sweepable && !leaseLost) {
                sweep(referenced, links, begin.minus(settings.grace()), dryRun, removed);
            }
        } finally {
            guard.endEpoch();
        }
        if (!dryRun && removed.any()) {
            quotas.invalidateAll();
        }
        touches.forgetTouchedBefore(begin.minus(settings.grace()));
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
            if (deleteManifest(view.name, m, now.minus(settings.grace()), dryRun)) {
                view.manifests.remove(m);
                removed.manifests.add(view.name + "@" + m);
            }
        }
    }

    // Under the manifest's stripe: a push of it, of an index naming it or of a referrer to it since the epoch began
    // pinned it, and it stays. A push through another instance is not pinned here: the store keeps a manifest tagged
    // or pushed within the grace since the run began (the tags this run read may be older than it).
    private boolean deleteManifest(String repo, Digest manifest, Instant pushedBefore, boolean dryRun) {
        if (dryRun) {
            return true;
        }
        try (ContentGuard.Held held = guard.lock(manifest)) {
            if (guard.isPinned(manifest)) {
                return false;
            }
            boolean deleted = metadata.deleteUntaggedManifest(repo, manifest, pushedBefore);
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
            if (!stillLeased()) {
                return;
            }
            try (ContentGuard.Held held = guard.lock(b.digest())) {
                // Again under the stripe: a commit, mount or manifest push here may have just relied on it. The claim
                // fails if a push on any instance touched it since the cutoff.
                Instant now = clock.instant();
                if (guard.isPinned(b.digest()) || !oldEnough(b.digest(), cutoff)
                        || !touches.claim(b.digest(), cutoff, now, now.plus(CLAIM_TTL))) {
                    continue;
                }
                try {
                    for (String repo : links.getOrDefault(b.digest(), List.of())) {
                        metadata.unlinkBlob(repo, b.digest());
                    }
                    if (blobs.delete(b.digest())) {
                        removed.blobs.add(b.digest());
                        removed.bytes += b.size();
                    }
                } finally {
                    touches.release(b.digest());
                }
            }
            firstSeenUnreferenced.remove(b.digest());
        }
    }

    private boolean stillLeased() {
        if (!leaseLost && !renewal.getAsBoolean()) {
            leaseLost = true;
            LOG.warn("garbage collection stopped: its lease could not be renewed (another instance may hold it now)");
        }
        return !leaseLost;
    }

    private boolean oldEnough(Digest blob, Instant cutoff) {
        Optional<Instant> stored = blobs.storedAt(blob);
        Instant since = stored.orElseGet(() -> firstSeenUnreferenced.computeIfAbsent(blob, k -> clock.instant()));
        Optional<Instant> used = touches.touchedAt(blob);
        return !since.isAfter(cutoff) && (used.isEmpty() || !used.get().isAfter(cutoff));
    }
}
