package dev.berth.server.internal.gc;

import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.OciException;
import dev.berth.model.manifest.ImageManifest;
import dev.berth.model.manifest.Manifest;
import dev.berth.model.manifest.ManifestIndex;
import dev.berth.server.spi.ManifestRecord;
import dev.berth.server.spi.MetadataStore;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One repository's tags and manifests as the collector's mark read them, with
 * what the collection decided to remove taken out (a dry run decides the same
 * without changing the store).
 */
final class RepositoryView {
    final String name;
    final Map<String, Digest> tags = new TreeMap<>();
    final Map<Digest, Manifest> manifests = new LinkedHashMap<>();
    private final MetadataStore metadata;

    RepositoryView(MetadataStore metadata, String name) {
        this.metadata = metadata;
        this.name = name;
        for (String tag : metadata.listTags(name).items()) {
            metadata.resolveTag(name, tag).ifPresent(d -> tags.put(tag, d));
        }
        for (Digest d : metadata.manifests(name)) {
            metadata.getManifest(name, d).ifPresent(m -> manifests.put(d, parse(m)));
        }
    }

    // Stored manifests were parsed on their push; one that no longer parses keeps nothing and is never deleted.
    private static Manifest parse(ManifestRecord m) {
        try {
            return Manifest.parse(m.bytes(), m.mediaType());
        } catch (OciException e) {
            return null;
        }
    }

    /** @return the manifests the remaining tags reach: directly, as an index's children, as a kept manifest's referrers */
    Set<Digest> reachableFromTags() {
        Set<Digest> reached = new HashSet<>();
        Deque<Digest> todo = new ArrayDeque<>(tags.values());
        while (!todo.isEmpty()) {
            Digest d = todo.pop();
            if (!reached.add(d)) {
                continue;
            }
            if (manifests.get(d) instanceof ManifestIndex index) {
                index.manifests().forEach(child -> todo.add(child.digest()));
            }
            metadata.referrers(name, d).forEach(r -> todo.add(r.digest()));
        }
        return reached;
    }

    /** @return whether the manifest could be read (an unreadable one is never deleted) */
    boolean isUnderstood(Digest manifest) {
        return manifests.get(manifest) != null;
    }

    /**
     * @param into where to add the blobs the remaining manifests reference (configs and layers; foreign layers too,
     *             harmlessly)
     * @return whether every remaining manifest could be read; if not, nothing may be swept
     */
    boolean addReferencedBlobs(Set<Digest> into) {
        boolean all = true;
        for (Map.Entry<Digest, Manifest> e : manifests.entrySet()) {
            if (e.getValue() == null) {
                all = false;
            } else if (e.getValue() instanceof ImageManifest image) {
                into.add(image.config().digest());
                for (Descriptor layer : image.layers()) {
                    into.add(layer.digest());
                }
            }
        }
        return all;
    }

    List<Digest> manifestDigests() {
        return List.copyOf(manifests.keySet());
    }
}
