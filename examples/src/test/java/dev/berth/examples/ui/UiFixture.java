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
                .eventStore(events).cacheTtl(Duration.ofMinutes(5));
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

    /** @return the URL a registry's notifications go to */
    String webhook(String path) {
        return server.uri().resolve(path).toString();
    }

    @Override
    public void close() {
        server.close();
        events.close();
    }
}
