package dev.berth.events.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.berth.events.EventAction;
import dev.berth.events.EventFilter;
import dev.berth.events.EventParser;
import dev.berth.events.RegistryEvent;
import dev.berth.events.receive.EventReceiver;
import dev.berth.events.store.EventQuery;
import dev.berth.events.store.EventStore;
import dev.berth.events.store.JdbcEventStore;
import dev.berth.model.Descriptor;
import dev.berth.model.MediaType;
import dev.berth.model.Platform;
import dev.berth.model.manifest.ImageManifest;
import dev.berth.testsupport.DistributionRegistry;
import dev.berth.testsupport.OciLayoutImage;
import dev.berth.testsupport.OciLayoutIndex;
import dev.berth.testsupport.Skopeo;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * distribution 2.8 configured as real deployments often are:
 * {@code notifications.events.includereferences: true} (manifest events carry
 * {@code target.references} as descriptors), blobs left out by
 * {@code ignoredmediatypes} and {@code ignore.mediatypes}, pulls by
 * {@code ignore.actions}. Berth's receiver must store every manifest event it
 * is sent and answer each delivery 2xx: one refusal and distribution
 * redelivers that event forever, with nothing after it ever arriving.
 */
class DistributionReferencesTest {
    @TempDir
    Path dir;

    /** One POST distribution made, and what the receiver answered. */
    record Delivery(int status, String body) {
    }

    @Test
    void everyManifestEventIsStoredWithItsReferencesAndNoneIsRedelivered() throws Exception {
        List<Delivery> deliveries = Collections.synchronizedList(new ArrayList<>());
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        try (EventStore store = JdbcEventStore.open("jdbc:sqlite:" + dir.resolve("events.db"))) {
            EventReceiver receiver = EventReceiver.builder(store).filter(EventFilter.all()).build();
            http.createContext("/events", exchange -> {
                try (exchange) {
                    byte[] body = exchange.getRequestBody().readAllBytes();
                    EventReceiver.Result r = receiver.receive(exchange.getRequestMethod(), exchange.getRequestHeaders(), body);
                    deliveries.add(new Delivery(r.status(), new String(body, StandardCharsets.UTF_8)));
                    byte[] answer = r.message().getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(r.status(), answer.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(answer);
                    }
                }
            });
            http.start();
            URI url = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/events");
            try (DistributionRegistry registry = DistributionRegistry.builder(dir).notifications(url, null)
                    .notificationReferences()
                    .notificationIgnoredMediaTypes(List.of(MediaType.OCTET_STREAM))
                    .notificationIgnore(List.of(MediaType.OCTET_STREAM), List.of("pull"))
                    .start()) {
                OciLayoutImage image = OciLayoutImage.write(dir.resolve("image"), "1.0", "refs " + System.nanoTime());
                OciLayoutIndex multi = OciLayoutIndex.write(dir.resolve("multi"), "multi", "refs " + System.nanoTime(),
                        List.of(Platform.parse("linux/amd64"), Platform.parse("linux/arm64")));
                String app = "docker://" + registry.hostPort() + "/team/app";
                Skopeo.run("copy", "--dest-tls-verify=false", image.skopeoName(), app + ":1.0");
                Skopeo.run("copy", "--all", "--dest-tls-verify=false", multi.skopeoName(), app + ":multi");
                Skopeo.run("copy", "--src-tls-verify=false", app + ":1.0", "oci:" + dir.resolve("pulled") + ":1.0");
                Skopeo.run("delete", "--tls-verify=false", app + ":1.0");
                int expected = 1 + (multi.manifests().size() + 1) + 2; // image, index and its manifests, two deletes
                List<RegistryEvent> stored = awaitEvents(store, expected);
                awaitQuiet(deliveries); // a refused event would be redelivered within milliseconds

                assertEquals(expected, stored.size(), describe(deliveries));
                for (Delivery d : deliveries) {
                    assertEquals(2, d.status() / 100, "every delivery is acknowledged: " + d);
                }
                Map<String, Long> postsPerEvent = deliveries.stream().flatMap(d -> EventParser.parse(Map.of(),
                        d.body().getBytes(StandardCharsets.UTF_8)).stream())
                        .collect(Collectors.groupingBy(RegistryEvent::id, Collectors.counting()));
                assertEquals(expected, postsPerEvent.size());
                assertTrue(postsPerEvent.values().stream().allMatch(n -> n == 1), "each event is posted once: " + postsPerEvent);
                assertFalse(registry.log().contains("retryingsink"), "distribution retried: " + registry.log());
                assertTrue(stored.stream().noneMatch(e -> e.target().mediaType().equals(Optional.of(MediaType.OCTET_STREAM))),
                        "blobs are ignored by distribution");
                assertTrue(stored.stream().noneMatch(e -> e.action().equals(EventAction.PULL)), "and pulls");

                Map<String, RegistryEvent> pushes = new HashMap<>();
                stored.stream().filter(e -> e.action().equals(EventAction.PUSH))
                        .forEach(e -> pushes.put(e.target().digest().orElseThrow().toString(), e));
                ImageManifest manifest = image.manifest();
                assertEquals(List.of(image.config(), image.layer()),
                        pushes.get(manifest.digest().toString()).target().references(), "config, then layers");
                for (ImageManifest m : multi.manifests()) {
                    List<Descriptor> refs = new ArrayList<>();
                    refs.add(m.config());
                    refs.addAll(m.layers());
                    assertEquals(refs, pushes.get(m.digest().toString()).target().references());
                }
                RegistryEvent indexPush = pushes.get(multi.index().digest().toString());
                assertEquals(Optional.of("multi"), indexPush.target().tag());
                // distribution 2.8 sends an index's references without their platforms.
                assertEquals(multi.index().manifests().stream().map(d -> Descriptor.of(d.mediaType(), d.digest(), d.size()))
                        .collect(Collectors.toList()), indexPush.target().references(), "an index refers to its manifests");
                assertEquals(2, store.count(EventQuery.all().action(EventAction.DELETE)));
            }
        } finally {
            http.stop(0);
        }
    }

    private static List<RegistryEvent> awaitEvents(EventStore store, int count) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (store.count(EventQuery.all()) < count && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        return store.query(EventQuery.all().limit(1000)).items();
    }

    /**
     * Waits until no delivery has arrived for 1.5 s, longer than distribution's 1 s backoff after three
     * failures; gives up after 20 s, as a retry loop never goes quiet.
     */
    private static void awaitQuiet(List<Delivery> deliveries) throws InterruptedException {
        int seen = -1;
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (seen != deliveries.size() && System.nanoTime() < end) {
            seen = deliveries.size();
            Thread.sleep(1500);
        }
    }

    private static String describe(List<Delivery> deliveries) {
        synchronized (deliveries) {
            return deliveries.size() + " deliveries, statuses " + deliveries.stream().map(Delivery::status).collect(Collectors.toList())
                    + (deliveries.isEmpty() ? "" : ", first refused: " + deliveries.stream().filter(d -> d.status() / 100 != 2)
                    .findFirst().map(Delivery::body).orElse("none"));
        }
    }
}
