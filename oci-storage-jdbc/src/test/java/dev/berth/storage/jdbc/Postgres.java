package dev.berth.storage.jdbc;

import dev.berth.testsupport.PostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** One PostgreSQL server for the test classes of this module, started on first use and stopped when the JVM ends. */
final class Postgres {
    private static PostgresServer server;

    private Postgres() {
    }

    /** @return the JDBC URL of a new, empty database */
    static synchronized String newDatabase() {
        try {
            if (server == null) {
                server = PostgresServer.start();
                PostgresServer started = server;
                Runtime.getRuntime().addShutdownHook(new Thread(started::close, "stop-postgres"));
            }
            return server.createDatabase();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param url a database's JDBC URL
     * @return a DataSource on it, a new connection for each call (as without a pool)
     */
    static DataSource dataSource(String url) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url);
        return ds;
    }

    /**
     * @param url a database's JDBC URL
     * @return a DataSource on it that reuses connections, as a pool does
     */
    static DataSource pooled(String url) {
        return new SmallPool(dataSource(url));
    }

    /**
     * Runs statements outside the store, as a database administrator would.
     *
     * @param url        the database
     * @param statements what to run
     */
    static void execute(String url, String... statements) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
