package dev.berth.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.auth.Credential;
import dev.berth.auth.CredentialProviders;
import dev.berth.auth.RegistryAuthenticator;
import dev.berth.server.auth.Htpasswd;
import dev.berth.events.EventFilter;
import dev.berth.events.RegistryEvent;
import dev.berth.events.receive.EventReceiver;
import dev.berth.events.receive.EventReceiverServer;
import dev.berth.events.send.EndpointConfig;
import dev.berth.events.store.EventQuery;
import dev.berth.events.store.InMemoryEventStore;
import dev.berth.model.MediaType;
import dev.berth.testsupport.OciLayoutImage;
import dev.berth.testsupport.Skopeo;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Authentication, read-only mode and notifications of the embedded registry, with real clients. */
class ServerOptionsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void htpasswdProtectsEveryEndpoint() throws Exception {
        Path file = dir.resolve("htpasswd");
        Files.writeString(file, Htpasswd.line("alice", "alice-pw") + "\n");
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder().authenticator(Htpasswd.load(file)).start()) {
            URI ping = URI.create(registry.baseUri() + "/v2/");
            HttpResponse<Void> anonymous = HTTP.send(HttpRequest.newBuilder(ping).build(), HttpResponse.BodyHandlers.discarding());
            assertEquals(401, anonymous.statusCode());
            assertEquals("Basic realm=\"berth\"", anonymous.headers().firstValue("WWW-Authenticate").orElseThrow());

            RegistryAuthenticator auth = RegistryAuthenticator.builder()
                    .credentials(CredentialProviders.of(registry.hostPort(), Credential.basic("alice", "alice-pw"))).build();
            String header = auth.authorize(ping, registry.hostPort(), anonymous.headers().allValues("WWW-Authenticate"),
                    List.of());
            assertEquals(200, HTTP.send(HttpRequest.newBuilder(ping).header("Authorization", header).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());

            OciLayoutImage image = OciLayoutImage.write(dir.resolve("layout"), "1", "auth " + System.nanoTime());
            String target = "docker://" + registry.hostPort() + "/secure/app:1";
            Skopeo.run("copy", "--dest-tls-verify=false", "--dest-creds", "alice:alice-pw", image.skopeoName(), target);
            assertThrows(IOException.class, () -> Skopeo.run("inspect", "--tls-verify=false", "--creds", "alice:wrong", target));
            assertThrows(IOException.class, () -> Skopeo.run("inspect", "--tls-verify=false", "--no-creds", target));
        }
    }

    @Test
    void readOnlyModeServesButRefusesWrites() throws Exception {
        Path storage = dir.resolve("store");
        OciLayoutImage image = OciLayoutImage.write(dir.resolve("layout"), "1", "ro " + System.nanoTime());
        try (EmbeddedRegistry writable = EmbeddedRegistry.builder().storage(Storage.filesystem(storage)).start()) {
            Skopeo.run("copy", "--dest-tls-verify=false", image.skopeoName(), "docker://" + writable.hostPort() + "/ro/app:1");
        }
        try (EmbeddedRegistry readOnly = EmbeddedRegistry.builder().storage(Storage.filesystem(storage)).readOnly(true).start()) {
            assertTrue(Skopeo.run("inspect", "--tls-verify=false", "docker://" + readOnly.hostPort() + "/ro/app:1")
                    .contains(image.manifest().digest().toString()));
            HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(readOnly.baseUri() + "/v2/ro/app/manifests/2"))
                    .header("Content-Type", MediaType.OCI_MANIFEST)
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(image.manifest().bytes())).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(405, put.statusCode());
            assertTrue(put.body().contains("UNSUPPORTED") && put.body().contains("read-only"), put.body());
            assertEquals(405, HTTP.send(HttpRequest.newBuilder(URI.create(readOnly.baseUri() + "/v2/ro/app/manifests/"
                    + image.manifest().digest())).DELETE().build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        }
    }

    @Test
    void notificationsReachAReceiverInDistributionsShape() throws Exception {
        InMemoryEventStore store = new InMemoryEventStore();
        try (EventReceiverServer receiver = EventReceiverServer.start(EventReceiver.builder(store).filter(EventFilter.all()).build(),
                new InetSocketAddress("127.0.0.1", 0), "/events");
             EmbeddedRegistry registry = EmbeddedRegistry.builder().notify(EndpointConfig.of("test", receiver.uri())).start()) {
            OciLayoutImage image = OciLayoutImage.write(dir.resolve("layout"), "1.0", "notify " + System.nanoTime());
            String ref = "docker://" + registry.hostPort() + "/events/app:1.0";
            Skopeo.run("copy", "--dest-tls-verify=false", image.skopeoName(), ref);
            Skopeo.run("copy", "--src-tls-verify=false", ref, "oci:" + dir.resolve("out") + ":1.0");
            Skopeo.run("delete", "--tls-verify=false", "docker://" + registry.hostPort() + "/events/app@" + image.manifest().digest());
            long end = System.nanoTime() + 20_000_000_000L;
            while (store.count(EventQuery.all()) < 8 && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            List<RegistryEvent> events = new ArrayList<>(store.query(EventQuery.all().limit(100)).items());
            events.sort(Comparator.comparing(RegistryEvent::timestamp));
            List<String> seen = events.stream().map(e -> e.action() + " " + e.target().mediaType().orElse("") + " "
                    + e.target().tag().orElse("") + " " + e.target().digest().map(Object::toString).orElse("-")).toList();
            String m = image.manifest().digest().toString();
            assertTrue(seen.containsAll(List.of(
                    "push " + MediaType.OCTET_STREAM + "  " + image.layer().digest(),
                    "push " + MediaType.OCTET_STREAM + "  " + image.config().digest(),
                    "push " + MediaType.OCI_MANIFEST + " 1.0 " + m,
                    "pull " + MediaType.OCI_MANIFEST + " 1.0 " + m,
                    "pull " + MediaType.OCTET_STREAM + "  " + image.layer().digest(),
                    "delete   " + m)), String.join("\n", seen));
            RegistryEvent push = events.stream().filter(e -> e.target().tag().equals(Optional.of("1.0"))).findFirst().orElseThrow();
            assertEquals("events/app", push.target().repository());
            assertEquals(registry.baseUri() + "/v2/events/app/manifests/" + m, push.target().url().orElseThrow());
            assertEquals("PUT", push.request().method());
            assertTrue(push.request().userAgent().startsWith("skopeo/"));
            assertEquals(registry.hostPort(), push.source().addr());

            // The client's own address, not the front door's relay: a raw request from a known port.
            long before = store.count(EventQuery.all());
            int port = Integer.parseInt(registry.hostPort().substring(registry.hostPort().lastIndexOf(':') + 1));
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                socket.getOutputStream().write(("GET /v2/events/app/blobs/" + image.layer().digest() + " HTTP/1.1\r\nHost: "
                        + registry.hostPort() + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                socket.getInputStream().readAllBytes();
                long until = System.nanoTime() + 10_000_000_000L;
                while (store.count(EventQuery.all()) <= before && System.nanoTime() < until) {
                    Thread.sleep(20);
                }
                List<RegistryEvent> after = new ArrayList<>(store.query(EventQuery.all().limit(100)).items());
                after.sort(Comparator.comparing(RegistryEvent::timestamp));
                RegistryEvent pull = after.get(after.size() - 1);
                assertEquals("pull", pull.action().toString());
                assertEquals("127.0.0.1:" + socket.getLocalPort(), pull.request().addr());
            }
        }
    }

    @Test
    void tlsWithBerthsOwnCaIsTrustedBySkopeoAndTheJdk() throws Exception {
        dev.berth.server.auth.TlsMaterial tls = dev.berth.server.auth.TlsMaterial.generate(List.of());
        Path certs = Files.createDirectories(dir.resolve("certs"));
        Files.writeString(certs.resolve("ca.crt"), tls.caPem());
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder().tls(tls.serverContext()).start()) {
            assertTrue(registry.baseUri().toString().startsWith("https://127.0.0.1:"));
            HttpClient trusting = HttpClient.newBuilder().sslContext(tls.clientContext()).build();
            assertEquals(200, trusting.send(HttpRequest.newBuilder(URI.create(registry.baseUri() + "/v2/")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
            OciLayoutImage image = OciLayoutImage.write(dir.resolve("layout"), "1", "tls " + System.nanoTime());
            String target = "docker://" + registry.hostPort() + "/tls/app:1";
            Skopeo.run("copy", "--dest-cert-dir", certs.toString(), image.skopeoName(), target);
            assertTrue(Skopeo.run("inspect", "--cert-dir", certs.toString(), target).contains(image.manifest().digest().toString()));
            assertThrows(IOException.class, () -> Skopeo.run("inspect", target), "an unknown CA is refused");
        }
    }

    @Test
    void tokenAuthTrustsBerthsIssuerAndRefusesMissingScopes() throws Exception {
        Path file = dir.resolve("htpasswd");
        Files.writeString(file, Htpasswd.line("alice", "alice-pw") + "\n" + Htpasswd.line("bob", "bob-pw") + "\n");
        dev.berth.server.auth.SigningKey key = dev.berth.server.auth.SigningKey.generate("ES256", "issuer", java.time.Duration.ofDays(1));
        dev.berth.server.auth.TokenIssuer issuer = new dev.berth.server.auth.TokenIssuer("berth-issuer", key,
                java.time.Duration.ofMinutes(5), java.time.Clock.systemUTC());
        dev.berth.server.auth.Authorizer bobReads = (subject, scope) -> subject.equals("bob") ? java.util.Set.of("pull")
                : subject.isEmpty() ? java.util.Set.of() : scope.actions();
        dev.berth.server.auth.TokenEndpoint endpoint = new dev.berth.server.auth.TokenEndpoint(issuer, "berth-registry",
                Htpasswd.load(file), bobReads);
        try (dev.berth.server.auth.TokenEndpointServer tokens = dev.berth.server.auth.TokenEndpointServer.start(endpoint,
                new InetSocketAddress("127.0.0.1", 0), "/token");
             EmbeddedRegistry registry = EmbeddedRegistry.builder().tokenAuth(new TokenAuth(tokens.uri().toString(),
                     "berth-registry", new dev.berth.server.auth.TokenVerifier("berth-issuer", "berth-registry",
                     key.publicKey(), java.time.Clock.systemUTC()))).start()) {
            HttpResponse<Void> anonymous = HTTP.send(HttpRequest.newBuilder(URI.create(registry.baseUri() + "/v2/team/app/tags/list"))
                    .build(), HttpResponse.BodyHandlers.discarding());
            assertEquals(401, anonymous.statusCode());
            assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElseThrow()
                    .contains("scope=\"repository:team/app:pull\""));

            OciLayoutImage image = OciLayoutImage.write(dir.resolve("layout"), "1", "token " + System.nanoTime());
            String target = "docker://" + registry.hostPort() + "/team/app:1";
            Skopeo.run("copy", "--dest-tls-verify=false", "--dest-creds", "alice:alice-pw", image.skopeoName(), target);
            assertTrue(Skopeo.run("inspect", "--tls-verify=false", "--creds", "bob:bob-pw", target)
                    .contains(image.manifest().digest().toString()), "bob may pull");
            assertThrows(IOException.class, () -> Skopeo.run("copy", "--dest-tls-verify=false", "--dest-creds", "bob:bob-pw",
                    image.skopeoName(), "docker://" + registry.hostPort() + "/team/other:1"), "but not push");

            RegistryAuthenticator bob = RegistryAuthenticator.builder()
                    .credentials(CredentialProviders.of(registry.hostPort(), Credential.basic("bob", "bob-pw"))).build();
            URI upload = URI.create(registry.baseUri() + "/v2/team/app/blobs/uploads/");
            HttpResponse<Void> first = HTTP.send(HttpRequest.newBuilder(upload).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding());
            String header = bob.authorize(upload, registry.hostPort(), first.headers().allValues("WWW-Authenticate"),
                    List.of(dev.berth.auth.Scope.push("team/app")));
            HttpResponse<Void> second = HTTP.send(HttpRequest.newBuilder(upload).header("Authorization", header)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            assertEquals(401, second.statusCode());
            assertThrows(dev.berth.auth.InsufficientScopeException.class, () -> bob.authorize(upload, registry.hostPort(),
                    second.headers().allValues("WWW-Authenticate"), List.of(dev.berth.auth.Scope.push("team/app")), header));
        }
    }
}
