package dev.berth.storage.jdbc.internal;

import dev.berth.server.spi.StorageException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Runs one operation on a connection of its own: reads in auto-commit, writes in a transaction that commits all
 * or rolls back all. A failure becomes a {@link StorageException} naming the operation. A write the database
 * aborted to resolve a conflict (SQLSTATE class 40: a serialization failure or a deadlock) is run again, as it
 * left nothing behind.
 */
public final class Transactions {
    private static final int ATTEMPTS = 3;

    private final DataSource dataSource;

    /** @param dataSource where connections come from */
    public Transactions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** What runs on the connection. */
    @FunctionalInterface
    public interface Work<T> {
        /**
         * @param c the connection
         * @return the result
         * @throws SQLException if the database refuses
         */
        T run(Connection c) throws SQLException;
    }

    /**
     * @param operation what is done, for the error, such as {@code "resolveTag team/app:1.0"}
     * @param work      the reading
     * @param <T>       the result's type
     * @return what the work answered
     */
    public <T> T read(String operation, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StorageException(operation + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * @param operation what is done, for the error, such as {@code "putManifest team/app@sha256:..."}
     * @param work      the writing; everything it does commits together
     * @param <T>       the result's type
     * @return what the work answered
     */
    public <T> T write(String operation, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return inTransaction(work);
            } catch (SQLException e) {
                if (attempt == ATTEMPTS || !isTransient(e)) {
                    throw new StorageException(operation + " failed, nothing changed: " + e.getMessage(), e);
                }
            }
        }
    }

    private <T> T inTransaction(Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(c, e);
                throw e;
            } finally {
                restoreAutoCommit(c);
            }
        }
    }

    private static void rollback(Connection c, Exception failure) {
        try {
            c.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e); // a broken connection: the database rolls back what it had of the transaction
        }
    }

    // A pooled connection goes back as it came.
    private static void restoreAutoCommit(Connection c) {
        try {
            if (!c.isClosed()) {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            // the connection is broken; the pool or the driver discards it
        }
    }

    private static boolean isTransient(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("40");
    }
}
