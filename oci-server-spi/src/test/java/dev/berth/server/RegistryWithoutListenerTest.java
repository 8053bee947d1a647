package dev.berth.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.model.Digest;
import dev.berth.server.auth.Htpasswd;
import dev.berth.server.http.RegistryExchange;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Registry} answers exchanges of any transport: here one in memory, with no socket at all. */
class RegistryWithoutListenerTest {
    @TempDir
    Path dir;

    @Test
    void aBuiltRegistryStoresAndServesABlobThroughAnInMemoryExchange() throws Exception {
        byte[] content = "no socket".getBytes(StandardCharsets.UTF_8);
        Digest d = Digest.sha256(content);
        try (Registry registry = EmbeddedRegistry.builder().build()) {
            MemoryExchange push = new MemoryExchange("POST", "/v2/app/blobs/uploads/", "digest=" + d, content, Map.of());
            registry.handle(push);
            assertEquals(201, push.status());
            assertEquals("/v2/app/blobs/" + d, push.responseHeader("Location").orElseThrow());
            assertEquals("registry/2.0", push.responseHeader("Docker-Distribution-API-Version").orElseThrow());

            MemoryExchange get = new MemoryExchange("GET", "/v2/app/blobs/" + d, "", new byte[0], Map.of("Range", "bytes=3-"));
            registry.handle(get);
            assertEquals(206, get.status());
            assertEquals("socket", get.body.toString(StandardCharsets.UTF_8));
            assertEquals(6, get.declaredLength);

            MemoryExchange head = new MemoryExchange("HEAD", "/v2/app/blobs/" + d, "", new byte[0], Map.of());
            registry.handle(head);
            assertEquals(200, head.status());
            assertEquals(content.length, head.declaredLength, "a HEAD is answered with the length a GET's body has");
        }
    }

    @Test
    void aDecoratorsRefusalGetsTheSpecificationsErrorBody() throws Exception {
        Path file = dir.resolve("htpasswd");
        Files.writeString(file, Htpasswd.line("alice", "pw") + "\n");
        try (Registry registry = EmbeddedRegistry.builder().authenticator(Htpasswd.load(file)).readOnly(true).build()) {
            MemoryExchange anonymous = new MemoryExchange("GET", "/v2/app/tags/list", "", new byte[0], Map.of());
            registry.handle(anonymous);
            assertEquals(401, anonymous.status());
            assertEquals("Basic realm=\"berth\"", anonymous.responseHeader("WWW-Authenticate").orElseThrow());
            String body = anonymous.body.toString(StandardCharsets.UTF_8);
            assertTrue(body.contains("\"code\":\"UNAUTHORIZED\"") && body.contains("\"Action\":\"pull\""), body);

            String alice = "Basic " + Base64.getEncoder().encodeToString("alice:pw".getBytes(StandardCharsets.UTF_8));
            MemoryExchange write = new MemoryExchange("POST", "/v2/app/blobs/uploads/", "", new byte[0], Map.of("Authorization", alice));
            registry.handle(write);
            assertEquals(405, write.status());
            assertTrue(write.body.toString(StandardCharsets.UTF_8).contains("\"code\":\"UNSUPPORTED\""));
        }
    }

    @Test
    void aClosedRegistryRefusesRequests() {
        Registry registry = EmbeddedRegistry.builder().build();
        registry.close();
        assertThrows(IllegalStateException.class, () -> registry.handle(new MemoryExchange("GET", "/v2/", "", new byte[0], Map.of())));
    }

    /** A request and its response held in memory. */
    private static final class MemoryExchange implements RegistryExchange {
        private final String method;
        private final String path;
        private final String query;
        private final InputStream requestBody;
        private final Map<String, String> requestHeaders = new LinkedHashMap<>();
        private final Map<String, List<String>> responseHeaders = new LinkedHashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        long declaredLength = -2;
        private int status;

        MemoryExchange(String method, String path, String query, byte[] requestBody, Map<String, String> headers) {
            this.method = method;
            this.path = path;
            this.query = query;
            this.requestBody = new ByteArrayInputStream(requestBody);
            headers.forEach((k, v) -> requestHeaders.put(k.toLowerCase(), v));
        }

        @Override public String method() { return method; }
        @Override public String rawPath() { return path; }
        @Override public String rawQuery() { return query; }
        @Override public Optional<String> requestHeader(String name) { return Optional.ofNullable(requestHeaders.get(name.toLowerCase())); }
        @Override public List<String> requestHeaders(String name) { return requestHeader(name).map(List::of).orElse(List.of()); }
        @Override public InputStream requestBody() { return requestBody; }
        @Override public InetSocketAddress remoteAddress() { return new InetSocketAddress("127.0.0.1", 40000); }
        @Override public boolean secure() { return false; }

        @Override
        public void setHeader(String name, String value) {
            responseHeaders.put(name.toLowerCase(), new ArrayList<>(List.of(value)));
        }

        @Override
        public void addHeader(String name, String value) {
            responseHeaders.computeIfAbsent(name.toLowerCase(), k -> new ArrayList<>()).add(value);
        }

        @Override
        public Optional<String> responseHeader(String name) {
            List<String> values = responseHeaders.get(name.toLowerCase());
            return values == null ? Optional.empty() : Optional.of(values.get(0));
        }

        @Override
        public OutputStream respond(int code, long length) {
            if (status != 0) {
                throw new IllegalStateException("already answered");
            }
            status = code;
            declaredLength = length;
            return method.equals("HEAD") ? OutputStream.nullOutputStream() : body;
        }

        @Override public boolean responded() { return status != 0; }
        @Override public int status() { return status; }
    }
}
