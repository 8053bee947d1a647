package dev.berth.server.junit;

import dev.berth.server.EmbeddedRegistry;
import dev.berth.server.Storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.server.junit.EmbeddedRegistryExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The README's oci-server-spi quick start, kept compiling and true. */
class ReadmeExtensionExamplesTest {
    @RegisterExtension
    static EmbeddedRegistryExtension registry = EmbeddedRegistryExtension.perClass();

    @TempDir
    Path dir;

    @Test
    void startsOnAFreeLoopbackPortWithFilesystemStorage() throws Exception {
        Path dataDir = dir.resolve("registry-data");
        // snippet: server-embedded
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder()
                .storage(Storage.filesystem(dataDir))                    // or Storage.inMemory() (the default)
                .start()) {                                              // 127.0.0.1 and a free port
            String image = registry.hostPort() + "/team/app:1.0";
        }
        // end snippet
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder().storage(Storage.filesystem(dataDir)).start()) {
            String image = registry.hostPort() + "/team/app:1.0";
            assertTrue(image.startsWith("127.0.0.1:"), image);
            assertEquals(200, HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(registry.baseUri() + "/v2/"))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        }
        assertTrue(Files.isDirectory(dir.resolve("registry-data/blobs")));
    }

    @Test
    void theExtensionInjectsItsRegistry(EmbeddedRegistry r) throws Exception {
        assertEquals(registry.registry(), r);
        assertEquals(200, HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(r.baseUri() + "/v2/")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());
    }
}
