package dev.berth.server.internal;

import dev.berth.model.ContentTooLargeException;
import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.DigestMismatchException;
import dev.berth.model.ErrorCode;
import dev.berth.model.InvalidDigestException;
import dev.berth.model.InvalidReferenceException;
import dev.berth.model.MediaType;
import dev.berth.model.OciException;
import dev.berth.model.Page;
import dev.berth.model.Reference;
import dev.berth.model.artifact.Referrers;
import dev.berth.model.manifest.ImageManifest;
import dev.berth.model.manifest.Manifest;
import dev.berth.model.manifest.ManifestIndex;
import dev.berth.server.internal.gc.ContentGuard;
import dev.berth.server.internal.gc.Lifecycle;
import dev.berth.server.internal.gc.QuotaExceededException;
import dev.berth.server.spi.BlobInfo;
import dev.berth.server.spi.BlobStore;
import dev.berth.server.spi.ManifestRecord;
import dev.berth.server.spi.MetadataStore;
import dev.berth.server.spi.UploadOffsetException;
import dev.berth.server.spi.UploadUnknownException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The registry's rules, independent of HTTP: what may be pushed, what a pull
 * returns, what a delete removes. Errors are {@link ApiError}s with the
 * distribution error codes.
 */
public final class RegistryService {
    // Store pages read at a time while filtering the catalog for a caller who may not see all of it.
    private static final int CATALOG_CHUNK = 1000;
    private final BlobStore blobs;
    private final MetadataStore metadata;
    private final Rules rules;
    private final Lifecycle lifecycle;
    private final ContentGuard guard;

    /**
     * The choices the specification leaves to a registry.
     *
     * @param automaticCrossMount whether a mount without {@code from} links the blob from a repository the
     *                            caller may pull (distribution: off, the client uploads instead)
     * @param sparseIndexes       whether an index may name manifests the repository does not hold (a copy of
     *                            some platforms of an index); off: every child must be there, as distribution checks
     * @param deleteEnabled       whether manifests, tags and blobs may be deleted; off, every delete is 405
     *                            UNSUPPORTED, as distribution answers without {@code storage.delete.enabled: true}
     * @param blobRedirects       whether a blob GET is answered with a redirect to where the blob store offers
     *                            it ({@link BlobStore#redirectFor}); off, the registry streams every blob itself
     */
    public record Rules(boolean automaticCrossMount, boolean sparseIndexes, boolean deleteEnabled, boolean blobRedirects) {
        /**
         * The rules without blob redirects.
         *
         * @param automaticCrossMount as above
         * @param sparseIndexes       as above
         * @param deleteEnabled       as above
         */
        public Rules(boolean automaticCrossMount, boolean sparseIndexes, boolean deleteEnabled) {
            this(automaticCrossMount, sparseIndexes, deleteEnabled, false);
        }
    }

    /**
     * @param blobs    where blob bytes live
     * @param metadata where manifests, tags and links live
     * @param rules    the choices the specification leaves open
     */
    public RegistryService(BlobStore blobs, MetadataStore metadata, Rules rules) {
        this(blobs, metadata, rules, Lifecycle.none(blobs, metadata));
    }

    /**
     * @param blobs     where blob bytes live
     * @param metadata  where manifests, tags and links live
     * @param rules     the choices the specification leaves open
     * @param lifecycle what pushes share with garbage collection, retention and quotas
     */
    public RegistryService(BlobStore blobs, MetadataStore metadata, Rules rules, Lifecycle lifecycle) {
        this.blobs = blobs;
        this.metadata = metadata;
        this.rules = java.util.Objects.requireNonNull(rules, "rules");
        this.lifecycle = java.util.Objects.requireNonNull(lifecycle, "lifecycle");
        this.guard = lifecycle.guard();
    }

    private static ApiError denied(QuotaExceededException e) {
        return new ApiError(ErrorCode.DENIED, 403, e.getMessage());
    }

    /** @return whether a mount without {@code from} may link a blob from another repository */
    boolean automaticCrossMount() {
        return rules.automaticCrossMount();
    }

    /** @return the repository name, checked against the specification's grammar (no path tricks) */
    static String repository(String name) {
        try {
            return Reference.requireValidRepository(name);
        } catch (InvalidReferenceException e) {
            throw new ApiError(ErrorCode.NAME_INVALID, e.getMessage());
        }
    }

    /** @return the digest in a path or parameter; malformed is 400 DIGEST_INVALID, never a 500 */
    static Digest digest(String text) {
        try {
            return Digest.parse(text);
        } catch (InvalidDigestException e) {
            throw new ApiError(ErrorCode.DIGEST_INVALID, e.getMessage());
        }
    }

    /**
     * @return the digest in a blob path; one Berth cannot compute names no blob it could hold, so it is 400
     *         DIGEST_INVALID as distribution answers, not 404
     */
    static Digest blobDigest(String text) {
        Digest digest = digest(text);
        if (!digest.isVerifiable()) {
            throw new ApiError(ErrorCode.DIGEST_INVALID, "unsupported digest algorithm \"" + digest.algorithm()
                    + "\": blobs are stored under sha256 or sha512");
        }
        return digest;
    }

    // ---- blobs

    // A client told a blob exists may push a manifest on it without uploading it: the touch restarts the grace
    // of every instance's collector. One that a collector is deleting is not there.
    BlobInfo statBlob(String repo, Digest digest) {
        try (ContentGuard.Held held = guard.lock(digest)) {
            if (!metadata.isBlobLinked(repo, digest)) {
                throw new ApiError(ErrorCode.BLOB_UNKNOWN, "blob " + digest + " is not in " + repo);
            }
            if (!lifecycle.confirm(digest)) {
                throw new ApiError(ErrorCode.BLOB_UNKNOWN, "blob " + digest + " is being deleted by garbage collection");
            }
            return blobs.stat(digest)
                    .orElseThrow(() -> new ApiError(ErrorCode.BLOB_UNKNOWN, "blob " + digest + " is not stored"));
        }
    }

    // Where the client may fetch a blob statBlob found, if redirects are on and the store offers a place.
    Optional<java.net.URI> blobRedirect(Digest digest) {
        return rules.blobRedirects() ? blobs.redirectFor(digest) : Optional.empty();
    }

    InputStream openBlob(Digest digest, long offset, long length) {
        return blobs.open(digest, offset, length);
    }

    void deleteBlob(String repo, Digest digest) {
        requireDeleteEnabled();
        if (!metadata.unlinkBlob(repo, digest)) {
            throw new ApiError(ErrorCode.BLOB_UNKNOWN, "blob " + digest + " is not in " + repo);
        }
        lifecycle.quotas().invalidate(repo);
    }

    /** A blob linked into a repository from another one. */
    record Mounted(BlobInfo blob, String from) {
    }

    /** @return the blob, if {@code from} holds it; it is then linked into {@code repo} */
    Optional<Mounted> mount(String repo, Digest digest, String from) {
        return mountFromAny(repo, digest, List.of(from));
    }

    /**
     * Automatic content discovery (a mount without {@code from}): only from
     * repositories the caller may pull, so a mount never reveals what a pull would not.
     *
     * @param sources the repositories the caller may pull, in the order to look
     * @return the blob and the repository it came from, if one of them holds it
     */
    Optional<Mounted> mountFromAny(String repo, Digest digest, Iterable<String> sources) {
        // A blob not stored at all (the usual case: a client asks before its first push) needs no look at any source.
        Optional<BlobInfo> info = blobs.stat(digest);
        if (info.isEmpty()) {
            return Optional.empty();
        }
        for (String from : sources) {
            // A token may name anything; only real repository names reach the store.
            if (isValidRepository(from) && metadata.isBlobLinked(from, digest)) {
                return linkMounted(repo, digest, from);
            }
        }
        return Optional.empty();
    }

    // Touched before the check, so no instance's collector deletes it between the check and the link (and under
    // the blob's stripe for this one's pins).
    private Optional<Mounted> linkMounted(String repo, Digest digest, String from) {
        try (ContentGuard.Held held = guard.lock(digest)) {
            if (!lifecycle.relyOn(List.of(digest))) {
                return Optional.empty(); // being deleted: the client uploads it instead
            }
            Optional<BlobInfo> info = blobs.stat(digest);
            if (info.isEmpty()) {
                return Optional.empty();
            }
            lifecycle.quotas().admit(repo, digest, info.get().size(), () -> {
                metadata.linkBlob(repo, digest);
                return null;
            });
            guard.pin(List.of(digest));
            return Optional.of(new Mounted(info.get(), from));
        } catch (QuotaExceededException e) {
            throw denied(e);
        }
    }

    private static boolean isValidRepository(String name) {
        try {
            Reference.requireValidRepository(name);
            return true;
        } catch (InvalidReferenceException e) {
            return false;
        }
    }

    /** @return every repository, for callers that may pull all of them; listed only when iterated */
    Iterable<String> allRepositories() {
        return () -> metadata.listRepositories().items().iterator();
    }

    String startUpload(String repo) {
        try {
            lifecycle.quotas().checkRepository(repo); // a repository the namespace has no room for: refused before any byte
        } catch (QuotaExceededException e) {
            throw denied(e);
        }
        return blobs.createUpload(repo);
    }

    // A session is served only through the repository it was started in; elsewhere it does not exist.
    private void requireSessionIn(String repo, String id) {
        try {
            if (!blobs.uploadRepository(id).equals(repo)) {
                throw new ApiError(ErrorCode.BLOB_UPLOAD_UNKNOWN, "upload " + id + " is not in " + repo);
            }
        } catch (UploadUnknownException e) {
            throw new ApiError(ErrorCode.BLOB_UPLOAD_UNKNOWN, e.getMessage());
        }
    }

    long append(String repo, String id, Long offset, InputStream chunk) {
        requireSessionIn(repo, id);
        try {
            long at = offset != null ? offset : blobs.uploadSize(id);
            return blobs.appendUpload(id, at, chunk);
        } catch (UploadUnknownException e) {
            throw new ApiError(ErrorCode.BLOB_UPLOAD_UNKNOWN, e.getMessage());
        } catch (UploadOffsetException e) {
            // 416 as the specification asks, with a code it lists (distribution's RANGE_INVALID is not among them).
            throw new ApiError(ErrorCode.BLOB_UPLOAD_INVALID, 416, e.getMessage(),
                    java.util.Map.of("Range", e.expected() == 0 ? "0-0" : "0-" + (e.expected() - 1)));
        }
    }

    long uploadSize(String repo, String id) {
        requireSessionIn(repo, id);
        try {
            return blobs.uploadSize(id);
        } catch (UploadUnknownException e) {
            throw new ApiError(ErrorCode.BLOB_UPLOAD_UNKNOWN, e.getMessage());
        }
    }

    BlobInfo finishUpload(String repo, String id, Digest digest) {
        requireSessionIn(repo, id);
        // Touched first: no instance's collector deletes it between the commit and the link.
        try (ContentGuard.Held held = guard.lock(digest)) {
            if (!lifecycle.relyOn(List.of(digest))) {
                // The session stays: the client may send the PUT again once the collector is done.
                throw new ApiError(ErrorCode.UNAVAILABLE, 503, "blob " + digest
                        + " is being deleted by garbage collection: send the upload's PUT again later");
            }
            BlobInfo info = lifecycle.quotas().admit(repo, digest, blobs.uploadSize(id), () -> {
                BlobInfo committed = blobs.commitUpload(id, digest);
                metadata.linkBlob(repo, digest);
                return committed;
            });
            guard.pin(List.of(digest));
            return info;
        } catch (QuotaExceededException e) {
            blobs.cancelUpload(id); // a refused push stores nothing, its partial data included
            throw denied(e);
        } catch (UploadUnknownException e) {
            throw new ApiError(ErrorCode.BLOB_UPLOAD_UNKNOWN, e.getMessage());
        } catch (DigestMismatchException e) {
            throw new ApiError(ErrorCode.DIGEST_INVALID, e.getMessage());
        } catch (dev.berth.model.UnsupportedDigestAlgorithmException e) {
            blobs.cancelUpload(id);
            throw new ApiError(ErrorCode.DIGEST_INVALID, e.getMessage());
        }
    }

    void cancelUploadQuietly(String id) {
        blobs.cancelUpload(id);
    }

    void cancelUpload(String repo, String id) {
        uploadSize(repo, id); // unknown sessions, and other repositories' sessions, are 404
        blobs.cancelUpload(id);
    }

    // ---- manifests

    /** What a manifest push stored: its digest and media type, the tags now pointing at it, its subject. */
    record Pushed(Digest digest, String mediaType, List<String> tags, Optional<Digest> subject) {
    }

    Pushed putManifest(String repo, String reference, List<String> extraTags, String contentType, byte[] body) {
        if (body.length > Manifest.MAX_BYTES) {
            throw new ApiError(ErrorCode.SIZE_INVALID, 413, "manifest of " + body.length + " bytes exceeds the limit of "
                    + Manifest.MAX_BYTES);
        }
        Manifest manifest;
        try {
            manifest = Manifest.parse(body, contentType);
        } catch (ContentTooLargeException e) {
            throw new ApiError(ErrorCode.SIZE_INVALID, 413, e.getMessage());
        } catch (OciException e) {
            throw new ApiError(ErrorCode.MANIFEST_INVALID, e.getMessage());
        }
        String declared = MediaType.normalize(contentType);
        if (MediaType.isManifest(declared) && !declared.equals(manifest.mediaType())) {
            throw new ApiError(ErrorCode.MANIFEST_INVALID, "Content-Type " + declared + " does not match the manifest's "
                    + manifest.mediaType());
        }
        List<String> tags = new ArrayList<>();
        // A tag cannot hold ':', so a reference with one is a digest, and a malformed one is DIGEST_INVALID as on GET.
        Optional<Digest> byDigest = reference.contains(":") ? Optional.of(digest(reference)) : Optional.empty();
        if (byDigest.isPresent()) {
            if (!byDigest.get().isVerifiable() || !byDigest.get().matches(body)) {
                throw new ApiError(ErrorCode.DIGEST_INVALID, "the manifest's bytes do not hash to " + reference);
            }
        } else {
            tags.add(tag(reference));
        }
        for (String t : extraTags) {
            tags.add(tag(t));
        }
        Optional<Digest> subject = manifest.subject().map(Descriptor::digest);
        // Stored under the client's digest when it pushes by one, whatever the algorithm (the specification: the
        // answer's digest MUST be the client's); by tag, under the canonical sha256.
        Digest digest = byDigest.orElse(manifest.digest());
        ManifestRecord plain = ManifestRecord.of(digest, manifest.mediaType(), body);
        ManifestRecord record = subject.map(s -> plain.withSubject(s)
                .withReferrer(Referrers.entryOf(manifest).toBuilder().digest(digest).build())).orElse(plain);
        // From the checks to the write, under the stripes of all the push relies on, so the collector deletes none of
        // it in between; pinned after, so the running collection keeps it.
        List<Object> keys = reliedOn(repo, digest, manifest, tags);
        try (ContentGuard.Held held = guard.lock(keys)) {
            List<Digest> blobsNeeded = blobsOf(manifest);
            if (!lifecycle.relyOn(blobsNeeded)) {
                throw new ApiError(ErrorCode.MANIFEST_BLOB_UNKNOWN, "blobs of the manifest are being deleted by garbage"
                        + " collection: upload them again (" + blobsNeeded + ")");
            }
            requireReferencedContent(repo, manifest);
            lifecycle.quotas().admit(repo, digest, body.length, () -> {
                metadata.putManifest(repo, record, tags);
                return null;
            });
            guard.pin(keys);
        } catch (QuotaExceededException e) {
            throw denied(e);
        }
        return new Pushed(digest, manifest.mediaType(), List.copyOf(tags), subject);
    }

    // The manifest itself, its tags, its subject, and its blobs or children.
    private static List<Object> reliedOn(String repo, Digest digest, Manifest manifest, List<String> tags) {
        List<Object> keys = new ArrayList<>();
        keys.add(digest);
        tags.forEach(t -> keys.add(new ContentGuard.TagKey(repo, t)));
        manifest.subject().ifPresent(s -> keys.add(s.digest()));
        if (manifest instanceof ImageManifest image) {
            keys.add(image.config().digest());
            image.layers().forEach(l -> keys.add(l.digest()));
        } else {
            ((ManifestIndex) manifest).manifests().forEach(c -> keys.add(c.digest()));
        }
        return keys;
    }

    // What a push touches before it checks them: an image's config and layers (an index names manifests only).
    private static List<Digest> blobsOf(Manifest manifest) {
        List<Digest> digests = new ArrayList<>();
        if (manifest instanceof ImageManifest image) {
            digests.add(image.config().digest());
            image.layers().forEach(l -> digests.add(l.digest()));
        }
        return digests;
    }

    private static String tag(String text) {
        if (!Reference.isValidTag(text)) {
            throw new ApiError(ErrorCode.TAG_INVALID, 400, "\"" + text + "\" is not a valid tag");
        }
        return text;
    }

    // A manifest becomes visible only when everything it references is there.
    private void requireReferencedContent(String repo, Manifest manifest) {
        if (manifest instanceof ImageManifest image) {
            List<Descriptor> blobsNeeded = new ArrayList<>(image.layers());
            blobsNeeded.add(image.config());
            for (Descriptor d : blobsNeeded) {
                if (!d.urls().isEmpty()) {
                    continue; // a foreign layer lives at its URLs
                }
                // Embedded data does not excuse a missing blob: clients may still GET it by digest (distribution agrees).
                Optional<BlobInfo> stored = metadata.isBlobLinked(repo, d.digest()) ? blobs.stat(d.digest()) : Optional.empty();
                if (stored.isEmpty()) {
                    throw new ApiError(ErrorCode.MANIFEST_BLOB_UNKNOWN, "blob " + d.digest() + " is not in " + repo);
                }
                if (stored.get().size() != d.size()) {
                    throw new ApiError(ErrorCode.MANIFEST_INVALID, "blob " + d.digest() + " has " + stored.get().size()
                            + " bytes, the manifest says " + d.size());
                }
            }
        } else if (!rules.sparseIndexes()) {
            for (Descriptor child : ((ManifestIndex) manifest).manifests()) {
                if (metadata.getManifest(repo, child.digest()).isEmpty()) {
                    throw new ApiError(ErrorCode.MANIFEST_BLOB_UNKNOWN, "manifest " + child.digest() + " is not in " + repo);
                }
            }
        }
    }

    ManifestRecord getManifest(String repo, String reference) {
        Optional<ManifestRecord> found = reference.contains(":") ? metadata.getManifest(repo, digest(reference))
                : metadata.getTaggedManifest(repo, validTag(reference));
        ManifestRecord m = found.orElseThrow(() -> new ApiError(ErrorCode.MANIFEST_UNKNOWN,
                (reference.contains(":") ? "manifest " : "tag ") + reference + " is not in " + repo));
        lifecycle.pulled(repo, m.digest());
        return m;
    }

    private static String validTag(String reference) {
        if (!Reference.isValidTag(reference)) {
            // Nothing can be stored under it, so it is unknown (404, as the conformance suite and distribution
            // answer); a push with such a tag is refused as TAG_INVALID instead.
            throw new ApiError(ErrorCode.MANIFEST_UNKNOWN, "\"" + reference + "\" is neither a tag nor a digest: no manifest"
                    + " is stored under it");
        }
        return reference;
    }

    // Refused before anything is looked up, so a disabled delete answers alike for what exists and what does not.
    private void requireDeleteEnabled() {
        if (!rules.deleteEnabled()) {
            throw new ApiError(ErrorCode.UNSUPPORTED, 405, "deletes are disabled on this registry");
        }
    }

    void deleteManifest(String repo, String reference) {
        requireDeleteEnabled();
        if (reference.contains(":")) {
            if (!metadata.deleteManifest(repo, digest(reference))) {
                throw new ApiError(ErrorCode.MANIFEST_UNKNOWN, "manifest " + reference + " is not in " + repo);
            }
        } else if (!metadata.deleteTag(repo, tag(reference))) {
            throw new ApiError(ErrorCode.MANIFEST_UNKNOWN, "tag " + reference + " is not in " + repo);
        }
        lifecycle.quotas().invalidate(repo);
    }

    /**
     * Deletes a repository: its manifests, tags, referrers and blob links. The blobs stay for garbage collection.
     *
     * @throws ApiError NAME_UNKNOWN if the repository does not exist
     */
    void deleteRepository(String repo) {
        if (!metadata.deleteRepository(repo)) {
            throw new ApiError(ErrorCode.NAME_UNKNOWN, "repository " + repo + " is not known");
        }
        lifecycle.quotas().invalidate(repo);
    }

    // ---- discovery

    Page<String> tags(String repo, String last, int n) {
        if (!metadata.repositoryExists(repo)) {
            throw new ApiError(ErrorCode.NAME_UNKNOWN, "repository " + repo + " is not known");
        }
        return metadata.listTags(repo, last, n < 0 ? Integer.MAX_VALUE : n); // n < 0: the client gave no n
    }

    /**
     * @return a page of the repositories the caller may see; pages stay exact (n of them when more follow),
     *         as the store's pages are read until n visible names and one more are found
     */
    Page<String> catalog(String last, int n, java.util.function.Predicate<String> visible) {
        if (n == 0) {
            return Page.last(List.of());
        }
        List<String> items = new ArrayList<>();
        String after = last;
        while (true) {
            Page<String> stored = metadata.listRepositories(after, CATALOG_CHUNK);
            for (String name : stored.items()) {
                if (visible.test(name)) {
                    if (items.size() == n) {
                        return Page.of(items, items.get(items.size() - 1));
                    }
                    items.add(name);
                }
            }
            if (stored.isLast() || stored.items().isEmpty()) {
                return Page.last(items);
            }
            after = stored.items().get(stored.items().size() - 1);
        }
    }

    /** @return the referrers index; an unknown subject has none, never a 404 */
    ManifestIndex referrers(String repo, Digest subject) {
        return Referrers.index(metadata.referrers(repo, subject));
    }

    /** @return the referrers index of one artifact type */
    ManifestIndex referrers(String repo, Digest subject, String artifactType) {
        return Referrers.index(Referrers.filter(metadata.referrers(repo, subject), artifactType));
    }
}
