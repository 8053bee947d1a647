package dev.berth.examples.ui;

import dev.berth.events.store.EventStore;
import dev.berth.events.store.InMemoryEventStore;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/** A UI on a free loopback port over a fresh config directory, stopped by close. */
final class UiFixture implements AutoCloseable {
    final UiServer server;
    final UiHttp http;
    final Path configDir;
    final EventStore events;

    private UiFixture(Path configDir, EventStore events, Consumer<UiServer.Builder> settings) {
        this.configDir = configDir;
        this.events = events;
        UiServer.Builder b = UiServer.builder().address(new InetSocketAddress("127.0.0.1", 0)).configDir(configDir)
                .cacheTtl(Duration.ofMinutes(5));
        if (events != null) {
            b.eventStore(events);
        }
        settings.accept(b);
        this.server = b.build();
        server.start();
        this.http = new UiHttp(server.uri());
    }

    static UiFixture start(Path configDir) {
        return start(configDir, b -> { });
    }

    static UiFixture start(Path configDir, Consumer<UiServer.Builder> settings) {
        return new UiFixture(configDir, new InMemoryEventStore(), settings);
    }

    /** @return a UI keeping its events in its default store, SQLite {@code DIR/events.db} */
    static UiFixture startWithDefaultStore(Path configDir) {
        return new UiFixture(configDir, null, b -> { });
    }

    /** @return the URL a registry's notifications go to */
    String webhook(String path) {
        return server.uri().resolve(path).toString();
    }

    @Override
    public void close() {
        server.close();
        if (events != null) {
            events.close();
        }
    }
}
