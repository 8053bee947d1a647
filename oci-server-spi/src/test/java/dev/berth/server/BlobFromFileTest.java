package dev.berth.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.model.Digest;
import dev.berth.server.auth.TlsMaterial;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Blobs of the filesystem store go out as regions of their files: handed to a plain socket whole (sendfile),
 * copied over TLS. Either way a client gets exactly the bytes, ranges included, on a connection that stays
 * usable.
 */
class BlobFromFileTest {
    private static final int SIZE = 6 * 1024 * 1024 + 123;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aBlobAndItsRangesArriveWholeOnAKeptConnection(boolean tls) throws Exception {
        byte[] blob = new byte[SIZE];
        new SplittableRandom(11).nextBytes(blob);
        TlsMaterial material = tls ? TlsMaterial.generate(List.of()) : null;
        EmbeddedRegistry.Builder builder = EmbeddedRegistry.builder().storage(Storage.filesystem(dir));
        try (EmbeddedRegistry registry = (tls ? builder.tls(material.serverContext()) : builder).start()) {
            HttpClient http = client(material);
            URI url = push(http, registry.baseUri(), blob);
            for (int round = 0; round < 2; round++) { // the second GET reuses the connection the first left
                HttpResponse<byte[]> whole = http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, whole.statusCode());
                assertArrayEquals(blob, whole.body());
                HttpResponse<byte[]> part = http.send(HttpRequest.newBuilder(url).header("Range", "bytes=1000-2000999").build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(206, part.statusCode());
                assertArrayEquals(Arrays.copyOfRange(blob, 1000, 2001000), part.body());
            }
        }
    }

    private static HttpClient client(TlsMaterial tls) {
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1);
        return (tls == null ? b : b.sslContext(tls.clientContext())).build();
    }

    // A monolithic upload: POST, then PUT with the digest.
    private static URI push(HttpClient http, URI base, byte[] blob) throws Exception {
        Digest digest = Digest.sha256(blob);
        HttpResponse<Void> started = http.send(HttpRequest.newBuilder(base.resolve("/v2/files/app/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertEquals(202, started.statusCode());
        URI location = base.resolve(started.headers().firstValue("Location").orElseThrow());
        URI put = URI.create(location + (location.getQuery() == null ? "?" : "&") + "digest=" + digest);
        assertEquals(201, http.send(HttpRequest.newBuilder(put).PUT(HttpRequest.BodyPublishers.ofByteArray(blob)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());
        return base.resolve("/v2/files/app/blobs/" + digest);
    }
}
