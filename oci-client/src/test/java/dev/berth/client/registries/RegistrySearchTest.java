package dev.berth.client.registries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.auth.vault.Secret;
import dev.berth.client.RetryPolicy;
import dev.berth.server.EmbeddedRegistry;
import dev.berth.testsupport.DistributionRegistry;
import java.nio.file.Path;
import java.util.List;
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
}
