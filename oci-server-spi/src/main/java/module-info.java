/**
 * The storage SPI ({@code dev.berth.server.spi}), in-memory and filesystem
 * stores, and {@link dev.berth.server.EmbeddedRegistry}: a distribution-spec
 * registry an application starts in-process.
 */
module dev.berth.server {
    requires transitive dev.berth.model;
    requires transitive dev.berth.auth;
    requires transitive dev.berth.events;
    requires jdk.httpserver;
    requires org.slf4j;
    requires static org.junit.jupiter.api;

    exports dev.berth.server;
    exports dev.berth.server.spi;
    exports dev.berth.server.storage.memory;
    exports dev.berth.server.storage.fs;
    exports dev.berth.server.junit;
}
