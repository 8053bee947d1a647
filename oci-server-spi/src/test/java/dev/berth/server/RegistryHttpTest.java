package dev.berth.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.server.auth.Htpasswd;
import dev.berth.server.auth.TlsMaterial;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded registry's HTTP side as a client sees it: the access log, framing errors under the API, TLS. */
class RegistryHttpTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path dir;

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theAccessLogHasALinePerRequestWithTheUserAndNeitherCredentialsNorSecretsOfTheQuery() throws Exception {
        Path file = dir.resolve("htpasswd");
        Files.writeString(file, Htpasswd.line("alice", "alice-pw") + "\n");
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder().authenticator(Htpasswd.load(file)).start()) {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            URI base = registry.baseUri();
            assertEquals(200, HTTP.send(HttpRequest.newBuilder(base.resolve("/v2/")).header("Authorization", basic("alice", "alice-pw"))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode());
            assertEquals(401, HTTP.send(HttpRequest.newBuilder(base.resolve("/v2/")).header("Authorization", basic("alice", "guess-1"))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode());
            HTTP.send(HttpRequest.newBuilder(base.resolve("/v2/app/blobs/uploads/u1?_state=SECRET-STATE&n=5&token=SECRET-TOKEN"))
                    .header("Authorization", basic("alice", "alice-pw")).build(), HttpResponse.BodyHandlers.discarding());
        } finally {
            System.setErr(err);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("127.0.0.1 alice \"GET /v2/ HTTP/1.1\" 200 2 "), log);
        assertTrue(log.contains("WARN") && log.contains("127.0.0.1 - \"GET /v2/ HTTP/1.1\" 401 ") && log.contains("credentials refused"),
                log);
        assertTrue(log.contains("\"GET /v2/app/blobs/uploads/u1?_state=***&n=5&token=*** HTTP/1.1\" 404 "), log);
        assertFalse(log.contains("SECRET") || log.contains("guess-1") || log.contains("alice-pw")
                || log.contains(Base64.getEncoder().encodeToString("alice:".getBytes(StandardCharsets.UTF_8)).substring(0, 6)), log);
        assertEquals(3, log.lines().filter(l -> l.contains("dev.berth.server.access")).count(), log);
    }

    @Test
    void aFailingStoreIsOneWarningPerRequestWithoutAStackTraceOrTheQuery() throws Exception {
        Storage memory = Storage.inMemory();
        // Tag look-ups fail as a broken disk would; the catalog fails as a bug would.
        dev.berth.server.spi.MetadataStore failing = (dev.berth.server.spi.MetadataStore) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {dev.berth.server.spi.MetadataStore.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "resolveTag", "getTaggedManifest" -> throw new dev.berth.server.spi.StorageException("disk on fire");
                        case "listRepositories" -> throw new IllegalStateException("a bug in the store");
                        default -> {
                            try {
                                return method.invoke(memory.metadata(), args);
                            } catch (java.lang.reflect.InvocationTargetException e) {
                                throw e.getCause();
                            }
                        }
                    }
                });
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder().storage(new Storage(memory.blobs(), failing)).start()) {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            URI base = registry.baseUri();
            assertEquals(500, HTTP.send(HttpRequest.newBuilder(base.resolve("/v2/app/manifests/latest?token=SECRET-TOKEN")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
            assertEquals(500, HTTP.send(HttpRequest.newBuilder(base.resolve("/v2/_catalog?state=SECRET-STATE")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
        } finally {
            System.setErr(err);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        List<String> warnings = log.lines().filter(l -> l.contains("WARN") && !l.contains("dev.berth.server.access")).toList();
        assertEquals(2, warnings.size(), log);
        assertTrue(warnings.get(0).contains("disk on fire") && warnings.get(1).contains("a bug in the store"), log);
        assertFalse(log.contains("\tat ") || log.contains("Exception in"), "no stack trace: " + log);
        assertFalse(log.contains("SECRET"), log);
    }

    @Test
    void aMalformedChunkInABlobUploadIs400NotAStorageFailure() throws Exception {
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder().storage(Storage.filesystem(dir.resolve("store"))).start()) {
            HttpResponse<Void> started = HTTP.send(HttpRequest.newBuilder(registry.baseUri().resolve("/v2/app/blobs/uploads/"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            assertEquals(202, started.statusCode());
            String location = started.headers().firstValue("Location").orElseThrow();
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), registry.port())) {
                s.setSoTimeout(10_000);
                s.getOutputStream().write(("PATCH " + location + " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "4\r\nabcd\r\nzz\r\nGET /v2/ HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
                assertTrue(answer.contains("chunk size is not hexadecimal"), answer);
                assertEquals(1, answer.split("HTTP/1.1 ", -1).length - 1, "nothing after the broken body is served: " + answer);
            }
        }
    }

    @Test
    void theTlsRegistryAnswersPlainHttpWith400AndServesHttps() throws Exception {
        TlsMaterial tls = TlsMaterial.generate(List.of());
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder().tls(tls.serverContext()).start()) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), registry.port())) {
                s.setSoTimeout(10_000);
                s.getOutputStream().write("GET /v2/ HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                assertTrue(answer.startsWith("HTTP/1.1 400 ") && answer.contains("HTTPS"), answer);
            }
            HttpClient https = HttpClient.newBuilder().sslContext(tls.clientContext()).version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> ping = https.send(HttpRequest.newBuilder(registry.baseUri().resolve("/v2/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ping.statusCode());
            assertEquals("registry/2.0", ping.headers().firstValue("Docker-Distribution-API-Version").orElseThrow());
        }
    }
}
