package dev.berth.events.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.testsupport.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The same contract on PostgreSQL: the JDBC store's SQL runs there unchanged. */
class PostgresEventStoreTest extends EventStoreContract {
    private static PostgresServer server;

    @BeforeAll
    static void startPostgres() throws Exception {
        server = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    EventStore newStore() throws Exception {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl()); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS berth_events"); // each test starts empty
        }
        return JdbcEventStore.open(server.jdbcUrl());
    }

    @Test
    void theSchemaIsCreatedOnceAndReopeningKeepsEvents() {
        store.append(java.util.List.of(dev.berth.events.Events.push("pg", 1, "r", "t")));
        try (EventStore again = JdbcEventStore.open(server.jdbcUrl())) {
            assertEquals(1, again.count(EventQuery.all()));
        }
    }
}
