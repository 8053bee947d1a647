package dev.berth.client.copy;

import dev.berth.client.ProgressTracker;
import dev.berth.model.internal.ServerDefaults;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies an image, a multi-platform index or an artifact between any two
 * {@link ImageLocation}s: registries, OCI image layouts, OCI and {@code docker save}
 * tar archives, {@link InMemoryImages} (and so an {@link dev.berth.client.image.Image}
 * built in memory), or a backend of your own ({@link ImageSource}, {@link ImageTarget}).
 *
 * <ul>
 *   <li>Manifests keep their exact bytes, so digests are preserved; only a
 *       {@link PlatformSelection platform subset} writes a new index, and the
 *       {@link CopyResult} says so.</li>
 *   <li>Blobs stream from source to destination, verified as they flow, never
 *       held in memory; several move at once ({@link CopyOptions#parallelism()}).
 *       What the destination has is not sent again; within one registry, blobs
 *       are mounted from the source repository instead of sent.</li>
 *   <li>Blobs go before the manifest that references them, an index's entries
 *       before the index, a subject before its referrers: a failure part-way
 *       leaves no manifest at the destination whose content is missing; an archive is only
 *       renamed into place once complete.</li>
 *   <li>{@link CopyOptions#progress()} hears where the whole copy stands: every blob of the image is known
 *       before the first moves, so its byte and blob totals are there from the first snapshot.</li>
 * </ul>
 *
 * <pre>{@code
 * ImageCopier copier = new ImageCopier(CopyOptions.builder()
 *         .platforms(PlatformSelection.of(Platform.parse("linux/arm64"))).referrers(true).build());
 * CopyResult r = copier.copy(ImageLocation.registry(hub, "library/alpine", "3.20"),
 *                            ImageLocation.layout(OciLayout.create(dir), "3.20"));
 * }</pre>
 *
 * <p>Thread-safe: each copy has its own transfer threads, stopped before it returns.
 */
public final class ImageCopier {
    private static final Logger LOG = LoggerFactory.getLogger(ImageCopier.class);

    private final CopyOptions options;

    /** @param options how to copy */
    public ImageCopier(CopyOptions options) {
        this.options = java.util.Objects.requireNonNull(options, "options");
    }

    /** @return a copier with {@link CopyOptions#defaults()} */
    public static ImageCopier withDefaults() {
        return new ImageCopier(CopyOptions.defaults());
    }

    /** @return the options this copier copies with */
    public CopyOptions options() {
        return options;
    }

    /**
     * Copies the manifest {@code source} names, with everything it references, to {@code destination}.
     *
     * @param source      where it is; its reference (tag or digest) is required
     * @param destination where it goes; its reference is the tag to give it, or null to push it by digest
     *                    (in a layout: listed in {@code index.json} without a tag)
     * @return what was copied
     * @throws PlatformNotFoundException                 if a selected platform is not in the image
     * @throws dev.berth.model.DigestMismatchException    if source content does not match its digest
     * @throws dev.berth.model.RegistryException          if a registry refuses
     * @throws dev.berth.client.layout.UnknownTagException if a source layout has no such tag
     */
    public CopyResult copy(ImageLocation source, ImageLocation destination) {
        String reference = source.reference() == null ? "" : source.reference().strip();
        // An archive holding one image needs no name; every other source does.
        boolean archive = source instanceof ImageLocation.DockerArchive || source instanceof ImageLocation.OciArchive;
        if (reference.isEmpty() && !archive) {
            throw new IllegalArgumentException("the source needs a tag or a digest: " + source);
        }
        ProgressTracker progress = new ProgressTracker(options.progress(), options.progressInterval());
        try (ImageSource from = source.openSource(); ImageTarget to = destination.openTarget()) {
            ExecutorService pool = Executors.newFixedThreadPool(options.parallelism(),
                    ServerDefaults.daemonThreads("berth-copy"));
            try {
                CopyResult result = new CopyRun(from, to, source.toString(), options, pool, progress)
                        .run(reference, Optional.ofNullable(destination.reference()));
                to.commit();
                progress.finish();
                return result;
            } finally {
                // before the target is closed: no transfer may still be writing to it
                pool.shutdownNow();
                awaitStopped(pool);
            }
        }
    }

    // After a failure, transfers still running are interrupted; wait so none writes after copy() returned.
    private static void awaitStopped(ExecutorService pool) {
        try {
            if (!pool.awaitTermination(60, TimeUnit.SECONDS)) {
                LOG.warn("blob transfers still running 60 s after the copy ended");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
