package dev.berth.client.copy;

import dev.berth.client.TransferListener;
import dev.berth.model.Descriptor;
import dev.berth.model.manifest.Manifest;
import java.util.Optional;

/**
 * Where {@link ImageCopier} writes an image to. The copier calls {@link #pushBlob} for every blob (several at
 * once, from its transfer threads), then {@link #pushManifest} for every manifest, children before their index,
 * subjects before their referrers, and {@link #commit()} once everything is there. Berth has one for a registry
 * repository, an OCI image layout, {@link InMemoryImages} and the two tar archives; see {@link ImageLocation}
 * for how to plug in another.
 *
 * <p>A target verifies what it stores against the descriptor's digest and size (as
 * {@link dev.berth.model.VerifyingInputStream} does), so a corrupt source fails the copy rather than the image.
 * A target opened for one copy by {@link ImageLocation#openTarget()} is closed when the copy ends, committed or
 * not: one that stages its writes (an archive) discards them on a close without commit.
 */
public interface ImageTarget extends AutoCloseable {

    /** Why a manifest is written, which decides how a layout or an archive lists it. */
    enum Role {
        /** the manifest the destination reference names */
        ROOT,
        /** an entry of an index, reachable through it */
        CHILD,
        /** an artifact referring to another manifest, reachable through nothing else */
        REFERRER
    }

    /**
     * Stores a blob unless the target has it already.
     *
     * @param blob     the blob's descriptor; what is stored must match its digest and size
     * @param from     the source, read through {@link ImageSource#contentOf}; a registry target may instead mount
     *                 the blob when {@code from} is another repository of the same registry
     * @param listener hears the bytes move and the outcome (at most one {@code done} call)
     * @return how the blob got there
     * @throws dev.berth.model.DigestMismatchException if the content does not match the digest
     */
    TransferListener.Outcome pushBlob(Descriptor blob, ImageSource from, TransferListener listener);

    /**
     * Stores a manifest's exact bytes, after every blob and child manifest it references.
     *
     * @param manifest the manifest
     * @param role     why it is written
     * @param tag      for the {@link Role#ROOT root}: the tag to give it, or empty to store it by digest only;
     *                 always empty for the other roles
     */
    void pushManifest(Manifest manifest, Role role, Optional<String> tag);

    /** Makes what was written visible, once the whole copy succeeded; nothing to do by default. */
    default void commit() {
    }

    /** @return where this is, for messages, e.g. {@code registry.example.com/team/app} */
    String describe();

    /** Releases what writing needed, discarding staged writes unless {@link #commit()} ran; nothing by default. */
    @Override
    default void close() {
    }
}
