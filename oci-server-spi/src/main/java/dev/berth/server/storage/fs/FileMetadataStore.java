package dev.berth.server.storage.fs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.InvalidArgumentException;
import dev.berth.model.Page;
import dev.berth.model.internal.DescriptorJson;
import dev.berth.model.internal.Json;
import dev.berth.model.internal.JsonFields;
import dev.berth.server.spi.ManifestRecord;
import dev.berth.server.spi.MetadataStore;
import dev.berth.server.spi.StorageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A {@link MetadataStore} on a local directory, one folder per repository
 * ({@code repositories/<name>/}) holding:
 * <ul>
 *   <li>{@code _manifests/<alg>/<hex>/} — {@code data} (exact bytes), {@code meta.json},
 *       and {@code tags/} naming the tags that point here (the index that lets a
 *       delete find its tags without scanning);</li>
 *   <li>{@code _tags/<tag>} — the digest the tag points at;</li>
 *   <li>{@code _links/<alg>/<hex>} — blobs the repository may serve;</li>
 *   <li>{@code _referrers/<alg>/<subject hex>/<alg>-<hex>} — referrer entries.</li>
 * </ul>
 * Repository path components cannot start with {@code _}, so these never clash
 * with repository names. Every file is written atomically; a manifest folder
 * is built aside and renamed into place. The tag files are the truth; the tag
 * index under a manifest is a hint that is checked before it is acted on, so
 * a crash between the two leaves nothing wrong.
 *
 * <p>One store is its directory's only writer: it keeps the manifests and tags it
 * read in memory and forgets them as it changes them, so a second process writing
 * the same directory (a registry, or {@code berth gc} while one runs) would not be
 * seen by it.
 */
public final class FileMetadataStore implements MetadataStore {
    private final Path root;
    private final java.time.Clock clock;
    // This process's: registries sharing this store object share it too.
    private final dev.berth.server.spi.BlobTouches touches = dev.berth.server.spi.BlobTouches.local();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    // Manifest and tag reads served from memory; writes below forget what they change (see ReadCache).
    private final ReadCache cache;
    private static final long CACHED_MANIFEST_BYTES = 32L * 1024 * 1024;

    /** @param root the store's directory; created if missing */
    public FileMetadataStore(Path root) {
        this(root, java.time.Clock.systemUTC());
    }

    /**
     * @param root  the store's directory; created if missing
     * @param clock the clock push times are taken from
     */
    public FileMetadataStore(Path root, java.time.Clock clock) {
        this(root, clock, CACHED_MANIFEST_BYTES);
    }

    FileMetadataStore(Path root, java.time.Clock clock, long cachedManifestBytes) {
        this.root = root.resolve("repositories");
        this.clock = java.util.Objects.requireNonNull(clock, "clock");
        this.cache = new ReadCache(cachedManifestBytes);
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new StorageException("cannot create the metadata store in " + root + ": " + e.getMessage(), e);
        }
    }

    // Names reach here validated by the registry; this check keeps the store safe on its own.
    private Path repo(String repository) {
        dev.berth.model.Reference.requireValidRepository(InvalidArgumentException.requireNonNull(repository, "repository"));
        return root.resolve(repository);
    }

    private static Path manifestDir(Path repo, Digest d) {
        return repo.resolve("_manifests").resolve(d.algorithm()).resolve(d.encoded());
    }

    private Object lock(String repository) {
        return locks.computeIfAbsent(repository, k -> new Object());
    }

    @Override
    public void putManifest(String repository, ManifestRecord m, List<String> tags) {
        InvalidArgumentException.requireNonNull(repository, "repository");
        InvalidArgumentException.requireNonNull(m, "manifest");
        InvalidArgumentException.requireNonNull(tags, "tags");
        for (String tag : tags) {
            if (tag == null) {
                throw new InvalidArgumentException("tags", "must not hold a null tag");
            }
            dev.berth.model.Reference.requireValidTag(tag);
        }
        Path repo = repo(repository);
        synchronized (lock(repository)) {
            try {
                Path dir = manifestDir(repo, m.digest());
                if (!Files.exists(dir.resolve("meta.json"))) {
                    Path staging = repo.resolve("_manifests").resolve(".staging-" + UUID.randomUUID());
                    Files.createDirectories(staging.resolve("tags"));
                    Files2.writeAtomically(staging.resolve("data"), m.bytes());
                    Files2.writeAtomically(staging.resolve("meta.json"), meta(m));
                    if (!Files2.moveAtomically(staging, dir, false)) {
                        Files2.deleteTree(staging); // stored meanwhile: same digest, same bytes
                    }
                }
                // meta.json's modification time is when the manifest was last pushed (retention reads it).
                Files.setLastModifiedTime(dir.resolve("meta.json"), java.nio.file.attribute.FileTime.from(clock.instant()));
                if (m.subject().isPresent() && m.referrer().isPresent()) {
                    Digest s = m.subject().get();
                    Files2.writeAtomically(repo.resolve("_referrers").resolve(s.algorithm()).resolve(s.encoded())
                            .resolve(m.digest().algorithm() + "-" + m.digest().encoded()),
                            Json.write(g -> DescriptorJson.write(g, m.referrer().get())));
                }
                for (String tag : tags) {
                    Optional<Digest> old = resolveTag(repository, tag);
                    cache.forgetTag(repository, tag);
                    Files2.writeAtomically(repo.resolve("_tags").resolve(tag), m.digest().toString().getBytes(StandardCharsets.UTF_8));
                    Files2.createEmpty(dir.resolve("tags").resolve(tag));
                    if (old.isPresent() && !old.get().equals(m.digest())) {
                        Files.deleteIfExists(manifestDir(repo, old.get()).resolve("tags").resolve(tag));
                    }
                }
            } catch (IOException e) {
                throw new StorageException("cannot store manifest " + m.digest() + " in " + repository + ": " + e.getMessage(), e);
            }
        }
    }

    private static byte[] meta(ManifestRecord m) {
        ObjectNode meta = Json.mapper().createObjectNode().put("mediaType", m.mediaType());
        m.subject().ifPresent(s -> meta.put("subject", s.toString()));
        m.referrer().ifPresent(r -> {
            try {
                meta.set("referrer", Json.mapper().readTree(Json.write(g -> DescriptorJson.write(g, r))));
            } catch (IOException e) {
                throw new StorageException("cannot encode a referrer entry", e);
            }
        });
        return meta.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Optional<ManifestRecord> getManifest(String repository, Digest digest) {
        InvalidArgumentException.requireNonNull(repository, "repository");
        InvalidArgumentException.requireNonNull(digest, "digest");
        ManifestRecord kept = cache.manifest(repository, digest);
        if (kept != null) {
            return Optional.of(kept);
        }
        Path repo = repo(repository);
        synchronized (lock(repository)) {
            kept = cache.manifest(repository, digest);
            if (kept != null) {
                return Optional.of(kept);
            }
            Optional<ManifestRecord> read = readManifest(repo, digest);
            read.ifPresent(m -> cache.keepManifest(repository, m));
            return read;
        }
    }

    private static Optional<ManifestRecord> readManifest(Path repo, Digest digest) {
        Path dir = manifestDir(repo, digest);
        byte[] data = Files2.readIfExists(dir.resolve("data"));
        byte[] meta = Files2.readIfExists(dir.resolve("meta.json"));
        if (data == null || meta == null) {
            return Optional.empty();
        }
        JsonFields f = JsonFields.root(Json.readObject(meta, "stored manifest metadata"), "stored manifest metadata");
        ManifestRecord record = ManifestRecord.of(digest, f.string("mediaType"), data);
        Optional<String> subject = f.optionalString("subject");
        if (subject.isPresent()) {
            record = record.withSubject(Digest.parse(subject.get()));
        }
        Optional<JsonFields> referrer = f.optionalObject("referrer");
        if (referrer.isPresent()) {
            record = record.withReferrer(DescriptorJson.read(referrer.get()));
        }
        return Optional.of(record);
    }

    @Override
    public Optional<java.time.Instant> manifestPushedAt(String repository, Digest digest) {
        InvalidArgumentException.requireNonNull(digest, "digest");
        try {
            return Optional.of(Files.getLastModifiedTime(manifestDir(repo(repository), digest).resolve("meta.json")).toInstant());
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StorageException("cannot read manifest " + digest + " of " + repository + ": " + e.getMessage(), e);
        }
    }

    // Only the repository's own folders: a nested repository (team/app/sub under team/app) lives beside them and stays.
    @Override
    public boolean deleteRepository(String repository) {
        Path repo = repo(repository);
        synchronized (lock(repository)) {
            try {
                boolean existed = repositoryExists(repository);
                for (String part : List.of("_tags", "_manifests", "_referrers", "_links")) {
                    Files2.deleteTree(repo.resolve(part));
                }
                return existed;
            } finally {
                cache.forgetRepository(repository);
            }
        }
    }

    @Override
    public Optional<Digest> resolveTag(String repository, String tag) {
        InvalidArgumentException.requireNonNull(repository, "repository");
        InvalidArgumentException.requireNonNull(tag, "tag");
        Digest kept = cache.tag(repository, tag);
        if (kept != null) {
            return Optional.of(kept);
        }
        if (!dev.berth.model.Reference.isValidTag(tag)) {
            return Optional.empty();
        }
        Path repo = repo(repository);
        synchronized (lock(repository)) {
            byte[] b = Files2.readIfExists(repo.resolve("_tags").resolve(tag));
            Optional<Digest> read = b == null ? Optional.empty() : Digest.tryParse(new String(b, StandardCharsets.UTF_8).trim());
            read.ifPresent(d -> cache.keepTag(repository, tag, d));
            return read;
        }
    }

    // Under the repository's lock, as pushes to it take it: a push first leaves a tag or a newer time.
    @Override
    public boolean deleteUntaggedManifest(String repository, Digest digest, java.time.Instant pushedBefore) {
        InvalidArgumentException.requireNonNull(digest, "digest");
        InvalidArgumentException.requireNonNull(pushedBefore, "pushedBefore");
        Path repo = repo(repository);
        synchronized (lock(repository)) {
            for (String tag : list(manifestDir(repo, digest).resolve("tags"))) {
                if (resolveTag(repository, tag).map(digest::equals).orElse(false)) {
                    return false;
                }
            }
            Optional<java.time.Instant> pushed = manifestPushedAt(repository, digest);
            return (pushed.isEmpty() || pushed.get().isBefore(pushedBefore)) && deleteManifest(repository, digest);
        }
    }

    @Override
    public boolean deleteManifest(String repository, Digest digest) {
        InvalidArgumentException.requireNonNull(digest, "digest");
        Path repo = repo(repository);
        synchronized (lock(repository)) {
            Optional<ManifestRecord> m = getManifest(repository, digest);
            if (m.isEmpty()) {
                return false;
            }
            Path dir = manifestDir(repo, digest);
            try {
                for (String tag : list(dir.resolve("tags"))) {
                    if (resolveTag(repository, tag).map(digest::equals).orElse(false)) {
                        Files.deleteIfExists(repo.resolve("_tags").resolve(tag));
                    }
                }
                if (m.get().subject().isPresent()) {
                    Digest s = m.get().subject().get();
                    Files.deleteIfExists(repo.resolve("_referrers").resolve(s.algorithm()).resolve(s.encoded())
                            .resolve(digest.algorithm() + "-" + digest.encoded()));
                }
                Files2.deleteTree(dir);
                return true;
            } catch (IOException e) {
                throw new StorageException("cannot delete manifest " + digest + " from " + repository + ": " + e.getMessage(), e);
            } finally {
                // Last, as the reads above keep what they find.
                cache.forgetRepository(repository);
            }
        }
    }

    @Override
    public boolean deleteTag(String repository, String tag) {
        InvalidArgumentException.requireNonNull(tag, "tag");
        Path repo = repo(repository);
        synchronized (lock(repository)) {
            Optional<Digest> d = resolveTag(repository, tag);
            if (d.isEmpty()) {
                return false;
            }
            cache.forgetTag(repository, tag);
            try {
                Files.deleteIfExists(repo.resolve("_tags").resolve(tag));
                Files.deleteIfExists(manifestDir(repo, d.get()).resolve("tags").resolve(tag));
            } catch (IOException e) {
                throw new StorageException("cannot delete tag " + tag + " of " + repository + ": " + e.getMessage(), e);
            }
            return true;
        }
    }

    @Override
    public boolean repositoryExists(String repository) {
        Path repo = repo(repository);
        return !list(repo.resolve("_tags")).isEmpty() || hasEntries(repo.resolve("_manifests"))
                || hasEntries(repo.resolve("_links"));
    }

    private static boolean hasEntries(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        boolean[] found = {false};
        walkTolerantly(dir, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult preVisitDirectory(Path d, java.nio.file.attribute.BasicFileAttributes a) {
                return !d.equals(dir) && d.getFileName().toString().startsWith(".")
                        ? java.nio.file.FileVisitResult.SKIP_SUBTREE : java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFile(Path f, java.nio.file.attribute.BasicFileAttributes a) {
                if (a.isRegularFile() && !f.getFileName().toString().startsWith(".")) {
                    found[0] = true;
                    return java.nio.file.FileVisitResult.TERMINATE;
                }
                return java.nio.file.FileVisitResult.CONTINUE;
            }
        });
        return found[0];
    }

    // A walk that goes on past entries renamed or deleted while it runs (staging folders, concurrent deletes).
    private static void walkTolerantly(Path start, java.nio.file.SimpleFileVisitor<Path> visitor) {
        try {
            Files.walkFileTree(start, new java.nio.file.FileVisitor<Path>() {
                @Override
                public java.nio.file.FileVisitResult preVisitDirectory(Path d, java.nio.file.attribute.BasicFileAttributes a)
                        throws IOException {
                    return visitor.preVisitDirectory(d, a);
                }

                @Override
                public java.nio.file.FileVisitResult visitFile(Path f, java.nio.file.attribute.BasicFileAttributes a)
                        throws IOException {
                    return visitor.visitFile(f, a);
                }

                @Override
                public java.nio.file.FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
                    if (e instanceof java.nio.file.NoSuchFileException) {
                        return java.nio.file.FileVisitResult.CONTINUE;
                    }
                    throw e;
                }

                @Override
                public java.nio.file.FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    if (e != null && !(e instanceof java.nio.file.NoSuchFileException)) {
                        throw e;
                    }
                    return java.nio.file.FileVisitResult.CONTINUE;
                }
            });
        } catch (java.nio.file.NoSuchFileException e) {
            // the start itself went away: nothing to visit
        } catch (IOException e) {
            throw new StorageException("cannot read " + start + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Page<String> listTags(String repository, String after, int limit) {
        InvalidArgumentException.requireNonNull(after, "after");
        InvalidArgumentException.requireNonNegative(limit, "limit");
        return MetadataStore.page(new TreeSet<>(list(repo(repository).resolve("_tags"))), after, limit);
    }

    @Override
    public Page<String> listRepositories(String after, int limit) {
        InvalidArgumentException.requireNonNull(after, "after");
        InvalidArgumentException.requireNonNegative(limit, "limit");
        TreeSet<String> names = new TreeSet<>();
        // Only name folders: a repository's own _ folders (and . temporaries) are never descended into.
        walkTolerantly(root, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult preVisitDirectory(Path d, java.nio.file.attribute.BasicFileAttributes a) {
                if (d.equals(root)) {
                    return java.nio.file.FileVisitResult.CONTINUE;
                }
                if (containsUnderscoreComponent(root.relativize(d))) {
                    return java.nio.file.FileVisitResult.SKIP_SUBTREE;
                }
                String name = root.relativize(d).toString().replace('\\', '/');
                if (repositoryExists(name)) {
                    names.add(name);
                }
                return java.nio.file.FileVisitResult.CONTINUE;
            }
        });
        return MetadataStore.page(names, after, limit);
    }

    private static boolean containsUnderscoreComponent(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith("_") || part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }


    @Override
    public List<Descriptor> referrers(String repository, Digest subject) {
        InvalidArgumentException.requireNonNull(subject, "subject");
        Path dir = repo(repository).resolve("_referrers").resolve(subject.algorithm()).resolve(subject.encoded());
        List<Descriptor> result = new ArrayList<>();
        for (String name : new TreeSet<>(list(dir))) {
            byte[] b = Files2.readIfExists(dir.resolve(name));
            if (b != null) {
                result.add(DescriptorJson.read(JsonFields.root(Json.readObject(b, "referrer entry"), "referrer entry")));
            }
        }
        result.sort(java.util.Comparator.comparing(Descriptor::digest));
        return result;
    }

    @Override
    public List<Digest> manifests(String repository) {
        return digestsUnder(repo(repository).resolve("_manifests"), true);
    }

    @Override
    public List<Digest> linkedBlobs(String repository) {
        return digestsUnder(repo(repository).resolve("_links"), false);
    }

    // <dir>/<algorithm>/<encoded>: folders (manifests, complete only) or files (links)
    private static List<Digest> digestsUnder(Path dir, boolean folders) {
        List<Digest> result = new ArrayList<>();
        for (String algorithm : list(dir)) {
            for (String encoded : list(dir.resolve(algorithm))) {
                Path p = dir.resolve(algorithm).resolve(encoded);
                if (folders && !Files.exists(p.resolve("meta.json"))) {
                    continue;
                }
                Digest.tryParse(algorithm + ":" + encoded).ifPresent(result::add);
            }
        }
        return result;
    }

    @Override
    public void linkBlob(String repository, Digest digest) {
        InvalidArgumentException.requireNonNull(digest, "digest");
        Path link = repo(repository).resolve("_links").resolve(digest.algorithm()).resolve(digest.encoded());
        if (!Files.exists(link)) {
            Files2.createEmpty(link);
        }
    }

    @Override
    public boolean isBlobLinked(String repository, Digest digest) {
        InvalidArgumentException.requireNonNull(digest, "digest");
        return Files.exists(repo(repository).resolve("_links").resolve(digest.algorithm()).resolve(digest.encoded()));
    }

    @Override
    public boolean unlinkBlob(String repository, Digest digest) {
        InvalidArgumentException.requireNonNull(digest, "digest");
        try {
            return Files.deleteIfExists(repo(repository).resolve("_links").resolve(digest.algorithm()).resolve(digest.encoded()));
        } catch (IOException e) {
            throw new StorageException("cannot unlink " + digest + " from " + repository + ": " + e.getMessage(), e);
        }
    }

    /** @return the visible file names in a directory (temporary files start with a dot) */
    private static List<String> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).toList();
        } catch (java.nio.file.NoSuchFileException e) {
            return List.of(); // deleted since the check (a repository deletion, a staging folder renamed into place)
        } catch (IOException e) {
            throw new StorageException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** @return the record this store object's registries share, in this process's memory */
    @Override
    public java.util.Optional<dev.berth.server.spi.BlobTouches> blobTouches() {
        return java.util.Optional.of(touches);
    }

    @Override
    public void close() {
        locks.clear();
    }

}
