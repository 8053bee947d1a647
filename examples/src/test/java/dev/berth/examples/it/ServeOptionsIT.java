package dev.berth.examples.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.server.auth.Htpasswd;
import dev.berth.server.auth.TlsMaterial;
import dev.berth.client.RegistryClient;
import dev.berth.client.RegistryUnreachableException;
import dev.berth.events.EventFilter;
import dev.berth.events.RegistryEvent;
import dev.berth.events.receive.EventReceiver;
import dev.berth.events.receive.EventReceiverServer;
import dev.berth.events.store.EventQuery;
import dev.berth.events.store.InMemoryEventStore;
import dev.berth.model.Descriptor;
import dev.berth.testsupport.OciLayoutImage;
import dev.berth.testsupport.Skopeo;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code berth serve --htpasswd --notify --read-only} as a process, with skopeo as the client. */
class ServeOptionsIT {
    @TempDir
    Path dir;

    @Test
    void authenticatedPushesAreNotifiedWithTheirActorAndReadOnlyRefusesWrites() throws Exception {
        Path htpasswd = dir.resolve("htpasswd");
        Files.writeString(htpasswd, Htpasswd.line("alice", "alice-pw") + "\n");
        Path storage = dir.resolve("store");
        InMemoryEventStore store = new InMemoryEventStore();
        OciLayoutImage image = OciLayoutImage.write(dir.resolve("layout"), "1", "serve " + System.nanoTime());
        try (EventReceiverServer receiver = EventReceiverServer.start(EventReceiver.builder(store).filter(EventFilter.all()).build(),
                new InetSocketAddress("127.0.0.1", 0), "/events");
             BerthServe serve = BerthServe.start("--storage", storage.toString(), "--htpasswd", htpasswd.toString(),
                     "--notify", receiver.uri().toString())) {
            String target = "docker://" + serve.hostPort() + "/team/app:1";
            Skopeo.run("copy", "--dest-tls-verify=false", "--dest-creds", "alice:alice-pw", image.skopeoName(), target);
            assertThrows(IOException.class, () -> Skopeo.run("inspect", "--tls-verify=false", "--no-creds", target));
            long end = System.nanoTime() + 20_000_000_000L;
            while (store.count(EventQuery.all().tag("1")) < 1 && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            RegistryEvent push = store.query(EventQuery.all().tag("1")).items().get(0);
            assertEquals("push", push.action().name());
            assertEquals("alice", push.actor());
            assertEquals(image.manifest().digest(), push.target().digest().orElseThrow());
        }
        try (BerthServe readOnly = BerthServe.start("--storage", storage.toString(), "--read-only")) {
            assertTrue(Skopeo.run("inspect", "--tls-verify=false", "docker://" + readOnly.hostPort() + "/team/app:1")
                    .contains(image.manifest().digest().toString()));
            IOException refused = assertThrows(IOException.class, () -> Skopeo.run("copy", "--dest-tls-verify=false",
                    image.skopeoName(), "docker://" + readOnly.hostPort() + "/team/other:1"));
            assertTrue(refused.getMessage().contains("read-only") || refused.getMessage().contains("405")
                    || refused.getMessage().toLowerCase().contains("unsupported"), refused.getMessage());
        }
    }

    @Test
    void tlsAutoServesHttpsWithACaClientsCanTrust() throws Exception {
        Path storage = dir.resolve("tls-store");
        OciLayoutImage image = OciLayoutImage.write(dir.resolve("layout2"), "1", "tls " + System.nanoTime());
        try (BerthServe serve = BerthServe.start("--storage", storage.toString(), "--tls", "auto")) {
            assertTrue(serve.base().startsWith("https://127.0.0.1:"), serve.base());
            Path certs = Files.createDirectories(dir.resolve("certs"));
            Files.copy(storage.resolve("tls/ca.pem"), certs.resolve("ca.crt"));
            String target = "docker://" + serve.base().substring("https://".length()) + "/tls/app:1";
            Skopeo.run("copy", "--dest-cert-dir", certs.toString(), image.skopeoName(), target);
            assertTrue(Skopeo.run("inspect", "--cert-dir", certs.toString(), target).contains(image.manifest().digest().toString()));
        }
    }

    @Test
    void tlsWithTheUsersOwnCertificateFilesAndBerthsClientTrustingItsCa() throws Exception {
        TlsMaterial mine = TlsMaterial.generate(List.of());
        Path pem = dir.resolve("pem");
        mine.writePem(pem);
        try (BerthServe serve = BerthServe.start("--tls", pem.resolve("server.pem") + "," + pem.resolve("server-key.pem"))) {
            assertTrue(serve.base().startsWith("https://127.0.0.1:"), serve.base());
            RegistryClient client = RegistryClient.builder(serve.hostPort())
                    .caCertificates(List.of(pem.resolve("ca.pem"))).build();
            assertEquals("https", client.ping().baseUri().getScheme());
            Descriptor blob = client.pushBlob("tls/files", "application/octet-stream", "over TLS".getBytes(StandardCharsets.UTF_8));
            assertTrue(client.statBlob("tls/files", blob.digest()).isPresent());
            RegistryUnreachableException untrusted = assertThrows(RegistryUnreachableException.class,
                    () -> RegistryClient.builder(serve.hostPort()).build().ping());
            assertEquals(RegistryUnreachableException.Reason.TLS, untrusted.reason(), untrusted.getMessage());
        }
    }

    @Test
    void tokenAuthWithBerthsIssuer() throws Exception {
        Path htpasswd = dir.resolve("users");
        Files.writeString(htpasswd, Htpasswd.line("alice", "alice-pw") + "\n" + Htpasswd.line("bob", "bob-pw") + "\n");
        dev.berth.server.auth.SigningKey key = dev.berth.server.auth.SigningKey.generate("RS256", "it issuer", java.time.Duration.ofDays(1));
        Path cert = dir.resolve("issuer.pem");
        Files.writeString(cert, key.certificatePem());
        dev.berth.server.auth.TokenEndpoint endpoint = new dev.berth.server.auth.TokenEndpoint(
                new dev.berth.server.auth.TokenIssuer("it-issuer", key, java.time.Duration.ofMinutes(5), java.time.Clock.systemUTC()),
                "it-registry", Htpasswd.load(htpasswd),
                (subject, scope) -> subject.equals("bob") ? java.util.Set.of("pull") : scope.actions());
        OciLayoutImage image = OciLayoutImage.write(dir.resolve("layout3"), "1", "token it " + System.nanoTime());
        try (dev.berth.server.auth.TokenEndpointServer tokens = dev.berth.server.auth.TokenEndpointServer.start(endpoint,
                new InetSocketAddress("127.0.0.1", 0), "/token");
             BerthServe serve = BerthServe.start("--token-realm", tokens.uri().toString(), "--token-cert", cert.toString(),
                     "--token-issuer", "it-issuer", "--token-service", "it-registry")) {
            String target = "docker://" + serve.hostPort() + "/team/app:1";
            Skopeo.run("copy", "--dest-tls-verify=false", "--dest-creds", "alice:alice-pw", image.skopeoName(), target);
            assertTrue(Skopeo.run("inspect", "--tls-verify=false", "--creds", "bob:bob-pw", target)
                    .contains(image.manifest().digest().toString()));
            assertThrows(IOException.class, () -> Skopeo.run("copy", "--dest-tls-verify=false", "--dest-creds", "bob:bob-pw",
                    image.skopeoName(), "docker://" + serve.hostPort() + "/team/bobs:1"));
        }
    }
}
