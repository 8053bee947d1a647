package dev.berth.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.model.Digest;
import dev.berth.testsupport.OciLayoutImage;
import dev.berth.testsupport.Skopeo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deleteEnabled(false)}: distribution's default without {@code storage.delete.enabled: true}. Every
 * manifest, tag and blob delete is 405 UNSUPPORTED with a JSON body, whether or not the content exists, and
 * nothing goes; an upload can still be cancelled.
 */
class DeleteEnabledTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static HttpResponse<byte[]> send(String method, String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void assertUnsupported(HttpResponse<byte[]> response) throws Exception {
        assertEquals(405, response.statusCode(), response.uri().toString());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode body = JSON.readTree(response.body());
        assertEquals("UNSUPPORTED", body.at("/errors/0/code").asText(), body.toString());
    }

    @Test
    void deletesAreRefusedWithUnsupportedAndNothingGoes() throws Exception {
        OciLayoutImage image = OciLayoutImage.write(dir.resolve("layout"), "1", "no deletes " + System.nanoTime());
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder().deleteEnabled(false).start()) {
            String base = registry.baseUri() + "/v2/team/app";
            Skopeo.run("copy", "--dest-tls-verify=false", image.skopeoName(), "docker://" + registry.hostPort() + "/team/app:1");
            Digest manifest = image.manifest().digest();
            Digest layer = image.layer().digest();

            assertUnsupported(send("DELETE", base + "/manifests/" + manifest));
            assertUnsupported(send("DELETE", base + "/manifests/1"));
            assertUnsupported(send("DELETE", base + "/blobs/" + layer));
            assertUnsupported(send("DELETE", base + "/manifests/" + Digest.sha256(new byte[3])));
            assertUnsupported(send("DELETE", base + "/blobs/" + Digest.sha256(new byte[5])));

            assertEquals(200, send("GET", base + "/manifests/1").statusCode());
            assertEquals(200, send("GET", base + "/manifests/" + manifest).statusCode());
            assertEquals(200, send("GET", base + "/blobs/" + layer).statusCode());

            HttpResponse<byte[]> started = send("POST", base + "/blobs/uploads/");
            assertEquals(202, started.statusCode());
            String location = started.headers().firstValue("Location").orElseThrow();
            assertEquals(204, send("DELETE", registry.baseUri().resolve(location).toString()).statusCode(),
                    "cancelling an upload is not a delete");
        }
    }

    @Test
    void deletesAreAllowedByDefault() throws Exception {
        OciLayoutImage image = OciLayoutImage.write(dir.resolve("layout"), "1", "deletes " + System.nanoTime());
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder().start()) {
            Skopeo.run("copy", "--dest-tls-verify=false", image.skopeoName(), "docker://" + registry.hostPort() + "/team/app:1");
            assertEquals(202, send("DELETE", registry.baseUri() + "/v2/team/app/manifests/" + image.manifest().digest()).statusCode());
            assertEquals(404, send("GET", registry.baseUri() + "/v2/team/app/manifests/1").statusCode());
        }
    }
}
