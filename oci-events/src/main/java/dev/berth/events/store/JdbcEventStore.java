package dev.berth.events.store;

import dev.berth.model.InvalidArgumentException;
import dev.berth.events.EventJsonCodec;
import dev.berth.events.RegistryEvent;
import dev.berth.model.Digest;
import dev.berth.model.Page;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * An {@link EventStore} in a relational database, through plain JDBC and
 * portable SQL: tested on SQLite, written so that PostgreSQL works unchanged.
 * The table {@code berth_events} and its indexes are created on start if
 * missing. Each event is kept whole as JSON, with the queried fields in
 * indexed columns.
 *
 * <pre>{@code
 * try (EventStore store = JdbcEventStore.open("jdbc:sqlite:/var/lib/app/events.db")) { ... }
 * }</pre>
 */
public final class JdbcEventStore implements EventStore {
    private static final String TABLE = "berth_events";
    private static final String[] SCHEMA = {
        "CREATE TABLE IF NOT EXISTS " + TABLE + " (id TEXT PRIMARY KEY, ts_micros BIGINT NOT NULL,"
                + " action TEXT NOT NULL, repository TEXT NOT NULL, tag TEXT NOT NULL,"
                + " digest TEXT NOT NULL, media_type TEXT NOT NULL, actor TEXT NOT NULL,"
                + " body TEXT NOT NULL, registry TEXT NOT NULL DEFAULT '')",
        "CREATE INDEX IF NOT EXISTS " + TABLE + "_time ON " + TABLE + " (ts_micros, id)",
        "CREATE INDEX IF NOT EXISTS " + TABLE + "_repository ON " + TABLE + " (repository, ts_micros)",
        "CREATE INDEX IF NOT EXISTS " + TABLE + "_tag ON " + TABLE + " (tag, ts_micros)",
        "CREATE INDEX IF NOT EXISTS " + TABLE + "_digest ON " + TABLE + " (digest)",
        "CREATE INDEX IF NOT EXISTS " + TABLE + "_action ON " + TABLE + " (action, ts_micros)",
        "CREATE INDEX IF NOT EXISTS " + TABLE + "_actor ON " + TABLE + " (actor, ts_micros)",
    };
    // Tables made before events were kept under a registry's name get the column, then its index.
    private static final String ADD_REGISTRY = "ALTER TABLE " + TABLE + " ADD COLUMN registry TEXT NOT NULL DEFAULT ''";
    private static final String REGISTRY_INDEX = "CREATE INDEX IF NOT EXISTS " + TABLE + "_registry ON " + TABLE
            + " (registry, repository, ts_micros)";

    private final DataSource dataSource;
    private final boolean sqlite;

    /**
     * @param dataSource where connections come from (a pool, for PostgreSQL)
     * @throws EventStoreException if the schema cannot be created
     * @throws InvalidArgumentException if {@code dataSource} is null
     */
    public JdbcEventStore(DataSource dataSource) {
        this.dataSource = InvalidArgumentException.requireNonNull(dataSource, "dataSource");
        try (Connection c = dataSource.getConnection()) {
            this.sqlite = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("sqlite");
            if (sqlite) {
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA journal_mode=WAL"); // readers do not block the writer
                }
            }
            try (Statement s = c.createStatement()) {
                for (String ddl : SCHEMA) {
                    s.execute(ddl);
                }
                if (!hasRegistryColumn(c)) {
                    s.execute(ADD_REGISTRY);
                }
                s.execute(REGISTRY_INDEX);
            }
        } catch (SQLException e) {
            throw new EventStoreException("cannot prepare the event table: " + e.getMessage(), e);
        }
    }

    /**
     * Opens a store on a JDBC URL with a connection per operation; the driver
     * must be on the class or module path.
     *
     * @param jdbcUrl e.g. {@code jdbc:sqlite:events.db} or {@code jdbc:postgresql://localhost/app}
     * @return the store
     * @throws EventStoreException if the database cannot be reached or the schema created
     * @throws InvalidArgumentException if {@code jdbcUrl} is null or blank
     */
    public static JdbcEventStore open(String jdbcUrl) {
        InvalidArgumentException.requireNonBlank(jdbcUrl, "jdbcUrl");
        return new JdbcEventStore(new UrlDataSource(jdbcUrl));
    }

    private static boolean hasRegistryColumn(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + TABLE + " WHERE 1=0")) {
            java.sql.ResultSetMetaData meta = rs.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                if (meta.getColumnName(i).equalsIgnoreCase("registry")) {
                    return true;
                }
            }
            return false;
        }
    }

    private Connection connect() throws SQLException {
        Connection c = dataSource.getConnection();
        if (sqlite) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = 10000"); // wait for a concurrent writer instead of failing
            }
        }
        return c;
    }

    @Override
    public List<RegistryEvent> append(List<RegistryEvent> events) {
        return append("", events);
    }

    @Override
    public List<RegistryEvent> append(String registry, List<RegistryEvent> events) {
        EventStores.requireRegistryName(registry);
        EventStores.requireEvents(events, "events");
        if (events.isEmpty()) {
            return List.of();
        }
        String sql = "INSERT INTO " + TABLE + " (id, ts_micros, action, repository, tag, digest, media_type, actor, body, registry)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING";
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            List<RegistryEvent> added = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (RegistryEvent e : events) {
                    ps.setString(1, e.id());
                    ps.setLong(2, EventOrder.microsOf(e.timestamp()));
                    ps.setString(3, e.action().name());
                    ps.setString(4, e.target().repository());
                    ps.setString(5, e.target().tag().orElse(""));
                    ps.setString(6, e.target().digest().map(Object::toString).orElse(""));
                    ps.setString(7, e.target().mediaType().orElse(""));
                    ps.setString(8, e.actor());
                    ps.setString(9, new String(EventJsonCodec.toJson(e), StandardCharsets.UTF_8));
                    ps.setString(10, registry);
                    if (ps.executeUpdate() > 0) {
                        added.add(e);
                    }
                }
                c.commit();
                return added;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new EventStoreException("storing " + events.size() + " events failed, none stored: " + e.getMessage(), e);
        }
    }

    @Override
    public Page<RegistryEvent> query(EventQuery query) {
        InvalidArgumentException.requireNonNull(query, "query");
        List<Object> params = new ArrayList<>();
        StringBuilder where = where(query, params);
        try (Connection c = connect()) {
            if (query.cursor().isPresent()) {
                EventOrder after = EventOrder.fromCursor(query.cursor().get());
                where.append(" AND (ts_micros < ? OR (ts_micros = ? AND id < ?))");
                params.add(after.micros());
                params.add(after.micros());
                params.add(after.id());
            }
            params.add(query.limit() + 1);
            List<RegistryEvent> events = new ArrayList<>();
            try (PreparedStatement ps = prepare(c, "SELECT body FROM " + TABLE + where
                    + " ORDER BY ts_micros DESC, id DESC LIMIT ?", params);
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(EventJsonCodec.fromJson(rs.getString(1).getBytes(StandardCharsets.UTF_8)));
                }
            }
            if (events.size() <= query.limit()) {
                return Page.last(events);
            }
            events = events.subList(0, query.limit());
            return Page.of(events, EventOrder.of(events.get(events.size() - 1)).toCursor());
        } catch (SQLException e) {
            throw new EventStoreException("querying events failed: " + e.getMessage(), e);
        }
    }

    @Override
    public long count(EventQuery query) {
        InvalidArgumentException.requireNonNull(query, "query");
        List<Object> params = new ArrayList<>();
        StringBuilder where = where(query, params);
        try (Connection c = connect(); PreparedStatement ps = prepare(c, "SELECT COUNT(*) FROM " + TABLE + where, params);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new EventStoreException("counting events failed: " + e.getMessage(), e);
        }
    }

    /** @return the WHERE clause of the query's conditions, their values added to {@code params} */
    private static StringBuilder where(EventQuery query, List<Object> params) {
        StringBuilder where = new StringBuilder(" WHERE 1=1");
        condition(where, params, "registry = ?", query.registry());
        condition(where, params, "repository = ?", query.repository());
        condition(where, params, "tag = ?", query.tag());
        condition(where, params, "digest = ?", query.digest().map(Digest::toString));
        condition(where, params, "action = ?", query.action().map(a -> a.name().toLowerCase(java.util.Locale.ROOT)));
        condition(where, params, "actor = ?", query.actor());
        condition(where, params, "ts_micros >= ?", query.from().map(EventOrder::microsOf));
        condition(where, params, "ts_micros < ?", query.until().map(EventOrder::microsOf));
        return where;
    }

    private static void condition(StringBuilder where, List<Object> params, String clause, Optional<?> value) {
        if (value.isPresent()) {
            where.append(" AND ").append(clause);
            params.add(value.get());
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, List<Object> params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < params.size(); i++) {
            Object p = params.get(i);
            if (p instanceof Long) {
                ps.setLong(i + 1, (Long) p);
            } else if (p instanceof Integer) {
                ps.setInt(i + 1, (Integer) p);
            } else {
                ps.setString(i + 1, (String) p);
            }
        }
        return ps;
    }

    @Override
    public int deleteRepository(String repository) {
        InvalidArgumentException.requireNonBlank(repository, "repository");
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("DELETE FROM " + TABLE + " WHERE repository = ?")) {
            ps.setString(1, repository);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new EventStoreException("deleting the events of " + repository + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public int deleteRegistry(String registry) {
        InvalidArgumentException.requireNonBlank(registry, "registry");
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("DELETE FROM " + TABLE + " WHERE registry = ?")) {
            ps.setString(1, registry);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new EventStoreException("deleting the events of registry " + registry + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (dataSource instanceof AutoCloseable) {
            try {
                ((AutoCloseable) dataSource).close();
            } catch (Exception e) {
                throw new EventStoreException("closing the event store failed: " + e.getMessage(), e);
            }
        }
    }

    /** A DataSource over DriverManager: one new connection per call, no pool. */
    private static final class UrlDataSource implements DataSource {
        private final String url;

        UrlDataSource(String url) {
            this.url = url;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return DriverManager.getConnection(url);
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return DriverManager.getConnection(url, username, password);
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
            // not used
        }

        @Override
        public void setLoginTimeout(int seconds) {
            DriverManager.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() {
            return DriverManager.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
