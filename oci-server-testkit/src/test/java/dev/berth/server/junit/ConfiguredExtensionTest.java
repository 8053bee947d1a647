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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension starts registries configured as the README shows: here with htpasswd authentication. */
class ConfiguredExtensionTest {
    private static final Path HTPASSWD = htpasswd();

    @RegisterExtension
    static EmbeddedRegistryExtension registry = EmbeddedRegistryExtension.perClass()
            .configure(b -> b.authenticator(Htpasswd.load(HTPASSWD)))
            .configure(b -> b.readOnly(true));

    private static Path htpasswd() {
        try {
            Path file = Files.createTempFile("berth-extension", ".htpasswd");
            file.toFile().deleteOnExit();
            return Files.writeString(file, Htpasswd.line("ci", "t0ken") + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int status(EmbeddedRegistry r, String method, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(r.baseUri() + "/v2/team/app/blobs/uploads/"))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void refusesRequestsWithoutCredentials(EmbeddedRegistry r) throws Exception {
        assertEquals(401, status(r, "POST", null));
    }

    @Test
    void appliesEveryConfigurationInOrder(EmbeddedRegistry r) throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString("ci:t0ken".getBytes(StandardCharsets.UTF_8));
        // Authenticated, but the second configure made the registry read-only: uploads are refused as such.
        int status = status(r, "POST", basic);
        assertEquals(405, status, "the read-only registry refuses an upload, after authentication");
    }
}
