package dev.berth.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.server.spi.ManifestRecord;
import dev.berth.server.spi.StorageException;
import dev.berth.server.spi.testkit.MetadataStoreContract;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The schema is migrated on open: once however many instances start together, never backwards. */
class MigrationsTest {

    @Test
    void instancesOpeningAnEmptyDatabaseTogetherMigrateItOnce() throws Exception {
        String url = Postgres.newDatabase();
        int instances = 4;
        CyclicBarrier start = new CyclicBarrier(instances);
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        try {
            List<Future<JdbcMetadataStore>> opened = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                opened.add(pool.submit(() -> {
                    start.await();
                    return JdbcMetadataStore.open(Postgres.dataSource(url));
                }));
            }
            ManifestRecord m = MetadataStoreContract.manifest("together");
            for (int i = 0; i < instances; i++) {
                JdbcMetadataStore store = opened.get(i).get(); // none failed: no table created twice
                store.putManifest("r", m, List.of("t" + i));
            }
            assertEquals(List.of(1, 2), versions(url), "each version applied and recorded once");
            assertEquals(List.of("t0", "t1", "t2", "t3"), JdbcMetadataStore.open(url).listTags("r").items());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void reopeningAMigratedDatabaseKeepsWhatItHolds() throws Exception {
        String url = Postgres.newDatabase();
        ManifestRecord m = MetadataStoreContract.manifest("kept");
        JdbcMetadataStore.open(url).putManifest("team/app", m, List.of("1.0"));

        JdbcMetadataStore reopened = JdbcMetadataStore.open(url);
        assertEquals(Optional.of(m), reopened.getManifest("team/app", m.digest()));
        assertEquals(Optional.of(m.digest()), reopened.resolveTag("team/app", "1.0"));
        assertEquals(List.of(1, 2), versions(url), "nothing applied again");
    }

    @Test
    void aSchemaNewerThanThisCodeIsRefusedAndLeftAlone() throws Exception {
        String url = Postgres.newDatabase();
        JdbcMetadataStore.open(url);
        Postgres.execute(url, "INSERT INTO berth_schema_version (version, description, applied_at)"
                + " VALUES (3, 'from a newer Berth', CURRENT_TIMESTAMP)");

        StorageException e = assertThrows(StorageException.class, () -> JdbcMetadataStore.open(url));
        assertTrue(e.getMessage().contains("version 3, newer than version 2 that this Berth knows"), e.getMessage());
        assertEquals(List.of(1, 2, 3), versions(url));
    }

    @Test
    void aDatabaseThatCannotBeReachedIsAStorageExceptionNamingTheMigration() {
        String url = "jdbc:postgresql://127.0.0.1:1/none?user=postgres&connectTimeout=2";
        StorageException e = assertThrows(StorageException.class, () -> JdbcMetadataStore.open(url));
        assertTrue(e.getMessage().startsWith("migrating the metadata schema failed"), e.getMessage());
    }

    @Test
    void aDatabaseOtherThanPostgresqlIsRefusedByNameAndLeftEmpty(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("metadata.db");
        StorageException e = assertThrows(StorageException.class, () -> JdbcMetadataStore.open(url));
        assertTrue(e.getMessage().contains("has its schema for PostgreSQL, not for SQLite"), e.getMessage());
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM sqlite_master")) {
            rs.next();
            assertEquals(0, rs.getInt(1), "no table made");
        }
    }

    @Test
    void aFailedScriptLeavesTheSchemaAsItWas() throws Exception {
        String url = Postgres.newDatabase();
        // A table of the first script's name, made by someone else: the script fails on it, and rolls back whole.
        Postgres.execute(url, "CREATE TABLE berth_leases (other INTEGER)");
        assertThrows(StorageException.class, () -> JdbcMetadataStore.open(url));
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.tables"
                     + " WHERE table_name LIKE 'berth%' AND table_name <> 'berth_leases'")) {
            rs.next();
            assertEquals(0, rs.getInt(1), "no table of the failed script (nor the version table) is left");
        }
    }

    private static List<Integer> versions(String url) throws Exception {
        List<Integer> versions = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version FROM berth_schema_version ORDER BY version")) {
            while (rs.next()) {
                versions.add(rs.getInt(1));
            }
        }
        return versions;
    }
}
