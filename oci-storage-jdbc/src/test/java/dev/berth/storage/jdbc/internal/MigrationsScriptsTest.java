package dev.berth.storage.jdbc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped scripts are found in order and cut into statements at the line-ending semicolons. */
class MigrationsScriptsTest {

    @Test
    void statementsAreCutAtLineEndingSemicolonsAndCommentsDropped() {
        String script = "-- what it does\nCREATE TABLE a (\n    x VARCHAR(10) -- not ; here\n);\n\n-- next\n"
                + "CREATE INDEX a_x ON a (x);\nINSERT INTO a VALUES ('1;2')";
        assertEquals(List.of("CREATE TABLE a (\n    x VARCHAR(10) -- not ; here\n)", "CREATE INDEX a_x ON a (x)",
                "INSERT INTO a VALUES ('1;2')"), Migrations.statements(script));
    }

    @Test
    void theShippedScriptsAreVersionsOneAndTwo() {
        Migrations shipped = Migrations.shipped();
        assertEquals(2, shipped.latestVersion());
        assertTrue(Migrations.statements(shippedScript()).size() >= 7, "the tables and their indexes");
    }

    private static String shippedScript() {
        try (var in = Migrations.class.getResourceAsStream("postgresql/001.sql")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
