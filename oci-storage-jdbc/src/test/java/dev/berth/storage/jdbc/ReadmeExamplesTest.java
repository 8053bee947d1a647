package dev.berth.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.server.EmbeddedRegistry;
import dev.berth.server.GcReport;
import dev.berth.server.GcSettings;
import dev.berth.server.Storage;
import dev.berth.server.storage.fs.FileBlobStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/** The README's snippet for this module, run on a test database. */
class ReadmeExamplesTest {
    @TempDir
    Path sharedDir;

    @Test
    void storageJdbc() {
        String jdbcUrl = Postgres.newDatabase();
        String instanceId = "instance-1";
        // snippet: storage-jdbc
        PGSimpleDataSource dataSource = new PGSimpleDataSource();            // or the application's pool: HikariCP, ...
        dataSource.setUrl(jdbcUrl);                                           // jdbc:postgresql://db.internal/registry?user=berth
        JdbcMetadataStore metadata = JdbcMetadataStore.open(dataSource);      // migrates the schema, once however many start
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder()
                .storage(new Storage(new FileBlobStore(sharedDir), metadata)) // every instance: the same blobs, the same database
                .garbageCollection(new GcSettings(Duration.ofHours(1), Duration.ofHours(1), true))
                .jobLease(metadata.lease().forInstance(instanceId, Duration.ofMinutes(1))) // one instance at a time collects
                .start()) {
            GcReport report = registry.collectGarbage(true);                 // on demand, on any instance
        }
        // end snippet
        assertEquals(Optional.empty(), metadata.lease().holder("gc"), "held only while a scheduled run collects");
    }
}
