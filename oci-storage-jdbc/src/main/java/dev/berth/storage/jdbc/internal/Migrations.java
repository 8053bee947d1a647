package dev.berth.storage.jdbc.internal;

import dev.berth.server.spi.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a database's schema to the version this code knows, on start: the numbered scripts
 * {@code postgresql/001.sql}, {@code 002.sql}, ... beside this class, applied in order, each recorded in
 * {@code berth_schema_version}. All of it runs in one transaction under a PostgreSQL advisory lock, so instances
 * starting together migrate once (the others wait, then find nothing to do) and a failed script leaves the
 * schema as it was. A database migrated by a newer Berth is refused: this code would not know its tables.
 *
 * <p>A script holds plain statements separated by a {@code ;} at the end of a line, and {@code --} comment lines.
 * A released script never changes; a change to the schema is a new script.
 */
public final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    /** The advisory lock's key: "berth" in ASCII, unlikely to be an application's own. */
    private static final long LOCK_KEY = 0x6265727468L;
    private static final String FOLDER = "postgresql/";

    private final List<String> scripts;

    private Migrations(List<String> scripts) {
        this.scripts = scripts;
    }

    /** @return the scripts this code ships, read from its resources */
    public static Migrations shipped() {
        List<String> scripts = new ArrayList<>();
        for (int version = 1; ; version++) {
            String name = FOLDER + String.format("%03d.sql", version);
            try (InputStream in = Migrations.class.getResourceAsStream(name)) {
                if (in == null) {
                    return new Migrations(List.copyOf(scripts));
                }
                scripts.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new StorageException("cannot read the schema script " + name + ": " + e.getMessage(), e);
            }
        }
    }

    /** @return the schema version the scripts lead to */
    public int latestVersion() {
        return scripts.size();
    }

    /**
     * Applies the scripts the database lacks.
     *
     * @param transactions where to run them
     * @return the versions applied now, none if the schema was current
     * @throws StorageException if the database is not PostgreSQL, is newer than this code, or a script fails
     */
    public List<Integer> apply(Transactions transactions) {
        return transactions.write("migrating the metadata schema", c -> {
            requirePostgres(c);
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")"); // held until this transaction ends
                s.execute("CREATE TABLE IF NOT EXISTS berth_schema_version (version INTEGER NOT NULL PRIMARY KEY,"
                        + " description VARCHAR(200) NOT NULL, applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
            }
            int current = currentVersion(c);
            if (current > latestVersion()) {
                throw new StorageException("the database's metadata schema is at version " + current
                        + ", newer than version " + latestVersion() + " that this Berth knows: run the Berth that"
                        + " migrated it, or a newer one");
            }
            List<Integer> applied = new ArrayList<>();
            for (int version = current + 1; version <= latestVersion(); version++) {
                String script = scripts.get(version - 1);
                try (Statement s = c.createStatement()) {
                    for (String statement : statements(script)) {
                        s.execute(statement);
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO berth_schema_version (version, description, applied_at) VALUES (?, ?, CURRENT_TIMESTAMP)")) {
                    ps.setInt(1, version);
                    ps.setString(2, description(script));
                    ps.executeUpdate();
                }
                applied.add(version);
            }
            if (!applied.isEmpty()) {
                LOG.info("metadata schema migrated from version {} to {}", current, latestVersion());
            }
            return applied;
        });
    }

    private static void requirePostgres(Connection c) throws SQLException {
        String product = c.getMetaData().getDatabaseProductName();
        if (!"PostgreSQL".equals(product)) {
            throw new StorageException("the JDBC metadata store has its schema for PostgreSQL, not for " + product);
        }
    }

    private static int currentVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM berth_schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    // The statements of a script: comment lines dropped, split at a ';' that ends a line.
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String statement = current.toString().strip();
                statements.add(statement.substring(0, statement.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    // The first comment line says what the script does.
    private static String description(String script) {
        for (String line : script.split("\n")) {
            if (line.startsWith("--")) {
                String text = line.substring(2).strip();
                return text.length() > 200 ? text.substring(0, 200) : text;
            }
        }
        return "";
    }
}
