package dev.berth.client.copy;

import dev.berth.client.ProgressTracker;
import dev.berth.client.TransferListener;
import dev.berth.model.ContentIOException;
import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.MediaType;
import dev.berth.model.OciException;
import dev.berth.model.Platform;
import dev.berth.model.config.ImageConfig;
import dev.berth.model.manifest.ImageManifest;
import dev.berth.model.manifest.Manifest;
import dev.berth.model.manifest.ManifestIndex;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * One copy from start to end: picks what to copy, moves blobs in parallel, then writes manifests
 * children first, then referrers. Blobs already moved in this copy are not moved twice.
 */
final class CopyRun {
    // BuildKit's attestation entries name the image they belong to with these annotations.
    private static final String REFERENCE_TYPE = "vnd.docker.reference.type";
    private static final String REFERENCE_DIGEST = "vnd.docker.reference.digest";

    private final ImageSource from;
    private final ImageTarget to;
    private final String sourceName;
    private final CopyOptions options;
    private final ExecutorService pool;
    private final ProgressTracker progress;
    private final TransferListener listeners;
    private final Map<Digest, TransferListener.Outcome> outcomes = new ConcurrentHashMap<>();
    private final Set<Digest> referrersSeen = new HashSet<>();
    private final List<CopiedManifest> referrersCopied = new ArrayList<>();

    /** A manifest with the manifests it needs at the destination first. */
    private record Node(Manifest manifest, Optional<Platform> platform, List<Node> children) {
    }

    /** What will be written as the destination's root. */
    private record Selection(Node tree, CopyResult.Root root) {
    }

    CopyRun(ImageSource from, ImageTarget to, String sourceName, CopyOptions options, ExecutorService pool,
            ProgressTracker progress) {
        this.from = from;
        this.to = to;
        this.sourceName = sourceName;
        this.options = options;
        this.pool = pool;
        this.progress = progress;
        this.listeners = both(options.listener(), progress);
    }

    private static TransferListener both(TransferListener first, TransferListener second) {
        return new TransferListener() {
            @Override
            public void progress(Descriptor blob, long transferred) {
                first.progress(blob, transferred);
                second.progress(blob, transferred);
            }

            @Override
            public void done(Descriptor blob, Outcome outcome) {
                first.done(blob, outcome);
                second.done(blob, outcome);
            }
        };
    }

    CopyResult run(String sourceReference, Optional<String> tag) {
        Manifest source = from.getManifest(sourceReference);
        Selection selection = select(source);
        List<CopiedManifest> copied = putTree(selection.tree(), ImageTarget.Role.ROOT, tag);
        if (options.referrers()) {
            for (Node n : postOrder(selection.tree())) {
                // A rewritten index is not what the source's referrers name as their subject.
                if (n != selection.tree() || selection.root() != CopyResult.Root.SUBSET_INDEX) {
                    copyReferrers(n.manifest().digest());
                }
            }
        }
        return new CopyResult(source.descriptor(), selection.tree().manifest().descriptor(), selection.root(), copied,
                referrersCopied);
    }

    // ---------------------------------------------------------------- choosing

    private Selection select(Manifest source) {
        PlatformSelection wanted = options.platforms();
        if (source instanceof ImageManifest image) {
            if (wanted.checkPlatforms()) {
                checkPlatform(image, wanted.platforms());
            }
            return new Selection(load(image, Optional.empty()), CopyResult.Root.SAME);
        }
        ManifestIndex index = (ManifestIndex) source;
        if (wanted.isAll()) {
            return new Selection(load(index, Optional.empty()), CopyResult.Root.SAME);
        }
        if (wanted.unwrap()) {
            Descriptor entry = find(index, wanted.platforms().get(0));
            return new Selection(load(from.getManifest(entry), entry.platform()), CopyResult.Root.PLATFORM_IMAGE);
        }
        Set<Digest> chosen = new HashSet<>();
        for (Platform p : wanted.platforms()) {
            chosen.add(find(index, p).digest());
        }
        List<Descriptor> kept = new ArrayList<>();
        for (Descriptor d : index.manifests()) {
            String attests = "attestation-manifest".equals(d.annotations().get(REFERENCE_TYPE))
                    ? d.annotations().get(REFERENCE_DIGEST) : null;
            if (chosen.contains(d.digest()) || (attests != null && chosen.contains(Digest.tryParse(attests).orElse(null)))) {
                kept.add(d);
            }
        }
        if (kept.equals(index.manifests())) {
            return new Selection(load(index, Optional.empty()), CopyResult.Root.SAME);
        }
        ManifestIndex subset = index.toBuilder().manifests(kept).build();
        return new Selection(load(subset, Optional.empty()), CopyResult.Root.SUBSET_INDEX);
    }

    private Descriptor find(ManifestIndex index, Platform platform) {
        return index.find(platform).orElseThrow(() -> new PlatformNotFoundException(sourceName, platform, index.platforms()));
    }

    // A single image is what it is; asking for another platform is a mistake worth reporting.
    private void checkPlatform(ImageManifest image, List<Platform> wanted) {
        Descriptor config = image.config();
        if (!MediaType.isImageConfig(config.mediaType())) {
            return; // an artifact has no platform to check
        }
        if (config.size() > ImageConfig.MAX_BYTES) {
            throw new dev.berth.model.ContentTooLargeException("image configuration", ImageConfig.MAX_BYTES, config.size());
        }
        byte[] bytes;
        try (InputStream in = from.getBlob(config).open(0)) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new ContentIOException("cannot read the configuration of " + sourceName, e);
        }
        Platform have = ImageConfig.parse(bytes).platform();
        if (wanted.stream().noneMatch(w -> w.matches(have) || w.compatibilityRank(have).isPresent())) {
            throw new PlatformNotFoundException(sourceName, wanted.get(0), List.of(have));
        }
    }

    private Node load(Manifest manifest, Optional<Platform> platform) {
        List<Node> children = new ArrayList<>();
        if (manifest instanceof ManifestIndex index) {
            for (Descriptor d : index.manifests()) {
                children.add(load(from.getManifest(d), d.platform()));
            }
        }
        return new Node(manifest, platform, children);
    }

    private static List<Node> postOrder(Node root) {
        List<Node> order = new ArrayList<>();
        Set<Digest> seen = new HashSet<>();
        addPostOrder(root, order, seen);
        return order;
    }

    private static void addPostOrder(Node node, List<Node> order, Set<Digest> seen) {
        for (Node child : node.children()) {
            addPostOrder(child, order, seen);
        }
        if (seen.add(node.manifest().digest())) {
            order.add(node);
        }
    }

    // ---------------------------------------------------------------- writing

    // Every blob of the tree first (in parallel), then the manifests, children before their index.
    private List<CopiedManifest> putTree(Node root, ImageTarget.Role rootRole, Optional<String> tag) {
        List<Node> order = postOrder(root);
        List<Descriptor> blobs = new ArrayList<>();
        for (Node n : order) {
            blobs.addAll(blobsOf(n.manifest()));
        }
        transferAll(blobs);
        List<CopiedManifest> done = new ArrayList<>();
        for (Node n : order) {
            boolean isRoot = n == root;
            to.pushManifest(n.manifest(), isRoot ? rootRole : ImageTarget.Role.CHILD, isRoot ? tag : Optional.empty());
            List<CopiedManifest.BlobCopy> copies = new ArrayList<>();
            for (Descriptor b : blobsOf(n.manifest())) {
                copies.add(new CopiedManifest.BlobCopy(b, outcomes.get(b.digest())));
            }
            CopiedManifest copied = CopiedManifest.of(n.manifest().descriptor(), copies);
            if (n.platform().isPresent()) {
                copied = copied.withPlatform(n.platform().get());
            }
            if (n.manifest().subject().isPresent()) {
                copied = copied.withSubject(n.manifest().subject().get().digest());
            }
            options.manifestListener().accept(copied);
            done.add(copied);
        }
        return done;
    }

    private static List<Descriptor> blobsOf(Manifest manifest) {
        List<Descriptor> blobs = new ArrayList<>();
        if (manifest instanceof ImageManifest image) {
            blobs.add(image.config());
            for (Descriptor layer : image.layers()) {
                if (isDistributable(layer)) {
                    blobs.add(layer);
                }
            }
        }
        return blobs;
    }

    // Foreign layers live at their URLs; registries neither expect nor always accept them.
    private static boolean isDistributable(Descriptor layer) {
        String type = MediaType.normalize(layer.mediaType());
        boolean foreign = type.contains(".nondistributable.") || type.equals(MediaType.DOCKER_FOREIGN_LAYER);
        return !foreign || layer.urls().isEmpty();
    }

    private void transferAll(List<Descriptor> blobs) {
        Map<Digest, Descriptor> todo = new LinkedHashMap<>();
        for (Descriptor b : blobs) {
            if (!outcomes.containsKey(b.digest())) {
                todo.putIfAbsent(b.digest(), b);
            }
        }
        progress.expect(todo.values()); // the totals before the first byte moves
        List<Future<?>> running = new ArrayList<>();
        for (Descriptor b : todo.values()) {
            running.add(pool.submit(() -> {
                TransferListener.Outcome outcome = to.pushBlob(b, from, listeners);
                progress.done(b, outcome); // counted once, whether or not the endpoint reported it
                outcomes.put(b.digest(), outcome);
            }));
        }
        RuntimeException failure = null;
        for (Future<?> f : running) {
            if (failure != null) {
                f.cancel(true);
                continue;
            }
            try {
                f.get();
            } catch (ExecutionException e) {
                failure = rethrowable(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = new OciException("copy of " + sourceName + " interrupted", e);
            }
        }
        if (failure != null) {
            running.forEach(f -> f.cancel(true));
            throw failure;
        }
    }

    private static RuntimeException rethrowable(Throwable cause) {
        if (cause instanceof RuntimeException r) {
            return r; // keeps its type: DigestMismatchException, RegistryException, ...
        }
        if (cause instanceof Error e) {
            throw e;
        }
        return new OciException("blob transfer failed: " + cause, cause);
    }

    // ---------------------------------------------------------------- referrers

    private void copyReferrers(Digest subject) {
        for (Descriptor entry : from.referrers(subject)) {
            if (!referrersSeen.add(entry.digest())) {
                continue;
            }
            Node tree = load(from.getManifest(entry), Optional.empty());
            referrersCopied.addAll(putTree(tree, ImageTarget.Role.REFERRER, Optional.empty()));
            for (Node n : postOrder(tree)) {
                copyReferrers(n.manifest().digest());
            }
        }
    }
}
