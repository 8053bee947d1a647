package dev.berth.examples.it;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.berth.server.EmbeddedRegistry;
import dev.berth.server.Storage;
import dev.berth.server.http.testkit.DistributionApiContract;
import dev.berth.server.storage.s3.S3BlobStore;
import dev.berth.server.storage.s3.S3BlobStoreOptions;
import dev.berth.server.storage.s3.S3Credentials;
import dev.berth.storage.jdbc.JdbcMetadataStore;
import dev.berth.testsupport.HAProxy;
import dev.berth.testsupport.PostgresServer;
import dev.berth.testsupport.S3ProxyServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The distribution API contract, every check of it, through HAProxy (round robin) in front of three registry
 * instances over one S3 bucket (S3Proxy) and one PostgreSQL database: consecutive requests of a check land on
 * different instances, so an upload started on one is patched, queried and committed on the others, and what one
 * instance stored another serves. Each instance has its own stores and its own connection pool, as separate
 * processes would; each registry the contract serves gets a new bucket and a new database.
 */
class BalancedDistributionApiIT extends DistributionApiContract {
    private static final int INSTANCES = 3;
    private static final AtomicInteger SERVED = new AtomicInteger();

    private static S3ProxyServer s3;
    private static PostgresServer postgres;
    private static Path dir;

    @BeforeAll
    static void peers() throws Exception {
        s3 = S3ProxyServer.inMemory();
        postgres = PostgresServer.start();
        dir = Files.createTempDirectory("berth-balanced-contract");
    }

    @AfterAll
    static void stopPeers() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
        if (s3 != null) {
            s3.close();
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Override
    protected Served serve(EmbeddedRegistry.Builder builder) throws Exception {
        int n = SERVED.incrementAndGet();
        String bucket = "contract-" + n;
        s3.createBucket(bucket);
        String metadata = postgres.createDatabase();
        List<AutoCloseable> started = new ArrayList<>();
        try {
            List<String> backends = new ArrayList<>();
            for (int i = 0; i < INSTANCES; i++) {
                HikariDataSource pool = pool(metadata);
                started.add(pool);
                S3BlobStore blobs = new S3BlobStore(S3BlobStoreOptions.builder(bucket).endpoint(s3.endpoint()).pathStyle(true)
                        .region("us-east-1").credentials(S3Credentials.of(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY))
                        .build());
                EmbeddedRegistry instance = builder.storage(new Storage(blobs, JdbcMetadataStore.open(pool)))
                        .address(new InetSocketAddress("127.0.0.1", 0)).start();
                started.add(0, instance); // closed before its pool
                backends.add(instance.baseUri().getAuthority());
            }
            HAProxy balancer = HAProxy.roundRobin(dir.resolve("haproxy-" + n), backends);
            started.add(0, balancer);
            return new Served() {
                @Override
                public URI baseUri() {
                    return URI.create("http://" + balancer.hostPort());
                }

                @Override
                public void close() throws Exception {
                    closeAll(started);
                }
            };
        } catch (Exception | Error e) {
            closeAll(started);
            throw e;
        }
    }

    private static HikariDataSource pool(String jdbcUrl) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setMaximumPoolSize(4);
        return new HikariDataSource(config);
    }

    private static void closeAll(List<AutoCloseable> started) throws Exception {
        Exception first = null;
        for (AutoCloseable c : started) {
            try {
                c.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
