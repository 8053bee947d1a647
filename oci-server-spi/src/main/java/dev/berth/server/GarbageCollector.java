package dev.berth.server;

import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.manifest.ImageManifest;
import dev.berth.model.manifest.Manifest;
import dev.berth.model.manifest.ManifestIndex;
import dev.berth.server.spi.BlobInfo;
import dev.berth.server.spi.ManifestRecord;
import dev.berth.server.spi.MetadataStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Mark and sweep over a registry's storage, for a registry that is not
 * serving (run it before starting, or on a stopped {@code berth serve}):
 * blobs no manifest references are deleted and unlinked; with
 * {@code deleteUntagged}, manifests reachable from no tag (directly, through
 * an index, or as a referrer of a kept manifest) go first.
 *
 * <pre>{@code
 * GarbageCollector.Report report = new GarbageCollector(Storage.filesystem(dir)).collect(false, true);
 * }</pre>
 */
public final class GarbageCollector {
    private final Storage storage;

    /** @param storage the stores to clean */
    public GarbageCollector(Storage storage) {
        this.storage = storage;
    }

    /**
     * What a collection found (and, unless it was a dry run, removed).
     *
     * @param manifestsDeleted untagged manifests removed
     * @param blobsDeleted     unreferenced blobs removed
     * @param bytesFreed       their size
     */
    public record Report(int manifestsDeleted, int blobsDeleted, long bytesFreed) {
    }

    /**
     * @param dryRun         report only, change nothing
     * @param deleteUntagged also remove manifests no tag reaches
     * @return what was (or would be) removed
     */
    public Report collect(boolean dryRun, boolean deleteUntagged) {
        MetadataStore meta = storage.metadata();
        Set<Digest> referencedBlobs = new HashSet<>();
        int manifestsDeleted = 0;
        List<String> repositories = meta.listRepositories(null, -1).items();
        for (String repo : repositories) {
            Set<Digest> keep = deleteUntagged ? reachableFromTags(meta, repo) : new HashSet<>(meta.manifests(repo));
            for (Digest d : meta.manifests(repo)) {
                if (!keep.contains(d)) {
                    manifestsDeleted++;
                    if (!dryRun) {
                        meta.deleteManifest(repo, d);
                    }
                    continue;
                }
                meta.getManifest(repo, d).ifPresent(m -> referencedBlobs.addAll(blobsOf(m)));
            }
        }
        List<BlobInfo> unreferenced = new ArrayList<>();
        storage.blobs().forEach(b -> {
            if (!referencedBlobs.contains(b.digest())) {
                unreferenced.add(b);
            }
        });
        long bytes = 0;
        for (BlobInfo b : unreferenced) {
            bytes += b.size();
            if (!dryRun) {
                for (String repo : repositories) {
                    meta.unlinkBlob(repo, b.digest());
                }
                storage.blobs().delete(b.digest());
            }
        }
        return new Report(manifestsDeleted, unreferenced.size(), bytes);
    }

    // Tags, what tagged indexes list, and the referrers of anything kept.
    private static Set<Digest> reachableFromTags(MetadataStore meta, String repo) {
        Set<Digest> reached = new HashSet<>();
        Deque<Digest> todo = new ArrayDeque<>();
        for (String tag : meta.listTags(repo, null, -1).items()) {
            meta.resolveTag(repo, tag).ifPresent(todo::add);
        }
        while (!todo.isEmpty()) {
            Digest d = todo.pop();
            if (!reached.add(d)) {
                continue;
            }
            Optional<ManifestRecord> m = meta.getManifest(repo, d);
            if (m.isPresent() && Manifest.parse(m.get().bytes(), m.get().mediaType()) instanceof ManifestIndex index) {
                index.manifests().forEach(child -> todo.add(child.digest()));
            }
            meta.referrers(repo, d).forEach(r -> todo.add(r.digest()));
        }
        return reached;
    }

    private static Set<Digest> blobsOf(ManifestRecord record) {
        Set<Digest> blobs = new HashSet<>();
        if (Manifest.parse(record.bytes(), record.mediaType()) instanceof ImageManifest image) {
            blobs.add(image.config().digest());
            for (Descriptor layer : image.layers()) {
                blobs.add(layer.digest());
            }
        }
        return blobs;
    }
}
