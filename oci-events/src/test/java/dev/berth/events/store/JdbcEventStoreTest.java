package dev.berth.events.store;

import static dev.berth.events.Events.push;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcEventStoreTest extends EventStoreContract {
    @TempDir
    Path dir;

    @Override
    EventStore newStore() {
        return JdbcEventStore.open("jdbc:sqlite:" + dir.resolve("events.db"));
    }

    @Test
    void eventsSurviveReopening() {
        store.append(List.of(push("kept", 1, "r", "t")));
        store.close();
        try (EventStore reopened = newStore()) {
            assertEquals(1, reopened.count(EventQuery.all()));
            assertEquals(List.of(), reopened.append(List.of(push("kept", 1, "r", "t"))));
        }
    }

    @Test
    void aFailureMidBatchStoresNothing() {
        String url = "jdbc:sqlite:" + dir.resolve("failing.db");
        AtomicInteger updates = new AtomicInteger();
        DataSource failOnThirdInsert = dataSource(url, updates, 3);
        try (JdbcEventStore failing = new JdbcEventStore(failOnThirdInsert)) {
            EventStoreException e = assertThrows(EventStoreException.class, () -> failing.append(List.of(
                    push("1", 1, "r", "a"), push("2", 2, "r", "b"), push("3", 3, "r", "c"))));
            assertEquals(true, e.getMessage().contains("none stored"), e.getMessage());
            assertEquals(0, failing.count(EventQuery.all()));
        }
    }

    /** Connections whose n-th executeUpdate fails, as a full disk or a lost connection would. */
    private static DataSource dataSource(String url, AtomicInteger updates, int failAt) {
        InvocationHandler ds = (proxy, method, args) -> {
            if (method.getName().equals("getConnection")) {
                return failingConnection(DriverManager.getConnection(url), updates, failAt);
            }
            throw new UnsupportedOperationException(method.getName());
        };
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class}, ds);
    }

    private static Connection failingConnection(Connection real, AtomicInteger updates, int failAt) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    Object result = invoke(real, method, args);
                    if (result instanceof PreparedStatement) {
                        PreparedStatement ps = (PreparedStatement) result;
                        return Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                                new Class<?>[] {PreparedStatement.class}, (p, m, a) -> {
                                    if (m.getName().equals("executeUpdate") && updates.incrementAndGet() == failAt) {
                                        throw new SQLException("disk full (simulated)");
                                    }
                                    return invoke(ps, m, a);
                                });
                    }
                    return result;
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
