package dev.berth.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.client.registries.RegistryEntry;
import dev.berth.client.registries.RegistrySet;
import dev.berth.testsupport.DistributionRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closing a client releases the threads of the HTTP clients it made for
 * itself, and leaves alone one it was given. Java 17's HTTP client cannot be
 * closed: its selector thread ends once the client is unreachable, so the
 * checks poll with a GC rather than sleep a fixed time.
 */
class ClientCloseTest {
    private static final int CLIENTS = 50;
    // Threads of the JVM that come and go on their own (JIT, GC, the JDK's own helpers) between two counts.
    private static final int SLACK = 5;
    private static final long PATIENCE_NANOS = 30_000_000_000L;
    private static final long SETTLE_NANOS = 10_000_000_000L;

    @TempDir
    Path dir;

    private DistributionRegistry registry;

    @BeforeEach
    void start() throws Exception {
        registry = DistributionRegistry.builder(dir).start();
        try (RegistryClient client = client()) {
            TestImages.random(5, 100).push(client, "team/app", "1.0");
        }
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    private RegistryClient client() {
        return RegistryClient.builder(registry.hostPort()).credentials(r -> Optional.empty()).build();
    }

    @Test
    void fiftyClosedClientsLeaveTheThreadCountNearWhereItWas() throws Exception {
        int baseline = settledThreadCount();
        Set<Thread> before = threads();
        List<RegistryClient> closed = new ArrayList<>(); // still referenced: close alone must let go of the HTTP clients
        for (int i = 0; i < CLIENTS; i++) {
            RegistryClient client = client();
            client.ping();
            client.getManifest("team/app", "1.0");
            assertEquals(List.of("1.0"), client.tags("team/app").toList());
            client.close();
            closed.add(client);
        }
        assertTrue(awaitReleased(before, baseline + SLACK), "live threads: " + baseline + " before, " + liveThreads()
                + " after closing " + CLIENTS + " clients; still there: " + httpThreadsSince(before));
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> closed.get(0).ping());
        assertTrue(refused.getMessage().contains("closed"), refused.getMessage());
        closed.get(0).close(); // closing twice is harmless
    }

    @Test
    void aSharedHttpClientStillWorksAfterAClientBuiltOnItIsClosed() throws Exception {
        HttpClient shared = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        try (RegistryClient first = RegistryClient.builder(registry.hostPort()).httpClient(shared)
                .credentials(r -> Optional.empty()).build()) {
            first.ping();
        }
        try (RegistryClient second = RegistryClient.builder(registry.hostPort()).httpClient(shared)
                .credentials(r -> Optional.empty()).build()) {
            assertEquals(List.of("1.0"), second.tags("team/app").toList());
        }
        HttpResponse<Void> direct = shared.send(HttpRequest.newBuilder(URI.create(registry.baseUrl() + "/v2/")).build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(200, direct.statusCode());
    }

    @Test
    void aClosedRegistrySetClosesItsClientsAndReleasesItsSharedHttpClients() throws Exception {
        int baseline = settledThreadCount();
        Set<Thread> before = threads();
        RegistryClient handedOut;
        try (RegistrySet set = RegistrySet.inMemory()) {
            set.add(RegistryEntry.of("local", registry.hostPort()));
            set.add(RegistryEntry.of("insecure", registry.hostPort()).withInsecure(true));
            handedOut = set.client("local");
            assertEquals(List.of("1.0"), set.tags("local", "team/app"));
            assertEquals(List.of("1.0"), set.tags("insecure", "team/app"));
            assertTrue(set.test("local").authenticated());
        }
        assertThrows(IllegalStateException.class, handedOut::ping);
        assertTrue(awaitReleased(before, baseline + SLACK), "live threads: " + baseline + " before, " + liveThreads()
                + " after closing the set; still there: " + httpThreadsSince(before));
    }

    private static int liveThreads() {
        return Thread.getAllStackTraces().size();
    }

    private static Set<Thread> threads() {
        return new HashSet<>(Thread.getAllStackTraces().keySet());
    }

    // The count once unreachable HTTP clients of earlier tests have mostly let their threads go: it stops falling.
    private static int settledThreadCount() throws InterruptedException {
        int previous = Integer.MAX_VALUE;
        long end = System.nanoTime() + SETTLE_NANOS;
        while (System.nanoTime() < end) {
            System.gc();
            Thread.sleep(500);
            int now = liveThreads();
            if (now >= previous) {
                return now;
            }
            previous = now;
        }
        return previous;
    }

    // Threads that came since {@code before} (so not an earlier test's) and are gone once closed clients are released.
    private static boolean awaitReleased(Set<Thread> before, int bound) throws InterruptedException {
        long end = System.nanoTime() + PATIENCE_NANOS;
        while (System.nanoTime() < end) {
            System.gc();
            if (liveThreads() <= bound && httpThreadsSince(before).isEmpty()) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static String httpThreadsSince(Set<Thread> before) {
        Set<Thread> now = threads();
        now.removeAll(before);
        return now.stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("berth-") || n.startsWith("HttpClient-"))
                .sorted().collect(Collectors.joining(", "));
    }
}
