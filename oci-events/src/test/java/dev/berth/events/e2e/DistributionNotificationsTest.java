package dev.berth.events.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.events.EventAction;
import dev.berth.events.EventFilter;
import dev.berth.events.EventFormat;
import dev.berth.events.RegistryEvent;
import dev.berth.events.receive.EventReceiver;
import dev.berth.events.receive.EventReceiverServer;
import dev.berth.events.store.EventQuery;
import dev.berth.events.store.EventStore;
import dev.berth.events.store.JdbcEventStore;
import dev.berth.model.Descriptor;
import dev.berth.model.MediaType;
import dev.berth.testsupport.DistributionRegistry;
import dev.berth.testsupport.OciLayoutImage;
import dev.berth.testsupport.Skopeo;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end with a real registry: Debian's distribution 2.8 notifies Berth's
 * receiver (over HTTP, with a shared secret, into SQLite) while skopeo pushes,
 * pulls and deletes an image.
 */
class DistributionNotificationsTest {
    private static final String SECRET = "Bearer s3cret";
    private static final String BLOB = MediaType.OCTET_STREAM;

    @TempDir
    Path dir;

    /** What distribution reports about one event, without the parts that vary per run. */
    record Seen(String action, String digest, String tag, String mediaType, long size, String method) {
        static Seen of(RegistryEvent e) {
            return new Seen(e.action().name(), e.target().digest().map(Object::toString).orElse(""),
                    e.target().tag().orElse(""), e.target().mediaType().orElse(""), e.target().size().orElse(0),
                    e.request().method());
        }

        static Seen of(String action, Descriptor d, String tag, String mediaType, String method) {
            return new Seen(action, d.digest().toString(), tag, mediaType, d.size(), method);
        }
    }

    @Test
    void pushPullAndDeleteProduceExactlyTheExpectedStoredEvents() throws Exception {
        Instant start = Instant.now();
        try (EventStore store = JdbcEventStore.open("jdbc:sqlite:" + dir.resolve("events.db"));
             EventReceiverServer server = EventReceiverServer.start(EventReceiver.builder(store).filter(EventFilter.all())
                     .sharedSecret("Authorization", SECRET).build(), new InetSocketAddress("127.0.0.1", 0), "/events");
             DistributionRegistry registry = DistributionRegistry.builder(dir).notifications(server.uri(), SECRET).start()) {
            OciLayoutImage image = OciLayoutImage.write(dir.resolve("layout"), "1.0", "hello " + System.nanoTime());
            Descriptor manifest = image.manifest().descriptor();
            String ref = "docker://" + registry.hostPort() + "/team/app:1.0";

            Skopeo.run("copy", "--dest-tls-verify=false", image.skopeoName(), ref);
            List<Seen> expected = new ArrayList<>(List.of(
                    Seen.of("push", image.layer(), "", BLOB, "PUT"),
                    Seen.of("push", image.config(), "", BLOB, "PUT"),
                    Seen.of("push", manifest, "1.0", MediaType.OCI_MANIFEST, "PUT")));
            assertSameEvents(expected, awaitEvents(store, expected.size()));

            Skopeo.run("copy", "--src-tls-verify=false", ref, "oci:" + dir.resolve("pulled") + ":1.0");
            expected.addAll(List.of(
                    Seen.of("pull", manifest, "1.0", MediaType.OCI_MANIFEST, "GET"),
                    Seen.of("pull", image.config(), "", BLOB, "GET"),
                    Seen.of("pull", image.layer(), "", BLOB, "GET")));
            assertSameEvents(expected, awaitEvents(store, expected.size()));

            // skopeo resolves the tag (a GET), then deletes by digest; distribution reports the
            // manifest's deletion and the tag's, as two events of one request.
            Skopeo.run("delete", "--tls-verify=false", ref);
            expected.addAll(List.of(
                    Seen.of("pull", manifest, "1.0", MediaType.OCI_MANIFEST, "GET"),
                    new Seen("delete", manifest.digest().toString(), "", "", 0, "DELETE"),
                    new Seen("delete", "", "1.0", "", 0, "DELETE")));
            List<RegistryEvent> all = awaitEvents(store, expected.size());
            assertSameEvents(expected, all);

            Set<String> ids = new HashSet<>();
            Set<String> instances = new HashSet<>();
            for (RegistryEvent e : all) {
                assertTrue(ids.add(e.id()), "ids are unique");
                instances.add(e.source().instanceId());
                assertEquals(EventFormat.DISTRIBUTION, e.format());
                assertEquals("team/app", e.target().repository());
                assertTrue(!e.timestamp().isBefore(start.minusSeconds(1)) && !e.timestamp().isAfter(Instant.now()));
                assertFalse(e.request().id().isEmpty());
                assertTrue(e.request().addr().startsWith("127.0.0.1:"), e.request().addr());
                assertEquals(registry.hostPort(), e.request().host());
                assertTrue(e.request().userAgent().startsWith("skopeo/"), e.request().userAgent());
                assertTrue(e.source().addr().endsWith(registry.hostPort().substring(registry.hostPort().indexOf(':'))));
                assertEquals("", e.actor(), "no auth on this registry, so no actor");
                if (!e.action().equals(EventAction.DELETE)) {
                    String kind = e.target().mediaType().equals(Optional.of(BLOB)) ? "/blobs/" : "/manifests/";
                    assertEquals(registry.baseUrl() + "/v2/team/app" + kind + e.target().digest().orElseThrow(), e.target().url().orElseThrow());
                    assertEquals(e.target().size(), e.target().length());
                }
            }
            assertEquals(1, instances.size());
            List<RegistryEvent> deletes = store.query(EventQuery.all().action(EventAction.DELETE)).items();
            assertEquals(deletes.get(0).request().id(), deletes.get(1).request().id(), "one request, two delete events");
            assertEquals(2, store.count(EventQuery.all().tag("1.0").action(EventAction.PULL)));
            assertEquals(3, store.count(EventQuery.all().digest(manifest.digest()).action(EventAction.PULL))
                    + store.count(EventQuery.all().digest(manifest.digest()).action(EventAction.DELETE)));
        }
    }

    @Test
    void nothingIsLostWhileTheReceiverIsDown() throws Exception {
        int port = DistributionRegistry.freePort();
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
        List<RegistryEvent> heard = Collections.synchronizedList(new ArrayList<>());
        try (EventStore store = JdbcEventStore.open("jdbc:sqlite:" + dir.resolve("events.db"))) {
            EventReceiver receiver = EventReceiver.builder(store).onStored(heard::add).build();
            EventReceiverServer server = EventReceiverServer.start(receiver, address, "/events");
            try (DistributionRegistry registry = DistributionRegistry.builder(dir).notifications(server.uri(), null).start()) {
                server.close(); // the receiver goes away before anything is pushed

                OciLayoutImage image = OciLayoutImage.write(dir.resolve("layout"), "2.0", "offline " + System.nanoTime());
                Skopeo.run("copy", "--dest-tls-verify=false", image.skopeoName(),
                        "docker://" + registry.hostPort() + "/team/offline:2.0");
                Thread.sleep(2500); // distribution fails, opens its breaker and backs off
                assertEquals(0, store.count(EventQuery.all()));

                try (EventReceiverServer back = EventReceiverServer.start(receiver, address, "/events")) {
                    List<RegistryEvent> events = awaitEvents(store, 3);
                    assertSameEvents(List.of(
                            Seen.of("push", image.layer(), "", BLOB, "PUT"),
                            Seen.of("push", image.config(), "", BLOB, "PUT"),
                            Seen.of("push", image.manifest().descriptor(), "2.0", MediaType.OCI_MANIFEST, "PUT")), events);
                    Thread.sleep(1000);
                    assertEquals(3, store.count(EventQuery.all()), "redeliveries are stored once");
                    assertEquals(3, heard.size());
                }
            }
        }
    }

    private static List<RegistryEvent> awaitEvents(EventStore store, int count) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (store.count(EventQuery.all()) < count && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        Thread.sleep(300); // and nothing more arrives
        return store.query(EventQuery.all().limit(1000)).items();
    }

    private static void assertSameEvents(List<Seen> expected, List<RegistryEvent> actual) {
        List<String> want = new ArrayList<>();
        expected.forEach(s -> want.add(s.toString()));
        List<String> got = new ArrayList<>();
        actual.forEach(e -> got.add(Seen.of(e).toString()));
        Collections.sort(want);
        Collections.sort(got);
        assertEquals(want, got);
    }
}
