/**
 * Test support for users of {@code dev.berth.server}:
 * {@link dev.berth.server.junit.EmbeddedRegistryExtension} runs an embedded
 * registry for JUnit 5 tests, {@code dev.berth.server.spi.testkit} holds the
 * contract tests every {@code BlobStore} and {@code MetadataStore} must pass,
 * and {@code dev.berth.server.http.testkit} the distribution API's contract a
 * registry passes behind any server (Berth's own, a servlet container's).
 * Meant for the test scope.
 */
module dev.berth.server.testkit {
    requires transitive dev.berth.server;
    requires transitive org.junit.jupiter.api;
    requires java.net.http;

    exports dev.berth.server.http.testkit;
    exports dev.berth.server.junit;
    exports dev.berth.server.spi.testkit;
}
