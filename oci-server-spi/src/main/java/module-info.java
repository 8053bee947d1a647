/**
 * The storage SPI ({@code dev.berth.server.spi}), in-memory and filesystem
 * stores, {@link dev.berth.server.EmbeddedRegistry}: a distribution-spec
 * registry an application starts in-process, and the server side of auth
 * ({@code dev.berth.server.auth}: htpasswd, the Docker token protocol from the
 * issuer's side, TLS material). The JUnit 5 extension and the SPI contract
 * tests are in {@code dev.berth.server.testkit} (artifact
 * {@code oci-server-testkit}), so this module does not read JUnit.
 */
module dev.berth.server {
    requires transitive dev.berth.model;
    requires transitive dev.berth.auth;
    requires transitive dev.berth.events;
    requires jdk.httpserver;
    requires org.slf4j;
    requires transitive micrometer.core;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;

    exports dev.berth.server;
    exports dev.berth.server.auth;
    exports dev.berth.server.http;
    exports dev.berth.server.spi;
    exports dev.berth.server.storage.memory;
    exports dev.berth.server.storage.fs;
}
