package dev.berth.client.registries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.berth.server.auth.Htpasswd;
import dev.berth.server.auth.TlsMaterial;
import dev.berth.auth.vault.Secret;
import dev.berth.server.EmbeddedRegistry;
import dev.berth.testsupport.DistributionRegistry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link RegistrySet#test}: what answers, and each kind of failure that can be produced on loopback. */
class ConnectionTestingTest {
    @TempDir
    Path dir;

    private final RegistrySet set = RegistrySet.builder().testTimeout(Duration.ofSeconds(5)).build();

    private ConnectionReport test(RegistryEntry entry) {
        set.add(entry);
        return set.test(entry.name());
    }

    private ConnectionReport test(RegistryEntry entry, String password) {
        set.add(entry, new Secret(password));
        return set.test(entry.name());
    }

    private static void assertFailure(ConnectionFailure expected, boolean reachable, ConnectionReport report) {
        assertEquals(Optional.of(expected), report.failure(), report.toString());
        assertEquals(reachable, report.reachable(), report.toString());
        assertFalse(report.authenticated(), report.toString());
        assertFalse(report.ok());
        assertFalse(report.detail().isBlank());
    }

    @Test
    void distributionAnonymous() throws Exception {
        try (DistributionRegistry registry = Peers.distribution(dir)) {
            ConnectionReport report = test(RegistryEntry.of("d", registry.hostPort()));
            assertTrue(report.ok(), report.toString());
            assertTrue(report.reachable());
            assertTrue(report.authenticated());
            assertEquals(Optional.of("registry/2.0"), report.apiVersion());
            assertEquals(Optional.of("none"), report.authScheme());
            assertEquals(Optional.of(URI.create(registry.baseUrl() + "/")), report.baseUri());
            assertTrue(report.latency().compareTo(Duration.ZERO) > 0);
        }
    }

    @Test
    void distributionWithHtpasswdAcceptsTheRightPasswordOnly() throws Exception {
        try (DistributionRegistry registry = Peers.distributionWithHtpasswd(dir)) {
            RegistryEntry entry = RegistryEntry.of("d", registry.hostPort()).withUsername(Peers.USER);
            ConnectionReport good = test(entry, Peers.PASSWORD);
            assertTrue(good.ok(), good.toString());
            assertEquals(Optional.of("basic"), good.authScheme());

            ConnectionReport wrong = test(entry, "wrong password");
            assertFailure(ConnectionFailure.AUTH, true, wrong);
            assertFalse(wrong.detail().contains("wrong password"), "the password is never shown: " + wrong.detail());

            assertFailure(ConnectionFailure.AUTH, true, test(RegistryEntry.of("d", registry.hostPort())));
        }
    }

    @Test
    void embeddedRegistryPlainAndWithHtpasswd() throws Exception {
        Path htpasswd = Peers.htpasswd(dir);
        try (EmbeddedRegistry open = EmbeddedRegistry.builder().start();
             EmbeddedRegistry closed = EmbeddedRegistry.builder().authenticator(Htpasswd.load(htpasswd)).start()) {
            ConnectionReport anonymous = test(RegistryEntry.of("open", open.hostPort()));
            assertTrue(anonymous.ok(), anonymous.toString());
            assertTrue(anonymous.apiVersion().isPresent());

            RegistryEntry entry = RegistryEntry.of("closed", closed.hostPort()).withUsername(Peers.USER);
            assertTrue(test(entry, Peers.PASSWORD).ok());
            assertFailure(ConnectionFailure.AUTH, true, test(entry, "nope"));
        }
    }

    @Test
    void tlsIsVerifiedAgainstTheGivenCaAndReportedWhenUntrusted() throws Exception {
        TlsMaterial tls = TlsMaterial.generate(List.of());
        Path ca = Files.writeString(dir.resolve("ca.pem"), tls.caPem());
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder().tls(tls.serverContext()).start()) {
            ConnectionReport untrusted = test(RegistryEntry.of("tls", registry.hostPort()));
            assertFailure(ConnectionFailure.TLS, false, untrusted);

            ConnectionReport trusted = test(RegistryEntry.of("tls", registry.hostPort()).withCaCertificate(ca));
            assertTrue(trusted.ok(), trusted.toString());
            assertEquals("https", trusted.baseUri().orElseThrow().getScheme());

            ConnectionReport insecure = test(RegistryEntry.of("tls", registry.hostPort()).withInsecure(true));
            assertTrue(insecure.ok(), insecure.toString());
            assertEquals("https", insecure.baseUri().orElseThrow().getScheme());
        }
    }

    @Test
    void httpsForcedOnAPlainHttpRegistryIsATlsFailure() throws Exception {
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder().start()) {
            assertFailure(ConnectionFailure.TLS, false, test(RegistryEntry.of("plain", "https://" + registry.hostPort())));
        }
    }

    @Test
    void aMissingCaFileIsReportedNotThrown() {
        ConnectionReport report = test(RegistryEntry.of("ca", "127.0.0.1:1").withCaCertificate(dir.resolve("missing.pem")));
        assertFailure(ConnectionFailure.TLS, false, report);
    }

    @Test
    void nobodyListeningIsRefused() throws Exception {
        int port = DistributionRegistry.freePort();
        assertFailure(ConnectionFailure.REFUSED, false, test(RegistryEntry.of("gone", "127.0.0.1:" + port)));
    }

    @Test
    void anUnknownHostIsADnsFailure() {
        // RFC 6761: .invalid never resolves, and resolvers answer so without asking anyone.
        assertFailure(ConnectionFailure.DNS, false, test(RegistryEntry.of("typo", "registry.berth.invalid")));
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        // Connections complete in the backlog, but nobody accepts them or answers.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            RegistrySet quick = RegistrySet.builder().testTimeout(Duration.ofMillis(500)).build();
            quick.add(RegistryEntry.of("silent", "127.0.0.1:" + silent.getLocalPort()));
            ConnectionReport report = quick.test("silent");
            assertFailure(ConnectionFailure.TIMEOUT, false, report);
        }
    }

    @Test
    void aWebServerAnswering404IsNotARegistry() throws Exception {
        HttpServer web = Peers.webServer(404, Map.of());
        try {
            // The JDK's server sits silent on the TLS hello of the HTTPS attempt: the wait is the test timeout.
            RegistrySet quick = RegistrySet.builder().testTimeout(Duration.ofMillis(500)).build();
            quick.add(RegistryEntry.of("web", Peers.hostPort(web)));
            assertFailure(ConnectionFailure.NOT_A_REGISTRY, true, quick.test("web"));
        } finally {
            web.stop(0);
        }
    }

    @Test
    void aWebServerAnswering200WithoutTheApiVersionIsNotARegistry() throws Exception {
        HttpServer web = Peers.webServer(200, Map.of());
        try {
            assertFailure(ConnectionFailure.NOT_A_REGISTRY, true, test(RegistryEntry.of("web", "http://" + Peers.hostPort(web))));
        } finally {
            web.stop(0);
        }
    }

    @Test
    void testAllReportsEveryRegistryInOrder() throws Exception {
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder().start()) {
            set.add(RegistryEntry.of("up", registry.hostPort()));
            set.add(RegistryEntry.of("down", "127.0.0.1:" + DistributionRegistry.freePort()));
            List<ConnectionReport> reports = set.testAll();
            assertEquals(List.of("up", "down"), reports.stream().map(ConnectionReport::name).toList());
            assertTrue(reports.get(0).ok());
            assertEquals(Optional.of(ConnectionFailure.REFUSED), reports.get(1).failure());
        }
    }
}
