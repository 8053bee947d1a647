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
import java.util.List;
import java.util.Optional;
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
        List<RegistryClient> closed = new ArrayList<>(); // still referenced: close alone must let go of the HTTP clients
        for (int i = 0; i < CLIENTS; i++) {
            RegistryClient client = client();
            client.ping();
            client.manifest("team/app", "1.0");
            assertEquals(List.of("1.0"), client.tags("team/app").toList());
            client.close();
            closed.add(client);
        }
        assertTrue(awaitThreadsAtMost(baseline + SLACK), "live threads: " + baseline + " before, " + liveThreads()
                + " after closing " + CLIENTS + " clients: " + berthAndHttpThreads());
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
        assertTrue(awaitThreadsAtMost(baseline + SLACK), "live threads: " + baseline + " before, " + liveThreads()
                + " after closing the set: " + berthAndHttpThreads());
    }

    private static int liveThreads() {
        return Thread.getAllStackTraces().size();
    }

    // The count once earlier tests' unreachable HTTP clients have let their threads go.
    private static int settledThreadCount() throws InterruptedException {
        int previous = Integer.MAX_VALUE;
        long end = System.nanoTime() + PATIENCE_NANOS;
        while (System.nanoTime() < end) {
            System.gc();
            Thread.sleep(200);
            int now = liveThreads();
            if (now >= previous && berthAndHttpThreads().isEmpty()) {
                return now;
            }
            previous = Math.min(previous, now);
        }
        return previous;
    }

    private static boolean awaitThreadsAtMost(int bound) throws InterruptedException {
        long end = System.nanoTime() + PATIENCE_NANOS;
        while (System.nanoTime() < end) {
            System.gc();
            if (liveThreads() <= bound && berthAndHttpThreads().isEmpty()) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static String berthAndHttpThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(n -> n.startsWith("berth-http") || n.startsWith("berth-registries-http") || n.startsWith("HttpClient-"))
                .sorted().collect(Collectors.joining(", "));
    }
}
