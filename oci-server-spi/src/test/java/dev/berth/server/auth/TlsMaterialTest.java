package dev.berth.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.berth.model.OciException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsMaterialTest {
    @TempDir
    Path dir;

    @Test
    void aClientTrustingTheCaReachesTheServerByNameAndAddress() throws Exception {
        TlsMaterial tls = TlsMaterial.generate(List.of("registry.local"));
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        server.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
        server.createContext("/v2/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            int port = server.getAddress().getPort();
            HttpClient trusting = HttpClient.newBuilder().sslContext(tls.clientContext()).build();
            for (String host : List.of("127.0.0.1", "localhost")) {
                HttpResponse<Void> r = trusting.send(HttpRequest.newBuilder(URI.create("https://" + host + ":" + port + "/v2/")).build(),
                        HttpResponse.BodyHandlers.discarding());
                assertEquals(200, r.statusCode(), host);
            }
            HttpClient defaults = HttpClient.newHttpClient();
            assertThrows(SSLHandshakeException.class, () -> defaults.send(
                    HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/v2/")).build(),
                    HttpResponse.BodyHandlers.discarding()), "verification stays on by default");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void writesPemFilesWithAPrivateKeyOnlyTheOwnerReads() throws Exception {
        TlsMaterial tls = TlsMaterial.generate(List.of());
        tls.writePem(dir);
        assertTrue(Files.readString(dir.resolve("ca.pem")).startsWith("-----BEGIN CERTIFICATE-----"));
        assertEquals(2, Files.readString(dir.resolve("server.pem")).split("BEGIN CERTIFICATE").length - 1);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("server-key.pem"))));
        assertTrue(tls.serverCertificate().getSubjectAlternativeNames().stream().anyMatch(n -> n.get(1).equals("::1")
                || n.get(1).equals("0:0:0:0:0:0:0:1")));
    }

    @Test
    void aServerContextFromTheUsersPemFilesServesTheirCertificate() throws Exception {
        TlsMaterial tls = TlsMaterial.generate(List.of());
        tls.writePem(dir.resolve("pem"));
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        server.setHttpsConfigurator(new HttpsConfigurator(
                TlsMaterial.serverContext(dir.resolve("pem/server.pem"), dir.resolve("pem/server-key.pem"))));
        server.createContext("/v2/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            HttpClient trusting = HttpClient.newBuilder().sslContext(tls.clientContext()).build();
            assertEquals(200, trusting.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.getAddress().getPort()
                    + "/v2/")).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void pemFilesThatDoNotFitTogetherAreRefusedByName() throws Exception {
        TlsMaterial one = TlsMaterial.generate(List.of());
        TlsMaterial other = TlsMaterial.generate(List.of());
        one.writePem(dir.resolve("one"));
        other.writePem(dir.resolve("other"));
        OciException mismatch = assertThrows(OciException.class,
                () -> TlsMaterial.serverContext(dir.resolve("one/server.pem"), dir.resolve("other/server-key.pem")));
        assertTrue(mismatch.getMessage().contains("does not belong to the certificate"), mismatch.getMessage());
        OciException noCertificate = assertThrows(OciException.class,
                () -> TlsMaterial.serverContext(dir.resolve("one/server-key.pem"), dir.resolve("one/server-key.pem")));
        assertTrue(noCertificate.getMessage().contains("server-key.pem"), noCertificate.getMessage());
        OciException noKey = assertThrows(OciException.class,
                () -> TlsMaterial.serverContext(dir.resolve("one/server.pem"), dir.resolve("one/ca.pem")));
        assertTrue(noKey.getMessage().contains("no unencrypted PEM private key"), noKey.getMessage());
        assertThrows(OciException.class, () -> TlsMaterial.serverContext(dir.resolve("missing.pem"), dir.resolve("one/server-key.pem")));
    }
}
