package dev.berth.server.spi.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.InvalidArgumentException;
import dev.berth.model.MediaType;
import dev.berth.model.Page;
import dev.berth.server.spi.ManifestRecord;
import dev.berth.server.spi.MetadataStore;
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
     * @param seed makes the bytes, so that different seeds give different digests
     * @return a manifest record of some bytes, referring to no subject
     */
    public static ManifestRecord manifest(String seed) {
        return record(seed, Optional.empty());
    }

    /**
     * @param seed    makes the bytes, so that different seeds give different digests
     * @param subject the manifest this one refers to: it is a referrer, with an artifact type and an annotation
     * @return a manifest record of some bytes, referring to {@code subject}
     */
    public static ManifestRecord manifest(String seed, Digest subject) {
        return record(seed, Optional.of(InvalidArgumentException.requireNonNull(subject, "subject")));
    }

    private static ManifestRecord record(String seed, Optional<Digest> subject) {
        byte[] bytes = ("{\"seed\":\"" + InvalidArgumentException.requireNonNull(seed, "seed") + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        Digest d = Digest.sha256(bytes);
        ManifestRecord record = ManifestRecord.of(d, MediaType.OCI_MANIFEST, bytes);
        return subject.map(s -> record.withSubject(s).withReferrer(Descriptor.of(MediaType.OCI_MANIFEST, d, bytes.length)
                .toBuilder().artifactType(MediaType.SPDX_JSON).annotation("seed", seed).build())).orElse(record);
    }

    @Test
    void manifestsAndTagsRoundTrip() {
        ManifestRecord m = manifest("a");
        store.putManifest("team/app", m, List.of("1.0", "latest"));
        assertEquals(Optional.of(m), store.getManifest("team/app", m.digest()));
        assertEquals(Optional.of(m.digest()), store.resolveTag("team/app", "latest"));
        assertEquals(Optional.empty(), store.getManifest("other", m.digest()), "repositories are separate");
        assertTrue(store.repositoryExists("team/app"));
        assertFalse(store.repositoryExists("other"));
    }

    @Test
    void aTagMovesInOneStep() {
        ManifestRecord a = manifest("a");
        ManifestRecord b = manifest("b");
        store.putManifest("r", a, List.of("t"));
        store.putManifest("r", b, List.of("t"));
        assertEquals(Optional.of(b.digest()), store.resolveTag("r", "t"));
        assertTrue(store.deleteManifest("r", a.digest()));
        assertEquals(Optional.of(b.digest()), store.resolveTag("r", "t"), "deleting the old target leaves the moved tag");
    }

    @Test
    void deletingAManifestTakesItsTagsAndReferrerEntry() {
        ManifestRecord subject = manifest("s");
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
        ManifestRecord m = manifest("m");
        store.putManifest("r", m, List.of("a", "b"));
        assertTrue(store.deleteTag("r", "a"));
        assertFalse(store.deleteTag("r", "a"));
        assertTrue(store.getManifest("r", m.digest()).isPresent());
        assertTrue(store.deleteManifest("r", m.digest()));
        assertEquals(Optional.empty(), store.resolveTag("r", "b"));
    }

    @Test
    void listingsAreLexicalWithExclusiveLast() {
        ManifestRecord m = manifest("m");
        store.putManifest("b/two", m, List.of("v2", "v10", "latest", "V1"));
        store.putManifest("a", m, List.of());
        store.linkBlob("c", Digest.sha256(new byte[1]));
        assertEquals(Page.of(List.of("V1", "latest"), "latest"), store.listTags("b/two", "", 2));
        assertEquals(Page.last(List.of("v10", "v2")), store.listTags("b/two", "latest", 2));
        assertEquals(Page.last(List.of("v10", "v2")), store.listTags("b/two", "latest", Integer.MAX_VALUE));
        assertEquals(Page.last(List.of("V1", "latest", "v10", "v2")), store.listTags("b/two"));
        assertEquals(Page.last(List.of()), store.listTags("nobody", "", 5));
        assertEquals(Page.last(List.of()), store.listTags("nobody"));
        assertEquals(Page.last(List.of("a", "b/two", "c")), store.listRepositories());
        assertEquals(Page.of(List.of("a", "b/two"), "b/two"), store.listRepositories("", 2));
        assertEquals(Page.of(List.of("b/two"), "b/two"), store.listRepositories("a", 1));
        assertEquals(Page.last(List.of("c")), store.listRepositories("b/two", 1), "exactly the rest: no more");
    }

    @Test
    void aPageOfNoneIsEmptyAndHasNoNextPage() {
        // The specification: n=0 answers an empty list and no Link header, so no "more" to link to either.
        store.putManifest("r", manifest("m"), List.of("a", "b"));
        assertEquals(Page.last(List.of()), store.listTags("r", "", 0));
        assertEquals(Page.last(List.of()), store.listTags("r", "a", 0));
        assertEquals(Page.last(List.of()), store.listRepositories("", 0));
        assertEquals(Page.last(List.of("b")), store.listTags("r", "a!", 5), "last need not be a stored name");
        assertEquals(Page.last(List.of()), store.listTags("r", "zzz", 1), "nothing after the last name");
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
        ManifestRecord subject = manifest("s");
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
        ManifestRecord a = manifest("a");
        ManifestRecord b = manifest("b");
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
        ManifestRecord subject = manifest("s");
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
        assertEquals(List.of(), store.listTags("team/app").items());
        assertEquals(List.of("team/app/sub"), store.listRepositories().items());
        assertEquals(Optional.of(subject.digest()), store.resolveTag("team/app/sub", "x"), "the nested repository stays");
        assertTrue(store.isBlobLinked("team/app/sub", blob));
        assertFalse(store.deleteRepository("team/app"), "gone already");
        assertFalse(store.deleteRepository("never/was"));

        store.putManifest("team/app", subject, List.of("2"));
        assertEquals(Optional.of(subject.digest()), store.resolveTag("team/app", "2"), "the name can be pushed to again");
    }

    @Test
    void pushTimesAreKnownOnlyForStoredManifests() {
        ManifestRecord m = manifest("m");
        store.putManifest("r", m, List.of("t"));
        Optional<java.time.Instant> pushed = store.manifestPushedAt("r", m.digest());
        pushed.ifPresent(t -> assertFalse(t.isAfter(java.time.Instant.now().plusSeconds(60)), "not in the future: " + t));
        assertEquals(Optional.empty(), store.manifestPushedAt("r", manifest("other").digest()));
        assertEquals(Optional.empty(), store.manifestPushedAt("elsewhere", m.digest()));
        store.deleteManifest("r", m.digest());
        assertEquals(Optional.empty(), store.manifestPushedAt("r", m.digest()));
    }

    @Test
    void aTaggedManifestIsReadInOneCallAndFollowsItsTag() {
        ManifestRecord one = manifest("one");
        ManifestRecord two = manifest("two");
        store.putManifest("r", one, List.of("t"));
        assertEquals(Optional.of(one.digest()), store.getTaggedManifest("r", "t").map(ManifestRecord::digest));
        assertArrayEquals(one.bytes(), store.getTaggedManifest("r", "t").orElseThrow().bytes());
        store.putManifest("r", two, List.of("t"));
        assertEquals(Optional.of(two.digest()), store.getTaggedManifest("r", "t").map(ManifestRecord::digest), "moved");
        assertEquals(Optional.empty(), store.getTaggedManifest("r", "other"));
        assertEquals(Optional.empty(), store.getTaggedManifest("elsewhere", "t"));
        store.deleteManifest("r", two.digest());
        assertEquals(Optional.empty(), store.getTaggedManifest("r", "t"), "its tag went with it");
    }

    @Test
    void collectionDeletesAManifestOnlyIfItIsStillUntaggedAndOlderThanTheCutoff() {
        ManifestRecord tagged = manifest("tagged");
        ManifestRecord loose = manifest("loose");
        store.putManifest("r", tagged, List.of("t"));
        store.putManifest("r", loose, List.of());
        java.time.Instant future = java.time.Instant.now().plusSeconds(3600);
        assertFalse(store.deleteUntaggedManifest("r", tagged.digest(), future), "a tag points at it");
        assertEquals(Optional.of(tagged.digest()), store.resolveTag("r", "t"));
        if (store.manifestPushedAt("r", loose.digest()).isPresent()) {
            assertFalse(store.deleteUntaggedManifest("r", loose.digest(), java.time.Instant.EPOCH), "pushed after the cutoff");
            assertTrue(store.getManifest("r", loose.digest()).isPresent());
        }
        assertTrue(store.deleteUntaggedManifest("r", loose.digest(), future), "untagged and old enough");
        assertEquals(Optional.empty(), store.getManifest("r", loose.digest()));
        assertFalse(store.deleteUntaggedManifest("r", loose.digest(), future), "gone already");
        assertFalse(store.deleteUntaggedManifest("never/was", tagged.digest(), future));
    }

    @Test
    void aNegativeLimitIsRefusedByName() {
        assertEquals("limit", assertThrows(InvalidArgumentException.class, () -> store.listTags("r", "", -1)).argument());
        assertEquals("limit", assertThrows(InvalidArgumentException.class, () -> store.listRepositories("", -1)).argument());
    }

    @Test
    void aNullTagAmongTheTagsIsRefusedAndStoresNothing() {
        ManifestRecord m = manifest("m");
        List<String> tags = java.util.Arrays.asList("ok", null);
        assertEquals("tags", assertThrows(InvalidArgumentException.class, () -> store.putManifest("r", m, tags)).argument());
        assertEquals(Optional.empty(), store.getManifest("r", m.digest()));
        assertEquals(Optional.empty(), store.resolveTag("r", "ok"));
    }

    /**
     * Every method of the SPI, with each of its object arguments null in turn (the others valid): refused with an
     * {@link InvalidArgumentException} naming that parameter as the SPI's Javadoc spells it.
     *
     * @throws Exception if a method cannot be called reflectively
     */
    @Test
    void everyNullArgumentIsRefusedNamingTheParameter() throws Exception {
        int checked = 0;
        for (java.lang.reflect.Method method : MetadataStore.class.getMethods()) {
            if (java.lang.reflect.Modifier.isStatic(method.getModifiers())) {
                continue; // a helper for implementations, not a method of the store
            }
            java.lang.reflect.Parameter[] parameters = method.getParameters();
            for (int i = 0; i < parameters.length; i++) {
                if (parameters[i].getType().isPrimitive()) {
                    continue;
                }
                Object[] args = new Object[parameters.length];
                for (int j = 0; j < parameters.length; j++) {
                    args[j] = j == i ? null : validArgument(parameters[j]);
                }
                Throwable thrown = null;
                try {
                    method.invoke(store, args);
                } catch (java.lang.reflect.InvocationTargetException e) {
                    thrown = e.getCause();
                }
                String call = method.getName() + " with " + parameters[i].getName() + " null";
                assertTrue(thrown instanceof InvalidArgumentException, call + " threw " + thrown);
                assertEquals(parameters[i].getName(), ((InvalidArgumentException) thrown).argument(), call);
                checked++;
            }
        }
        assertTrue(checked >= 20, "the SPI's parameters were read: " + checked);
    }

    private static Object validArgument(java.lang.reflect.Parameter parameter) {
        Class<?> type = parameter.getType();
        if (type == int.class) {
            return 1;
        }
        if (type == String.class) {
            return switch (parameter.getName()) {
                case "repository" -> "r";
                case "tag" -> "t";
                default -> "";
            };
        }
        if (type == Digest.class) {
            return Digest.sha256(new byte[3]);
        }
        if (type == ManifestRecord.class) {
            return manifest("null checks");
        }
        if (type == List.class) {
            return List.of("t");
        }
        if (type == java.time.Instant.class) {
            return java.time.Instant.EPOCH;
        }
        throw new IllegalStateException("no valid value known for " + parameter + ": extend validArgument");
    }
}
