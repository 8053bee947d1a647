package dev.berth.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.model.Digest;
import dev.berth.model.Page;
import dev.berth.server.spi.ManifestRecord;
import dev.berth.server.spi.StorageException;
import dev.berth.server.spi.testkit.MetadataStoreContract;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two stores over one database are two registry instances: one registry, consistent under concurrent writes. */
class SharedDatabaseTest {
    private String url;
    private JdbcMetadataStore one;
    private JdbcMetadataStore two;

    @BeforeEach
    void twoInstances() {
        url = Postgres.newDatabase();
        one = JdbcMetadataStore.open(Postgres.pooled(url));
        two = JdbcMetadataStore.open(Postgres.pooled(url));
    }

    @Test
    void eachInstanceSeesTheOthersWritesAsSoonAsTheyReturn() {
        ManifestRecord subject = MetadataStoreContract.manifest("image");
        ManifestRecord sbom = MetadataStoreContract.manifest("sbom", subject.digest());
        Digest layer = Digest.sha256(new byte[] {1});

        one.linkBlob("team/app", layer);
        one.putManifest("team/app", subject, List.of("1.0"));
        assertTrue(two.isBlobLinked("team/app", layer));
        assertEquals(Optional.of(subject), two.getManifest("team/app", subject.digest()));
        assertEquals(Optional.of(subject.digest()), two.resolveTag("team/app", "1.0"));
        assertEquals(Page.last(List.of("team/app")), two.listRepositories());

        two.putManifest("team/app", sbom, List.of());
        assertEquals(List.of(sbom.digest()), one.referrers("team/app", subject.digest()).stream()
                .map(d -> d.digest()).toList());

        two.putManifest("team/app", sbom, List.of("1.0")); // the tag moves on the other instance
        assertEquals(Optional.of(sbom.digest()), one.resolveTag("team/app", "1.0"));
        assertTrue(one.deleteManifest("team/app", sbom.digest()));
        assertEquals(Optional.empty(), two.resolveTag("team/app", "1.0"));
        assertEquals(List.of(), two.referrers("team/app", subject.digest()));
    }

    @Test
    void oneTagMovedFromManyThreadsOnTwoInstancesEndsAtOneOfThePushes() throws Exception {
        int threads = 8;
        int pushesEach = 10;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        Set<Digest> pushed = new HashSet<>();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                JdbcMetadataStore instance = t % 2 == 0 ? one : two;
                List<ManifestRecord> mine = new ArrayList<>();
                for (int i = 0; i < pushesEach; i++) {
                    mine.add(MetadataStoreContract.manifest("thread " + t + " push " + i));
                }
                mine.forEach(m -> pushed.add(m.digest()));
                running.add(pool.submit(() -> {
                    start.await();
                    for (ManifestRecord m : mine) {
                        instance.putManifest("team/app", m, List.of("latest", "stable"));
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get(); // no unique violation, no deadlock reached the caller
            }
        } finally {
            pool.shutdownNow();
        }
        Digest latest = one.resolveTag("team/app", "latest").orElseThrow();
        assertTrue(pushed.contains(latest), "the tag points at one of the pushes");
        assertEquals(Optional.of(latest), two.resolveTag("team/app", "stable"), "both tags moved by one push, together");
        assertEquals(List.of("latest", "stable"), two.listTags("team/app").items());
        assertEquals(threads * pushesEach, one.manifests("team/app").size());
    }

    @Test
    void aPushThatFailsInTheMiddleLeavesNothing() {
        // The database refuses the second tag after the manifest and the first tag were written.
        Postgres.execute(url, "ALTER TABLE berth_tags ADD CONSTRAINT no_boom CHECK (tag <> 'boom')");
        ManifestRecord subject = MetadataStoreContract.manifest("subject");
        one.putManifest("r", subject, List.of("old"));
        ManifestRecord m = MetadataStoreContract.manifest("half", subject.digest());

        StorageException e = assertThrows(StorageException.class, () -> one.putManifest("r", m, List.of("old", "boom")));
        assertTrue(e.getMessage().startsWith("putManifest r@" + m.digest()), e.getMessage());
        assertEquals(Optional.empty(), two.getManifest("r", m.digest()));
        assertEquals(Optional.of(subject.digest()), two.resolveTag("r", "old"), "the tag did not move");
        assertEquals(List.of(), two.referrers("r", subject.digest()));
        assertEquals(List.of(subject.digest()), two.manifests("r"));
    }

    @Test
    void aConnectionLostInTheMiddleOfAPushLeavesNothing() {
        ManifestRecord m = MetadataStoreContract.manifest("lost");
        // The connection dies when the push goes on to its tags, after the manifest's row was written.
        JdbcMetadataStore failing = JdbcMetadataStore.open(closingBeforeTags(Postgres.dataSource(url)));

        StorageException e = assertThrows(StorageException.class, () -> failing.putManifest("r", m, List.of("t")));
        assertTrue(e.getMessage().startsWith("putManifest r@" + m.digest()), e.getMessage());
        assertEquals(Optional.empty(), two.getManifest("r", m.digest()));
        assertEquals(Optional.empty(), two.resolveTag("r", "t"));
        assertFalse(two.repositoryExists("r"));
        assertEquals(List.of(), two.listRepositories().items());
    }

    @Test
    void aFailingReadIsAStorageExceptionNamingTheOperation() {
        Postgres.execute(url, "DROP TABLE berth_tags");
        StorageException e = assertThrows(StorageException.class, () -> one.resolveTag("r", "t"));
        assertTrue(e.getMessage().startsWith("resolveTag r:t failed"), e.getMessage());
    }

    // Connections that close themselves when a statement on berth_tags is prepared.
    private static DataSource closingBeforeTags(DataSource real) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(real, method, args);
                    if (!(result instanceof Connection connection)) {
                        return result;
                    }
                    return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                            (p, m, a) -> {
                                if (m.getName().equals("prepareStatement") && ((String) a[0]).contains("berth_tags")) {
                                    connection.close();
                                    throw new SQLException("connection lost (closed by the test)", "08006");
                                }
                                return invoke(connection, m, a);
                            });
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
