package dev.berth.server.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.server.EmbeddedRegistry;
import dev.berth.server.auth.Htpasswd;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The README's JUnit 5 snippet, word for word between the markers (examples' ReadmeSnippetsTest compares them):
 * the extension configured with what the builder sets, here an htpasswd file.
 */
class ReadmeExtensionWithAuthTest {
    private static final Path HTPASSWD = htpasswd();

    // snippet: server-junit
    @RegisterExtension
    static EmbeddedRegistryExtension registry = EmbeddedRegistryExtension.perClass()
            .configure(b -> b.authenticator(Htpasswd.load(HTPASSWD)));   // anything EmbeddedRegistry.Builder sets

    @Test
    void pushes(EmbeddedRegistry r) { /* r.baseUri(), r.hostPort() */ }
    // end snippet

    @Test
    void theConfiguredRegistryAsksForCredentials(EmbeddedRegistry r) throws Exception {
        HttpResponse<Void> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(r.baseUri() + "/v2/"))
                .build(), HttpResponse.BodyHandlers.discarding());
        assertEquals(401, anonymous.statusCode());
    }

    private static Path htpasswd() {
        try {
            Path file = Files.createTempFile("berth-readme", ".htpasswd");
            file.toFile().deleteOnExit();
            Files.writeString(file, Htpasswd.line("ci", "s3cret") + "\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
