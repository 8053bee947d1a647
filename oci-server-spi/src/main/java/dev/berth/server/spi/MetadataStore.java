package dev.berth.server.spi;

import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.InvalidArgumentException;
import dev.berth.model.Page;
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
 *   <li>Listings are in lexical (byte) order; {@code after} is exclusive and need not be a stored name, and
 *       {@code ""} (no valid repository or tag name) lists from the start. A page of {@code limit = 0} is empty
 *       and says no more follow ({@link #page} does all of this).</li>
 *   <li>No argument is null: a null, or a negative {@code limit}, is refused with an
 *       {@link InvalidArgumentException} naming the parameter ({@code MetadataStoreContract} checks every
 *       method).</li>
 *   <li>All methods are safe to call concurrently.</li>
 * </ul>
 */
public interface MetadataStore extends AutoCloseable {

    /**
     * Cuts one page out of a sorted set of names, for implementations that hold them all: at most
     * {@code limit} names after {@code after}, continued after its last name when more follow.
     *
     * @param sorted the names, in lexical order
     * @param after  list names after this one; {@code ""} for the first page
     * @param limit  at most this many, 0 or more ({@link Integer#MAX_VALUE} for all); 0 gives an empty last page
     * @return the page
     * @throws InvalidArgumentException if an argument is null or {@code limit} is negative
     */
    static Page<String> page(java.util.NavigableSet<String> sorted, String after, int limit) {
        InvalidArgumentException.requireNonNull(sorted, "sorted");
        InvalidArgumentException.requireNonNull(after, "after");
        if (limit < 0) {
            throw new InvalidArgumentException("limit", "must be 0 or more, not " + limit);
        }
        if (limit == 0) {
            return Page.last(List.of()); // nothing to continue after: no next page (the specification: no Link)
        }
        List<String> items = new java.util.ArrayList<>();
        for (String name : sorted.tailSet(after, false)) {
            if (items.size() == limit) {
                return Page.of(items, items.get(items.size() - 1));
            }
            items.add(name);
        }
        return Page.last(items);
    }

    /**
     * Stores a manifest and points tags at it (moving them if they pointed elsewhere).
     *
     * @param repository the repository; created if new
     * @param manifest   the manifest
     * @param tags       tags to point at it, possibly none
     * @throws InvalidArgumentException if an argument or a tag is null
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
     * The manifest a tag points at, in one step: a registry answers most pulls by tag, and a store across a
     * network (a database) reads both in one round trip. The default resolves the tag, then reads the manifest.
     *
     * @param repository the repository's name, already validated by the registry
     * @param tag        the tag, already validated by the registry
     * @return the manifest, if the tag exists and points at a stored manifest
     */
    default Optional<ManifestRecord> getTaggedManifest(String repository, String tag) {
        return resolveTag(repository, tag).flatMap(digest -> getManifest(repository, digest));
    }

    /**
     * @param digest the manifest's or blob's digest
     * @param repository the repository's name, already validated by the registry
     * @return whether the manifest was there; its tags and referrers entry go with it
     */
    boolean deleteManifest(String repository, Digest digest);

    /**
     * Deletes a manifest that garbage collection found untagged, unless a push made it wanted since: a tag points at
     * it now, or it was pushed at or after {@code pushedBefore}. A collector on one instance reads the tags and then
     * deletes; a push through another instance in between must win, so a store several instances share makes the
     * check and the delete one step. The default checks through the other methods (reading every tag of the
     * repository) and then deletes: enough where one registry writes the store, as its own guard orders its pushes
     * against its collector.
     *
     * @param repository   the repository's name, already validated by the registry
     * @param digest       the manifest
     * @param pushedBefore a manifest pushed at or after this instant stays
     * @return whether the manifest was deleted
     */
    default boolean deleteUntaggedManifest(String repository, Digest digest, Instant pushedBefore) {
        InvalidArgumentException.requireNonNull(pushedBefore, "pushedBefore");
        Optional<Instant> pushed = manifestPushedAt(repository, digest);
        if (pushed.isPresent() && !pushed.get().isBefore(pushedBefore)) {
            return false;
        }
        for (String tag : listTags(repository).items()) {
            if (resolveTag(repository, tag).map(digest::equals).orElse(false)) {
                return false;
            }
        }
        return deleteManifest(repository, digest);
    }

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
     * One page of a repository's tags.
     *
     * @param repository the repository
     * @param after      list names after this one; {@code ""} for the first page
     * @param limit      at most this many, 0 or more ({@link Integer#MAX_VALUE} for all); 0 answers an empty page
     *                   that is the last
     * @return the tags, in lexical order, continued after the last of them when more follow; an unknown
     *         repository has none
     * @throws InvalidArgumentException if an argument is null or {@code limit} is negative
     */
    Page<String> listTags(String repository, String after, int limit);

    /**
     * Every tag of a repository.
     *
     * @param repository the repository
     * @return the tags, in lexical order, as the last page; an unknown repository has none
     * @throws InvalidArgumentException if {@code repository} is null
     */
    default Page<String> listTags(String repository) {
        return listTags(repository, "", Integer.MAX_VALUE);
    }

    /**
     * One page of the repositories that hold something.
     *
     * @param after list names after this one; {@code ""} for the first page
     * @param limit at most this many, 0 or more ({@link Integer#MAX_VALUE} for all); 0 answers an empty page that
     *              is the last
     * @return the names, in lexical order, continued after the last of them when more follow
     * @throws InvalidArgumentException if {@code after} is null or {@code limit} is negative
     */
    Page<String> listRepositories(String after, int limit);

    /**
     * Every repository that holds something.
     *
     * @return the names, in lexical order, as the last page
     */
    default Page<String> listRepositories() {
        return listRepositories("", Integer.MAX_VALUE);
    }

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
        InvalidArgumentException.requireNonNull(repository, "repository");
        InvalidArgumentException.requireNonNull(digest, "digest");
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
        for (String tag : listTags(repository).items()) {
            deleteTag(repository, tag);
        }
        for (Digest blob : linkedBlobs(repository)) {
            unlinkBlob(repository, blob);
        }
        return existed;
    }

    /**
     * The record of blob touches and claims that keeps garbage collection on one registry instance from deleting a
     * blob a push on another relies on (see {@link BlobTouches}). A store several processes share must offer one that
     * they share too.
     *
     * @return the store's record; empty (the default) for a store only one registry writes, which then keeps the
     *         record in its own memory
     */
    default Optional<BlobTouches> blobTouches() {
        return Optional.empty();
    }

    /** Releases resources. */
    @Override
    void close();
}
