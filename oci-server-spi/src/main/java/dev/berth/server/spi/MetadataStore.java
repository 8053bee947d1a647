package dev.berth.server.spi;

import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What repositories hold: manifests (exact bytes), tags, which blobs each
 * repository may serve (links), and referrers by subject. Intended to be
 * backed by memory, a disk, or a relational database.
 *
 * <h2>Guarantees an implementation must give</h2>
 * <ul>
 *   <li>{@link #putManifest} is atomic: after it returns the manifest, its tags
 *       and its entry among its subject's referrers are all visible; after a
 *       crash either all or, for the tags, the manifest without some of them.
 *       It never leaves a tag pointing at a manifest that is not stored.</li>
 *   <li>Moving a tag replaces the old target in one step: a reader sees the old
 *       or the new digest, never none.</li>
 *   <li>{@link #deleteManifest} removes the manifest, every tag that points at
 *       it and its referrers entry, without scanning unrelated tags.</li>
 *   <li>Listings are in lexical (byte) order; {@code last} is exclusive and need not be a stored name.
 *       A page of {@code n = 0} is empty and says no more follow ({@link Page#of} does all of this).</li>
 *   <li>All methods are safe to call concurrently.</li>
 * </ul>
 */
public interface MetadataStore extends AutoCloseable {

    /**
     * Stores a manifest and points tags at it (moving them if they pointed elsewhere).
     *
     * @param repository the repository; created if new
     * @param manifest   the manifest
     * @param tags       tags to point at it, possibly none
     */
    void putManifest(String repository, ManifestRecord manifest, List<String> tags);

    /**
     * @param digest the manifest's or blob's digest
     * @param repository the repository's name, already validated by the registry
     * @return the manifest, if the repository holds it
     */
    Optional<ManifestRecord> getManifest(String repository, Digest digest);

    /**
     * @param tag the tag, already validated by the registry
     * @param repository the repository's name, already validated by the registry
     * @return the digest a tag points at
     */
    Optional<Digest> resolveTag(String repository, String tag);

    /**
     * @param digest the manifest's or blob's digest
     * @param repository the repository's name, already validated by the registry
     * @return whether the manifest was there; its tags and referrers entry go with it
     */
    boolean deleteManifest(String repository, Digest digest);

    /**
     * @param tag the tag, already validated by the registry
     * @param repository the repository's name, already validated by the registry
     * @return whether the tag was there (the manifest stays)
     */
    boolean deleteTag(String repository, String tag);

    /**
     * @param repository the repository's name, already validated by the registry
     * @return whether the repository has ever been written to and not emptied
     */
    boolean repositoryExists(String repository);

    /**
     * @param repository the repository
     * @param last       list names after this one, or null
     * @param n          at most this many, or -1 for all; 0 answers an empty page with {@code more} false
     * @return the tags, in lexical order, and whether more follow
     */
    Page listTags(String repository, String last, int n);

    /**
     * @param last list names after this one, or null
     * @param n    at most this many, or -1 for all; 0 answers an empty page with {@code more} false
     * @return the names, in lexical order, and whether more follow
     */
    Page listRepositories(String last, int n);

    /**
     * @param subject the digest of the manifest the referrers refer to
     * @param repository the repository's name, already validated by the registry
     * @return the referrers of {@code subject} in the repository, ordered by their digest
     */
    List<Descriptor> referrers(String repository, Digest subject);

    /**
     * @param repository the repository's name, already validated by the registry
     * @return every manifest the repository holds, tagged or not (for garbage collection)
     */
    List<Digest> manifests(String repository);

    /**
     * @param repository the repository's name, already validated by the registry
     * @return every blob the repository may serve (for garbage collection)
     */
    List<Digest> linkedBlobs(String repository);

    /**
     * Lets the repository serve a blob (after an upload or a mount).
     *
     * @param repository the repository's name, already validated by the registry
     * @param digest the manifest's or blob's digest
     */
    void linkBlob(String repository, Digest digest);

    /**
     * @param digest the manifest's or blob's digest
     * @param repository the repository's name, already validated by the registry
     * @return whether the repository may serve the blob
     */
    boolean isBlobLinked(String repository, Digest digest);

    /**
     * @param digest the manifest's or blob's digest
     * @param repository the repository's name, already validated by the registry
     * @return whether a link was removed
     */
    boolean unlinkBlob(String repository, Digest digest);

    /**
     * When a manifest was last pushed into the repository (stored, or stored again with tags). Retention's
     * {@code newest} and {@code untaggedFor} rules are measured on it.
     *
     * @param repository the repository's name, already validated by the registry
     * @param digest     the manifest
     * @return the time, if the repository holds the manifest and the store keeps times; a store that answers empty
     *         (the default) has the registry count the manifest as pushed when it first saw it
     */
    default Optional<Instant> manifestPushedAt(String repository, Digest digest) {
        return Optional.empty();
    }

    /**
     * Removes a repository: every manifest, tag, referrers entry and blob link it holds. The blobs stay in the
     * {@link BlobStore} for garbage collection, as other repositories may use them. Repositories nested under its
     * name ({@code team/app/sub} under {@code team/app}) are separate and stay. The default does it through the
     * other methods; a store may do it in fewer steps.
     *
     * @param repository the repository's name, already validated by the registry
     * @return whether the repository existed
     */
    default boolean deleteRepository(String repository) {
        boolean existed = repositoryExists(repository);
        for (Digest manifest : manifests(repository)) {
            deleteManifest(repository, manifest);
        }
        for (String tag : listTags(repository, null, -1).items()) {
            deleteTag(repository, tag);
        }
        for (Digest blob : linkedBlobs(repository)) {
            unlinkBlob(repository, blob);
        }
        return existed;
    }

    /** Releases resources. */
    @Override
    void close();
}
