package dev.berth.examples.cli;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.berth.server.spi.StorageException;

/**
 * The {@code --metadata} database of {@code berth serve}, through a pool of connections (HikariCP, its default
 * ten): without one, every metadata read of every request opened a PostgreSQL connection of its own (a server
 * process forked and authenticated), which held one instance near a hundred manifest GETs a second.
 */
final class MetadataDatabase {
    private MetadataDatabase() {
    }

    /**
     * @param jdbcUrl the {@code --metadata} URL
     * @return a pool with one connection already made, to be closed after the registry
     * @throws StorageException if that connection cannot be made, with the driver's reason (the URL is not
     *                          repeated: it may hold a password)
     */
    static HikariDataSource pool(String jdbcUrl) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setPoolName("berth-metadata");
        try {
            return new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            Throwable reason = e.getCause() != null ? e.getCause() : e;
            throw new StorageException("cannot connect to the --metadata database: " + reason.getMessage(), e);
        }
    }
}
