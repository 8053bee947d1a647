package dev.berth.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.MediaType;
import dev.berth.server.EmbeddedRegistry;
import dev.berth.server.auth.TlsMaterial;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A blob's bytes travel over their own engine (HttpURLConnection), everything else over the JDK HttpClient: the
 * bytes must reach the registry exactly as the HttpClient would, through its TLS trust, its proxy and the
 * Transport's retries. Blobs of several MiB take the pipelined download (hashing on a thread of its own).
 */
class BlobEngineTest {
    private static final RetryPolicy FAST = new RetryPolicy(4, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(5));

    @TempDir
    Path dir;

    @Test
    void blobsMoveOverTlsWithTheHttpClientsTrustAndFailWithoutIt() throws Exception {
        TlsMaterial tls = TlsMaterial.generate(List.of());
        byte[] blob = random(6 * 1024 * 1024 + 17);
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder().tls(tls.serverContext()).start()) {
            // Trust given only through a caller's HttpClient: the blob engine must take it from there.
            HttpClient trusting = HttpClient.newBuilder().sslContext(tls.clientContext())
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            try (RegistryClient client = RegistryClient.builder(registry.hostPort()).httpClient(trusting).build()) {
                Descriptor pushed = client.pushBlob("app", Files.write(dir.resolve("blob"), blob));
                client.getBlob("app", pushed, dir.resolve("pulled"), TransferListener.NONE);
                assertArrayEquals(blob, Files.readAllBytes(dir.resolve("pulled")));
            }
            Descriptor descriptor = Descriptor.of(MediaType.OCTET_STREAM, Digest.sha256(blob), blob.length);
            try (RegistryClient insecure = RegistryClient.builder(registry.hostPort()).insecure(true).build()) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                insecure.getBlob("app", descriptor, out, TransferListener.NONE);
                assertArrayEquals(blob, out.toByteArray());
            }
            HttpClient jdkTrustOnly = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
            try (RegistryClient untrusting = RegistryClient.builder("https://" + registry.hostPort())
                    .httpClient(jdkTrustOnly).build()) {
                RegistryUnreachableException e = assertThrows(RegistryUnreachableException.class,
                        () -> untrusting.getBlob("app", descriptor, dir.resolve("refused"), TransferListener.NONE));
                assertEquals(RegistryUnreachableException.Reason.TLS, e.reason(), e.getMessage());
            }
        }
    }

    @Test
    void blobGetsGoThroughTheClientsProxy() throws Exception {
        byte[] blob = random(5 * 1024 * 1024);
        Digest digest = Digest.sha256(blob);
        List<String> requestLines = new CopyOnWriteArrayList<>();
        try (ServerSocket proxy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread serving = new Thread(() -> answerAsTheRegistry(proxy, blob, requestLines));
            serving.setDaemon(true);
            serving.start();
            // A name nobody resolves: only the proxy can have answered.
            try (RegistryClient client = RegistryClient.builder("http://registry.invalid:5000").insecure(true)
                    .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", proxy.getLocalPort()))).build()) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                client.getBlob("app", Descriptor.of(MediaType.OCTET_STREAM, digest, blob.length), out, TransferListener.NONE);
                assertArrayEquals(blob, out.toByteArray());
            }
        }
        assertEquals(List.of("GET http://registry.invalid:5000/v2/app/blobs/" + digest + " HTTP/1.1"), requestLines);
    }

    @Test
    void aBlobGetAnsweredWithATemporaryFailureIsRetried() {
        WireMockServer registry = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        registry.start();
        try {
            byte[] blob = random(4096);
            Digest digest = Digest.sha256(blob);
            String path = "/v2/app/blobs/" + digest;
            registry.stubFor(get(path).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "0")).willSetStateTo("recovered"));
            registry.stubFor(get(path).inScenario("flaky").whenScenarioStateIs("recovered")
                    .willReturn(aResponse().withStatus(200).withBody(blob)));
            try (RegistryClient client = RegistryClient.builder("http://127.0.0.1:" + registry.port()).retry(FAST)
                    .credentials(r -> java.util.Optional.empty()).build()) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                client.getBlob("app", Descriptor.of(MediaType.OCTET_STREAM, digest, blob.length), out, TransferListener.NONE);
                assertArrayEquals(blob, out.toByteArray());
            }
            assertEquals(2, registry.countRequestsMatching(getRequestedFor(urlEqualTo(path)).build()).getCount());
        } finally {
            registry.stop();
        }
    }

    // An HTTP proxy answering in the registry's place: records each request line, returns the blob.
    private static void answerAsTheRegistry(ServerSocket proxy, byte[] blob, List<String> requestLines) {
        try (Socket s = proxy.accept()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
            String requestLine = in.readLine();
            requestLines.add(requestLine);
            for (String line; (line = in.readLine()) != null && !line.isEmpty(); ) {
                assertTrue(line.indexOf(':') > 0, line);
            }
            OutputStream out = s.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + blob.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(blob);
            out.flush();
        } catch (java.io.IOException e) {
            requestLines.add("proxy failed: " + e);
        }
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
