package dev.berth.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.model.Digest;
import dev.berth.server.spi.ManifestRecord;
import dev.berth.server.spi.MetadataStore;
import dev.berth.server.spi.testkit.MetadataStoreContract;
import dev.berth.server.storage.memory.InMemoryMetadataStore;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Random sequences of pushes, tag moves, deletions and blob links: the JDBC store answers every listing and lookup
 * as the in-memory store, the reference model, does. Few tries: each runs on a new database.
 */
class JdbcStoreModelProperties {
    private static final List<String> REPOSITORIES = List.of("a", "a/b", "b");
    private static final List<String> SEEDS = List.of("s1", "s2", "s3", "s4");

    /** One step of a sequence, applied to both stores; each answers the same. */
    interface Op {
        Object apply(MetadataStore store);
    }

    record Push(String repo, String seed, boolean referrer, List<String> tags) implements Op {
        @Override
        public Object apply(MetadataStore store) {
            store.putManifest(repo, record(seed, referrer), tags);
            return null;
        }
    }

    record DeleteTag(String repo, String tag) implements Op {
        @Override
        public Object apply(MetadataStore store) {
            return store.deleteTag(repo, tag);
        }
    }

    record DeleteManifest(String repo, String seed, boolean referrer) implements Op {
        @Override
        public Object apply(MetadataStore store) {
            return store.deleteManifest(repo, record(seed, referrer).digest());
        }
    }

    record Link(String repo, String seed) implements Op {
        @Override
        public Object apply(MetadataStore store) {
            store.linkBlob(repo, blob(seed));
            return null;
        }
    }

    record Unlink(String repo, String seed) implements Op {
        @Override
        public Object apply(MetadataStore store) {
            return store.unlinkBlob(repo, blob(seed));
        }
    }

    record DeleteRepository(String repo) implements Op {
        @Override
        public Object apply(MetadataStore store) {
            return store.deleteRepository(repo);
        }
    }

    // A referrer refers to the manifest of the same seed, pushed or not.
    private static ManifestRecord record(String seed, boolean referrer) {
        return referrer ? MetadataStoreContract.manifest("ref-" + seed, MetadataStoreContract.manifest(seed).digest())
                : MetadataStoreContract.manifest(seed);
    }

    private static Digest blob(String seed) {
        return Digest.sha256(seed.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Property(tries = 40)
    void answersAsTheReferenceModel(@ForAll("sequences") List<Op> ops) {
        MetadataStore model = new InMemoryMetadataStore();
        MetadataStore store = JdbcMetadataStore.open(Postgres.pooled(Postgres.newDatabase()));
        for (Op op : ops) {
            assertEquals(op.apply(model), op.apply(store), op.toString());
            assertSameView(model, store, op);
        }
    }

    private static void assertSameView(MetadataStore model, MetadataStore store, Op after) {
        String when = " after " + after;
        assertEquals(model.listRepositories(), store.listRepositories(), "catalog" + when);
        assertEquals(model.listRepositories("a", 1), store.listRepositories("a", 1), "catalog page" + when);
        for (String repo : REPOSITORIES) {
            assertEquals(model.repositoryExists(repo), store.repositoryExists(repo), repo + " exists" + when);
            assertEquals(model.listTags(repo), store.listTags(repo), "tags of " + repo + when);
            assertEquals(model.listTags(repo, "dev", 2), store.listTags(repo, "dev", 2), "tag page of " + repo + when);
            for (String tag : model.listTags(repo).items()) {
                assertEquals(model.resolveTag(repo, tag), store.resolveTag(repo, tag), repo + ":" + tag + when);
            }
            assertEquals(Set.copyOf(model.manifests(repo)), Set.copyOf(store.manifests(repo)), "manifests of " + repo + when);
            assertEquals(Set.copyOf(model.linkedBlobs(repo)), Set.copyOf(store.linkedBlobs(repo)), "links of " + repo + when);
            for (String seed : SEEDS) {
                Digest subject = MetadataStoreContract.manifest(seed).digest();
                assertEquals(model.referrers(repo, subject), store.referrers(repo, subject), "referrers" + when);
                for (boolean referrer : List.of(false, true)) {
                    Digest d = record(seed, referrer).digest();
                    assertEquals(model.getManifest(repo, d), store.getManifest(repo, d), "manifest" + when);
                }
            }
        }
    }

    @Provide
    Arbitrary<List<Op>> sequences() {
        Arbitrary<String> repo = Arbitraries.of(REPOSITORIES);
        Arbitrary<String> seed = Arbitraries.of(SEEDS);
        Arbitrary<Boolean> referrer = Arbitraries.of(false, true);
        Arbitrary<String> tag = Arbitraries.of("latest", "v1", "v2", "dev", "e");
        Arbitrary<Op> push = Combinators.combine(repo, seed, referrer, tag.list().ofMaxSize(3).uniqueElements())
                .as(Push::new);
        Arbitrary<Op> deleteTag = Combinators.combine(repo, tag).as(DeleteTag::new);
        Arbitrary<Op> deleteManifest = Combinators.combine(repo, seed, referrer).as(DeleteManifest::new);
        Arbitrary<Op> link = Combinators.combine(repo, seed).as(Link::new);
        Arbitrary<Op> unlink = Combinators.combine(repo, seed).as(Unlink::new);
        Arbitrary<Op> deleteRepository = repo.map(DeleteRepository::new);
        return Arbitraries.frequencyOf(Tuple.of(6, push), Tuple.of(2, deleteTag), Tuple.of(2, deleteManifest),
                Tuple.of(2, link), Tuple.of(1, unlink), Tuple.of(1, deleteRepository)).list().ofMinSize(5).ofMaxSize(25);
    }
}
