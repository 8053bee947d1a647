package dev.berth.client.registries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.auth.vault.Secret;
import dev.berth.client.RetryPolicy;
import dev.berth.server.EmbeddedRegistry;
import dev.berth.testsupport.DistributionRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Search across registries: substring matching, results by registry, failures reported beside results. */
class RegistrySearchTest {
    @TempDir
    Path dir;

    @Test
    void findsAcrossRegistriesAndReportsTheOnesThatFail() throws Exception {
        try (DistributionRegistry distribution = Peers.distribution(dir.resolve("d"));
             DistributionRegistry guarded = Peers.distributionWithHtpasswd(dir.resolve("g"));
             EmbeddedRegistry embedded = EmbeddedRegistry.builder().start()) {
            RegistrySet set = RegistrySet.builder().retry(RetryPolicy.NONE).searchConcurrency(2).build();
            set.add(RegistryEntry.of("distribution", distribution.hostPort()));
            set.add(RegistryEntry.of("embedded", embedded.hostPort()));
            set.add(RegistryEntry.of("guarded", guarded.hostPort()).withUsername(Peers.USER), new Secret("wrong"));
            set.add(RegistryEntry.of("gone", "127.0.0.1:" + DistributionRegistry.freePort()));
            TestImages.push(set.client("distribution"), "team/web-frontend", "1");
            TestImages.push(set.client("distribution"), "tools/webhook", "1");
            TestImages.push(set.client("distribution"), "team/api", "1");
            TestImages.push(set.client("embedded"), "apps/website", "1");

            SearchResult result = set.search("WEB");
            assertEquals(List.of(
                    new RepositoryMatch("distribution", distribution.hostPort(), "team/web-frontend"),
                    new RepositoryMatch("distribution", distribution.hostPort(), "tools/webhook"),
                    new RepositoryMatch("embedded", embedded.hostPort(), "apps/website")), result.matches());
            assertEquals(distribution.hostPort() + "/tools/webhook", result.matches().get(1).reference());
            assertFalse(result.complete());
            assertEquals(List.of("gone", "guarded"), result.failures().stream().map(SearchFailure::registry).toList());
            assertEquals(ConnectionFailure.REFUSED, result.failures().get(0).failure());
            assertEquals(ConnectionFailure.AUTH, result.failures().get(1).failure());

            SearchResult one = set.search("team/", "distribution");
            assertTrue(one.complete());
            assertEquals(List.of("team/api", "team/web-frontend"), one.matches().stream().map(RepositoryMatch::repository).toList());
            assertEquals(4, set.search("").matches().size(), "the empty text matches everything");
        }
    }

    @Test
    void noMoreThanTheBoundRunAtOnce() {
        int bound = 3;
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch all = new CountDownLatch(bound);
        List<Integer> items = IntStream.range(0, 12).boxed().toList();
        List<BoundedParallel.Outcome<Integer>> outcomes = new BoundedParallel(bound).map(items, i -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            all.countDown();
            try {
                all.await(5, TimeUnit.SECONDS); // the first ones wait until the bound is reached
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            if (i == 7) {
                throw new IllegalStateException("seven fails");
            }
            return i * 2;
        });
        assertEquals(bound, most.get());
        List<Integer> values = new ArrayList<>();
        outcomes.forEach(o -> values.add(o.value()));
        assertEquals(List.of(0, 2, 4, 6, 8, 10, 12, 16, 18, 20, 22), values.stream().filter(v -> v != null).toList());
        assertEquals("seven fails", outcomes.get(7).failure().getMessage());
        assertEquals(Collections.nCopies(1, (Integer) null), values.subList(7, 8));
    }
}
