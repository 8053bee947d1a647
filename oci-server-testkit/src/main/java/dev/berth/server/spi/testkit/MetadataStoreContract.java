package dev.berth.server.spi.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.MediaType;
import dev.berth.server.spi.ManifestRecord;
import dev.berth.server.spi.MetadataStore;
import dev.berth.server.spi.Page;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract every {@link MetadataStore} must pass. Extend it and implement {@link #newStore()}. */
public abstract class MetadataStoreContract {
    /** The store under test: a new one from {@link #newStore()} for each test, closed after it. */
    protected MetadataStore store;

    /** For subclasses, which name the store under test. */
    protected MetadataStoreContract() {
    }

    /**
     * @return a new, empty store
     * @throws Exception if the store cannot be made; the test fails with it
     */
    protected abstract MetadataStore newStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = newStore();
    }

    @AfterEach
    void close() {
        store.close();
    }

    /**
     * @param seed    makes the bytes, so that different seeds give different digests
     * @param subject the manifest this one refers to (a referrer), or null for none
     * @return a manifest record of some bytes, optionally referring to a subject
     */
    public static ManifestRecord manifest(String seed, Digest subject) {
        byte[] bytes = ("{\"seed\":\"" + seed + "\"}").getBytes(StandardCharsets.UTF_8);
        Digest d = Digest.sha256(bytes);
        Optional<Descriptor> entry = subject == null ? Optional.empty()
                : Optional.of(Descriptor.of(MediaType.OCI_MANIFEST, d, bytes.length).toBuilder()
                .artifactType(MediaType.SPDX_JSON).annotation("seed", seed).build());
        return new ManifestRecord(d, MediaType.OCI_MANIFEST, bytes, Optional.ofNullable(subject), entry);
    }

    @Test
    void manifestsAndTagsRoundTrip() {
        ManifestRecord m = manifest("a", null);
        store.putManifest("team/app", m, List.of("1.0", "latest"));
        assertEquals(Optional.of(m), store.getManifest("team/app", m.digest()));
        assertEquals(Optional.of(m.digest()), store.resolveTag("team/app", "latest"));
        assertEquals(Optional.empty(), store.getManifest("other", m.digest()), "repositories are separate");
        assertTrue(store.repositoryExists("team/app"));
        assertFalse(store.repositoryExists("other"));
    }

    @Test
    void aTagMovesInOneStep() {
        ManifestRecord a = manifest("a", null);
        ManifestRecord b = manifest("b", null);
        store.putManifest("r", a, List.of("t"));
        store.putManifest("r", b, List.of("t"));
        assertEquals(Optional.of(b.digest()), store.resolveTag("r", "t"));
        assertTrue(store.deleteManifest("r", a.digest()));
        assertEquals(Optional.of(b.digest()), store.resolveTag("r", "t"), "deleting the old target leaves the moved tag");
    }

    @Test
    void deletingAManifestTakesItsTagsAndReferrerEntry() {
        ManifestRecord subject = manifest("s", null);
        ManifestRecord sbom = manifest("sbom", subject.digest());
        store.putManifest("r", subject, List.of("1"));
        store.putManifest("r", sbom, List.of("sbom", "x"));
        assertEquals(1, store.referrers("r", subject.digest()).size());
        assertEquals(MediaType.SPDX_JSON, store.referrers("r", subject.digest()).get(0).artifactType().orElseThrow());
        assertTrue(store.deleteManifest("r", sbom.digest()));
        assertEquals(Optional.empty(), store.resolveTag("r", "sbom"));
        assertEquals(Optional.empty(), store.resolveTag("r", "x"));
        assertEquals(List.of(), store.referrers("r", subject.digest()));
        assertFalse(store.deleteManifest("r", sbom.digest()));
        assertEquals(Optional.of(subject.digest()), store.resolveTag("r", "1"));
    }

    @Test
    void deletingATagKeepsTheManifest() {
        ManifestRecord m = manifest("m", null);
        store.putManifest("r", m, List.of("a", "b"));
        assertTrue(store.deleteTag("r", "a"));
        assertFalse(store.deleteTag("r", "a"));
        assertTrue(store.getManifest("r", m.digest()).isPresent());
        assertTrue(store.deleteManifest("r", m.digest()));
        assertEquals(Optional.empty(), store.resolveTag("r", "b"));
    }

    @Test
    void listingsAreLexicalWithExclusiveLast() {
        ManifestRecord m = manifest("m", null);
        store.putManifest("b/two", m, List.of("v2", "v10", "latest", "V1"));
        store.putManifest("a", m, List.of());
        store.linkBlob("c", Digest.sha256(new byte[1]));
        assertEquals(new Page(List.of("V1", "latest"), true), store.listTags("b/two", null, 2));
        assertEquals(new Page(List.of("v10", "v2"), false), store.listTags("b/two", "latest", 2));
        assertEquals(new Page(List.of("v10", "v2"), false), store.listTags("b/two", "latest", -1));
        assertEquals(new Page(List.of(), false), store.listTags("nobody", null, 5));
        assertEquals(new Page(List.of("a", "b/two", "c"), false), store.listRepositories(null, -1));
        assertEquals(new Page(List.of("b/two"), true), store.listRepositories("a", 1));
    }

    @Test
    void aPageOfNoneIsEmptyAndHasNoNextPage() {
        // The specification: n=0 answers an empty list and no Link header, so no "more" to link to either.
        store.putManifest("r", manifest("m", null), List.of("a", "b"));
        assertEquals(new Page(List.of(), false), store.listTags("r", null, 0));
        assertEquals(new Page(List.of(), false), store.listTags("r", "a", 0));
        assertEquals(new Page(List.of(), false), store.listRepositories(null, 0));
        assertEquals(new Page(List.of("b"), false), store.listTags("r", "a!", 5), "last need not be a stored name");
        assertEquals(new Page(List.of(), false), store.listTags("r", "zzz", 1), "nothing after the last name");
    }

    @Test
    void blobLinksArePerRepository() {
        Digest d = Digest.sha256("blob".getBytes(StandardCharsets.UTF_8));
        store.linkBlob("r", d);
        store.linkBlob("r", d);
        assertTrue(store.isBlobLinked("r", d));
        assertFalse(store.isBlobLinked("s", d));
        assertTrue(store.unlinkBlob("r", d));
        assertFalse(store.unlinkBlob("r", d));
        assertFalse(store.isBlobLinked("r", d));
    }

    @Test
    void referrersAreOrderedByDigest() {
        ManifestRecord subject = manifest("s", null);
        store.putManifest("r", subject, List.of());
        for (String seed : List.of("x", "y", "z", "w")) {
            store.putManifest("r", manifest(seed, subject.digest()), List.of());
        }
        List<Descriptor> list = store.referrers("r", subject.digest());
        assertEquals(4, list.size());
        for (int i = 1; i < list.size(); i++) {
            assertTrue(list.get(i - 1).digest().compareTo(list.get(i).digest()) < 0);
        }
        assertEquals(List.of(), store.referrers("r", Digest.sha256(new byte[2])));
    }

    @Test
    void manifestsAndLinksCanBeEnumeratedForGarbageCollection() {
        ManifestRecord a = manifest("a", null);
        ManifestRecord b = manifest("b", null);
        store.putManifest("r", a, List.of("t"));
        store.putManifest("r", b, List.of());
        Digest blob = Digest.sha256("x".getBytes(StandardCharsets.UTF_8));
        store.linkBlob("r", blob);
        assertEquals(java.util.Set.of(a.digest(), b.digest()), java.util.Set.copyOf(store.manifests("r")));
        assertEquals(List.of(blob), store.linkedBlobs("r"));
        assertEquals(List.of(), store.manifests("nobody"));
        store.deleteManifest("r", b.digest());
        assertEquals(List.of(a.digest()), store.manifests("r"));
    }

    @Test
    void deletingARepositoryTakesAllItHoldsAndLeavesNestedRepositories() {
        ManifestRecord subject = manifest("s", null);
        ManifestRecord sbom = manifest("sbom", subject.digest());
        Digest blob = Digest.sha256("blob".getBytes(StandardCharsets.UTF_8));
        store.putManifest("team/app", subject, List.of("1"));
        store.putManifest("team/app", sbom, List.of());
        store.linkBlob("team/app", blob);
        store.putManifest("team/app/sub", subject, List.of("x"));
        store.linkBlob("team/app/sub", blob);

        assertTrue(store.deleteRepository("team/app"));
        assertFalse(store.repositoryExists("team/app"));
        assertEquals(Optional.empty(), store.resolveTag("team/app", "1"));
        assertEquals(Optional.empty(), store.getManifest("team/app", subject.digest()));
        assertEquals(List.of(), store.referrers("team/app", subject.digest()));
        assertEquals(List.of(), store.manifests("team/app"));
        assertEquals(List.of(), store.linkedBlobs("team/app"));
        assertEquals(List.of(), store.listTags("team/app", null, -1).items());
        assertEquals(List.of("team/app/sub"), store.listRepositories(null, -1).items());
        assertEquals(Optional.of(subject.digest()), store.resolveTag("team/app/sub", "x"), "the nested repository stays");
        assertTrue(store.isBlobLinked("team/app/sub", blob));
        assertFalse(store.deleteRepository("team/app"), "gone already");
        assertFalse(store.deleteRepository("never/was"));

        store.putManifest("team/app", subject, List.of("2"));
        assertEquals(Optional.of(subject.digest()), store.resolveTag("team/app", "2"), "the name can be pushed to again");
    }

    @Test
    void pushTimesAreKnownOnlyForStoredManifests() {
        ManifestRecord m = manifest("m", null);
        store.putManifest("r", m, List.of("t"));
        Optional<java.time.Instant> pushed = store.manifestPushedAt("r", m.digest());
        pushed.ifPresent(t -> assertFalse(t.isAfter(java.time.Instant.now().plusSeconds(60)), "not in the future: " + t));
        assertEquals(Optional.empty(), store.manifestPushedAt("r", manifest("other", null).digest()));
        assertEquals(Optional.empty(), store.manifestPushedAt("elsewhere", m.digest()));
        store.deleteManifest("r", m.digest());
        assertEquals(Optional.empty(), store.manifestPushedAt("r", m.digest()));
    }
}
