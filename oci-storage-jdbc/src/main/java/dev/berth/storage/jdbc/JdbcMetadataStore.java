package dev.berth.storage.jdbc;

import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.InvalidArgumentException;
import dev.berth.model.Page;
import dev.berth.model.Reference;
import dev.berth.model.internal.DescriptorJson;
import dev.berth.model.internal.Json;
import dev.berth.model.internal.JsonFields;
import dev.berth.server.spi.BlobTouches;
import dev.berth.server.spi.ManifestRecord;
import dev.berth.server.spi.MetadataStore;
import dev.berth.server.spi.StorageException;
import dev.berth.storage.jdbc.internal.Micros;
import dev.berth.storage.jdbc.internal.Migrations;
import dev.berth.storage.jdbc.internal.Transactions;
import dev.berth.storage.jdbc.internal.UrlDataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A {@link MetadataStore} in PostgreSQL, through plain JDBC: several registry instances over one database are one
 * registry, each seeing the others' pushes as soon as they return.
 *
 * <p>Opening a store brings the database's schema to this version (tables {@code berth_*}, migrated once however
 * many instances start together; see {@link #open(DataSource)}). Every operation takes a connection from the
 * {@link DataSource} and gives it back before it returns; a write is one transaction, so a push stores its
 * manifest, tags and referrers entry together or not at all, and a failure is a {@link StorageException} naming
 * the operation, with nothing of it written. Blob touches and claims ({@link #blobTouches()}) and leases
 * ({@link #lease()}) live in the same database, for garbage collection across instances. The writes of several statements (a push, a blob link, deleting a
 * manifest or a repository) lock the repository's row in {@code berth_repositories} first, so that on one
 * repository they run one after the other across instances; the others are single statements, and reads take no
 * locks. Tag listings and the catalog are paginated by the database.
 *
 * <pre>{@code
 * JdbcMetadataStore metadata = JdbcMetadataStore.open(pool);            // any DataSource: HikariCP, PGSimpleDataSource
 * EmbeddedRegistry registry = EmbeddedRegistry.builder().storage(new Storage(blobs, metadata)).start();
 * }</pre>
 *
 * <p>The driver ({@code org.postgresql:postgresql}) and a connection pool, if any, are the application's choice.
 */
public final class JdbcMetadataStore implements MetadataStore {
    private static final String MANIFEST_COLUMNS = "digest, media_type, content, subject, referrer";
    private static final String TAGGED_MANIFEST_COLUMNS = "m.digest, m.media_type, m.content, m.subject, m.referrer";

    private final Transactions db;
    private final Clock clock;

    private final BlobTouches touches;

    private JdbcMetadataStore(Transactions db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.touches = new JdbcBlobTouches(db);
    }

    /**
     * Opens a store and migrates the database's schema to this version if it is older: all in one transaction,
     * under a lock, so that instances starting together migrate once.
     *
     * @param dataSource where connections come from; the store does not close it
     * @return the store
     * @throws InvalidArgumentException if {@code dataSource} is null
     * @throws StorageException         if the database cannot be reached, is not PostgreSQL, or was migrated by a
     *                                  newer Berth than this one
     */
    public static JdbcMetadataStore open(DataSource dataSource) {
        return open(dataSource, Clock.systemUTC());
    }

    /**
     * Opens a store as {@link #open(DataSource)} does, with the clock push times are taken from.
     *
     * @param dataSource where connections come from; the store does not close it
     * @param clock      the clock of {@link #manifestPushedAt} and of the leases' expiry
     * @return the store
     * @throws InvalidArgumentException if an argument is null
     * @throws StorageException         if the database cannot be reached, is not PostgreSQL, or was migrated by a
     *                                  newer Berth than this one
     */
    public static JdbcMetadataStore open(DataSource dataSource, Clock clock) {
        Transactions db = new Transactions(InvalidArgumentException.requireNonNull(dataSource, "dataSource"));
        InvalidArgumentException.requireNonNull(clock, "clock");
        Migrations.shipped().apply(db);
        return new JdbcMetadataStore(db, clock);
    }

    /**
     * Opens a store on a JDBC URL, with a new connection for each operation (no pool: for a command line or a
     * test; a server gives {@link #open(DataSource)} a pool). The driver must be on the class or module path.
     *
     * @param jdbcUrl such as {@code jdbc:postgresql://db.internal/registry?user=berth&password=...}
     * @return the store
     * @throws InvalidArgumentException if {@code jdbcUrl} is null or blank
     * @throws StorageException         as {@link #open(DataSource)}
     */
    public static JdbcMetadataStore open(String jdbcUrl) {
        return open(new UrlDataSource(InvalidArgumentException.requireNonBlank(jdbcUrl, "jdbcUrl")));
    }

    /**
     * @return the leases in the same database, for jobs that one instance at a time may run (garbage collection)
     */
    public JdbcLease lease() {
        return new JdbcLease(db, clock);
    }

    /**
     * @return the blob touches and claims in the same database ({@code berth_blob_touches}), so that a collector on
     *         one instance never deletes a blob a push on another relies on
     */
    @Override
    public Optional<BlobTouches> blobTouches() {
        return Optional.of(touches);
    }

    @Override
    public void putManifest(String repository, ManifestRecord manifest, List<String> tags) {
        requireRepository(repository);
        InvalidArgumentException.requireNonNull(manifest, "manifest");
        InvalidArgumentException.requireNonNull(tags, "tags");
        for (String tag : tags) {
            if (tag == null) {
                throw new InvalidArgumentException("tags", "must not hold a null tag");
            }
            Reference.requireValidTag(tag);
        }
        Optional<Descriptor> referrer = manifest.referrer();
        db.write("putManifest " + repository + "@" + manifest.digest() + " " + tags, c -> {
            lockRepository(c, repository);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO berth_manifests"
                    + " (repository, digest, media_type, content, subject, artifact_type, referrer, pushed_at_micros)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (repository, digest) DO UPDATE SET"
                    + " media_type = EXCLUDED.media_type, content = EXCLUDED.content, subject = EXCLUDED.subject,"
                    + " artifact_type = EXCLUDED.artifact_type, referrer = EXCLUDED.referrer,"
                    + " pushed_at_micros = EXCLUDED.pushed_at_micros")) {
                ps.setString(1, repository);
                ps.setString(2, manifest.digest().toString());
                ps.setString(3, manifest.mediaType());
                ps.setBytes(4, manifest.bytes());
                ps.setString(5, manifest.subject().map(Digest::toString).orElse(null));
                ps.setString(6, referrer.flatMap(Descriptor::artifactType).orElse(null));
                ps.setString(7, referrer.map(JdbcMetadataStore::json).orElse(null));
                ps.setLong(8, Micros.of(clock.instant()));
                ps.executeUpdate();
            }
            if (!tags.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO berth_tags (repository, tag, digest)"
                        + " VALUES (?, ?, ?) ON CONFLICT (repository, tag) DO UPDATE SET digest = EXCLUDED.digest")) {
                    for (String tag : tags) {
                        ps.setString(1, repository);
                        ps.setString(2, tag);
                        ps.setString(3, manifest.digest().toString());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            return null;
        });
    }

    @Override
    public Optional<ManifestRecord> getManifest(String repository, Digest digest) {
        InvalidArgumentException.requireNonNull(repository, "repository");
        InvalidArgumentException.requireNonNull(digest, "digest");
        return db.read("getManifest " + repository + "@" + digest, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + MANIFEST_COLUMNS
                    + " FROM berth_manifests WHERE repository = ? AND digest = ?")) {
                ps.setString(1, repository);
                ps.setString(2, digest.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(manifest(rs)) : Optional.<ManifestRecord>empty();
                }
            }
        });
    }

    @Override
    public Optional<ManifestRecord> getTaggedManifest(String repository, String tag) {
        InvalidArgumentException.requireNonNull(repository, "repository");
        InvalidArgumentException.requireNonNull(tag, "tag");
        return db.read("getTaggedManifest " + repository + ":" + tag, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + TAGGED_MANIFEST_COLUMNS + " FROM berth_tags t"
                    + " JOIN berth_manifests m ON m.repository = t.repository AND m.digest = t.digest"
                    + " WHERE t.repository = ? AND t.tag = ?")) {
                ps.setString(1, repository);
                ps.setString(2, tag);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(manifest(rs)) : Optional.<ManifestRecord>empty();
                }
            }
        });
    }

    private static ManifestRecord manifest(ResultSet rs) throws SQLException {
        String subject = rs.getString("subject");
        String referrer = rs.getString("referrer");
        ManifestRecord record = ManifestRecord.of(Digest.parse(rs.getString("digest")), rs.getString("media_type"),
                rs.getBytes("content"));
        if (subject != null) {
            record = record.withSubject(Digest.parse(subject));
        }
        return referrer == null ? record : record.withReferrer(descriptor(referrer));
    }

    @Override
    public Optional<Instant> manifestPushedAt(String repository, Digest digest) {
        InvalidArgumentException.requireNonNull(repository, "repository");
        InvalidArgumentException.requireNonNull(digest, "digest");
        return db.read("manifestPushedAt " + repository + "@" + digest, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT pushed_at_micros FROM berth_manifests WHERE repository = ? AND digest = ?")) {
                ps.setString(1, repository);
                ps.setString(2, digest.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(Micros.toInstant(rs.getLong(1))) : Optional.<Instant>empty();
                }
            }
        });
    }

    @Override
    public Optional<Digest> resolveTag(String repository, String tag) {
        InvalidArgumentException.requireNonNull(repository, "repository");
        InvalidArgumentException.requireNonNull(tag, "tag");
        return db.read("resolveTag " + repository + ":" + tag, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT digest FROM berth_tags WHERE repository = ? AND tag = ?")) {
                ps.setString(1, repository);
                ps.setString(2, tag);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(Digest.parse(rs.getString(1))) : Optional.<Digest>empty();
                }
            }
        });
    }

    @Override
    public boolean deleteManifest(String repository, Digest digest) {
        InvalidArgumentException.requireNonNull(repository, "repository");
        InvalidArgumentException.requireNonNull(digest, "digest");
        return db.write("deleteManifest " + repository + "@" + digest, c -> {
            if (!lockExistingRepository(c, repository)) {
                return false;
            }
            update(c, "DELETE FROM berth_tags WHERE repository = ? AND digest = ?", repository, digest.toString());
            return update(c, "DELETE FROM berth_manifests WHERE repository = ? AND digest = ?", repository,
                    digest.toString()) > 0;
        });
    }

    // One transaction under the repository's lock, as putManifest takes it: a push through another instance either
    // came first (a tag or a newer push time, and the manifest stays) or waits and stores the manifest again.
    @Override
    public boolean deleteUntaggedManifest(String repository, Digest digest, Instant pushedBefore) {
        InvalidArgumentException.requireNonNull(repository, "repository");
        InvalidArgumentException.requireNonNull(digest, "digest");
        InvalidArgumentException.requireNonNull(pushedBefore, "pushedBefore");
        return db.write("deleteUntaggedManifest " + repository + "@" + digest, c -> {
            if (!lockExistingRepository(c, repository)) {
                return false;
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM berth_manifests WHERE repository = ? AND digest = ?"
                    + " AND pushed_at_micros < ? AND NOT EXISTS (SELECT 1 FROM berth_tags t"
                    + " WHERE t.repository = ? AND t.digest = ?)")) {
                ps.setString(1, repository);
                ps.setString(2, digest.toString());
                ps.setLong(3, Micros.of(pushedBefore));
                ps.setString(4, repository);
                ps.setString(5, digest.toString());
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public boolean deleteTag(String repository, String tag) {
        InvalidArgumentException.requireNonNull(repository, "repository");
        InvalidArgumentException.requireNonNull(tag, "tag");
        return db.write("deleteTag " + repository + ":" + tag,
                c -> update(c, "DELETE FROM berth_tags WHERE repository = ? AND tag = ?", repository, tag) > 0);
    }

    @Override
    public boolean repositoryExists(String repository) {
        InvalidArgumentException.requireNonNull(repository, "repository");
        return db.read("repositoryExists " + repository, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM berth_manifests"
                    + " WHERE repository = ?) OR EXISTS (SELECT 1 FROM berth_blob_links WHERE repository = ?)")) {
                ps.setString(1, repository);
                ps.setString(2, repository);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            }
        });
    }

    // Removes the repository's row first: that waits for a push to it in flight, and a push after waits for this.
    @Override
    public boolean deleteRepository(String repository) {
        InvalidArgumentException.requireNonNull(repository, "repository");
        return db.write("deleteRepository " + repository, c -> {
            if (update(c, "DELETE FROM berth_repositories WHERE name = ?", repository) == 0) {
                return false;
            }
            update(c, "DELETE FROM berth_tags WHERE repository = ?", repository);
            int manifests = update(c, "DELETE FROM berth_manifests WHERE repository = ?", repository);
            int links = update(c, "DELETE FROM berth_blob_links WHERE repository = ?", repository);
            return manifests + links > 0;
        });
    }

    @Override
    public Page<String> listTags(String repository, String after, int limit) {
        InvalidArgumentException.requireNonNull(repository, "repository");
        InvalidArgumentException.requireNonNull(after, "after");
        InvalidArgumentException.requireNonNegative(limit, "limit");
        return page("listTags " + repository, limit, "SELECT tag FROM berth_tags WHERE repository = ? AND tag > ?"
                + " ORDER BY tag LIMIT ?", repository, after);
    }

    @Override
    public Page<String> listRepositories(String after, int limit) {
        InvalidArgumentException.requireNonNull(after, "after");
        InvalidArgumentException.requireNonNegative(limit, "limit");
        return page("listRepositories", limit, "SELECT r.name FROM berth_repositories r WHERE r.name > ?"
                + " AND (EXISTS (SELECT 1 FROM berth_manifests m WHERE m.repository = r.name)"
                + " OR EXISTS (SELECT 1 FROM berth_blob_links l WHERE l.repository = r.name))"
                + " ORDER BY r.name LIMIT ?", after);
    }

    // One more row than the page holds says whether more follow.
    private Page<String> page(String operation, int limit, String sql, String... parameters) {
        if (limit == 0) {
            return Page.last(List.of());
        }
        return db.read(operation, c -> {
            List<String> names = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    ps.setString(i + 1, parameters[i]);
                }
                ps.setLong(parameters.length + 1, limit + 1L);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        names.add(rs.getString(1));
                    }
                }
            }
            boolean more = names.size() > limit;
            return more ? Page.of(names.subList(0, limit), names.get(limit - 1)) : Page.last(names);
        });
    }

    @Override
    public List<Descriptor> referrers(String repository, Digest subject) {
        InvalidArgumentException.requireNonNull(repository, "repository");
        InvalidArgumentException.requireNonNull(subject, "subject");
        return db.read("referrers " + repository + "@" + subject, c -> {
            List<Descriptor> result = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT referrer FROM berth_manifests"
                    + " WHERE repository = ? AND subject = ? AND referrer IS NOT NULL ORDER BY digest")) {
                ps.setString(1, repository);
                ps.setString(2, subject.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        result.add(descriptor(rs.getString(1)));
                    }
                }
            }
            return result;
        });
    }

    @Override
    public List<Digest> manifests(String repository) {
        InvalidArgumentException.requireNonNull(repository, "repository");
        return digests("manifests " + repository, "SELECT digest FROM berth_manifests WHERE repository = ?", repository);
    }

    @Override
    public List<Digest> linkedBlobs(String repository) {
        InvalidArgumentException.requireNonNull(repository, "repository");
        return digests("linkedBlobs " + repository, "SELECT digest FROM berth_blob_links WHERE repository = ?", repository);
    }

    private List<Digest> digests(String operation, String sql, String repository) {
        return db.read(operation, c -> {
            List<Digest> result = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, repository);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        result.add(Digest.parse(rs.getString(1)));
                    }
                }
            }
            return result;
        });
    }

    @Override
    public void linkBlob(String repository, Digest digest) {
        requireRepository(repository);
        InvalidArgumentException.requireNonNull(digest, "digest");
        db.write("linkBlob " + repository + "@" + digest, c -> {
            lockRepository(c, repository);
            return update(c, "INSERT INTO berth_blob_links (repository, digest) VALUES (?, ?)"
                    + " ON CONFLICT (repository, digest) DO NOTHING", repository, digest.toString());
        });
    }

    @Override
    public boolean isBlobLinked(String repository, Digest digest) {
        InvalidArgumentException.requireNonNull(repository, "repository");
        InvalidArgumentException.requireNonNull(digest, "digest");
        return db.read("isBlobLinked " + repository + "@" + digest, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT 1 FROM berth_blob_links WHERE repository = ? AND digest = ?")) {
                ps.setString(1, repository);
                ps.setString(2, digest.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    @Override
    public boolean unlinkBlob(String repository, Digest digest) {
        InvalidArgumentException.requireNonNull(repository, "repository");
        InvalidArgumentException.requireNonNull(digest, "digest");
        return db.write("unlinkBlob " + repository + "@" + digest, c -> update(c,
                "DELETE FROM berth_blob_links WHERE repository = ? AND digest = ?", repository, digest.toString()) > 0);
    }

    /** Nothing to release: the connections are the {@link DataSource}'s, which its owner closes. */
    @Override
    public void close() {
        // every operation gave its connection back
    }

    // Names reach here validated by the registry; the check keeps the store safe on its own.
    private static void requireRepository(String repository) {
        Reference.requireValidRepository(InvalidArgumentException.requireNonNull(repository, "repository"));
    }

    // Locks the repository's row until the transaction ends, creating it if new. A lock, not an update, for a
    // repository that exists: pushes leave no dead row versions behind. A row deleted meanwhile is made again.
    private static void lockRepository(Connection c, String repository) throws SQLException {
        while (!lockExistingRepository(c, repository)) {
            if (update(c, "INSERT INTO berth_repositories (name) VALUES (?) ON CONFLICT (name) DO NOTHING", repository) > 0) {
                return; // a row this transaction inserted is its own until it commits
            }
        }
    }

    // Locks the repository's row if it has one; a repository never written to has nothing to delete.
    private static boolean lockExistingRepository(Connection c, String repository) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT name FROM berth_repositories WHERE name = ? FOR UPDATE")) {
            ps.setString(1, repository);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static int update(Connection c, String sql, String... parameters) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setString(i + 1, parameters[i]);
            }
            return ps.executeUpdate();
        }
    }

    private static String json(Descriptor descriptor) {
        return new String(Json.write(g -> DescriptorJson.write(g, descriptor)), StandardCharsets.UTF_8);
    }

    private static Descriptor descriptor(String json) {
        return DescriptorJson.read(JsonFields.root(Json.readObject(json.getBytes(StandardCharsets.UTF_8),
                "stored referrer entry"), "stored referrer entry"));
    }
}
