package dev.berth.server.spi.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.model.Digest;
import dev.berth.server.spi.BlobInfo;
import dev.berth.server.spi.BlobStore;
import dev.berth.server.spi.ManifestRecord;
import dev.berth.server.spi.MetadataStore;
import dev.berth.server.spi.testkit.MetadataStoreContract;
import dev.berth.server.storage.fs.FileBlobStore;
import dev.berth.server.storage.fs.FileMetadataStore;
import dev.berth.server.storage.memory.InMemoryBlobStore;
import dev.berth.server.storage.memory.InMemoryMetadataStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random sequences of uploads, pushes, tag moves and deletes: both stores agree with a plain reference model. */
class StoreModelProperties {
    private static final List<String> SEEDS = List.of("s1", "s2", "s3", "s4");
    private static final List<String> TAGS = List.of("latest", "v1", "v2", "dev");

    /** One step of a sequence. */
    sealed interface Op permits Upload, Push, DeleteTag, DeleteManifest {
    }

    record Upload(byte[] content, int chunk) implements Op {
        @Override
        public String toString() {
            return "upload(" + content.length + " bytes in chunks of " + chunk + ")";
        }
    }

    record Push(String repo, String seed, List<String> tags) implements Op {
    }

    record DeleteTag(String repo, String tag) implements Op {
    }

    record DeleteManifest(String repo, String seed) implements Op {
    }

    @Property(tries = 80)
    void storesAgreeWithAReferenceModel(@ForAll("sequences") List<Op> ops) throws IOException {
        Path dir = Files.createTempDirectory("berth-model");
        try {
            check(ops, new InMemoryBlobStore(), new InMemoryMetadataStore());
            check(ops, new FileBlobStore(dir), new FileMetadataStore(dir));
        } finally {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static void check(List<Op> ops, BlobStore blobs, MetadataStore meta) {
        Map<Digest, Integer> modelBlobs = new HashMap<>();
        Map<String, Map<Digest, ManifestRecord>> modelManifests = new HashMap<>();
        Map<String, TreeMap<String, Digest>> modelTags = new HashMap<>();
        for (Op op : ops) {
            if (op instanceof Upload u) {
                String id = blobs.createUpload("r");
                long offset = 0;
                while (offset < u.content().length) {
                    int n = (int) Math.min(u.chunk(), u.content().length - offset);
                    offset = blobs.appendUpload(id, offset, new ByteArrayInputStream(u.content(), (int) offset, n));
                }
                Digest d = Digest.sha256(u.content());
                assertEquals(new BlobInfo(d, u.content().length), blobs.commitUpload(id, d));
                modelBlobs.put(d, u.content().length);
            } else if (op instanceof Push p) {
                ManifestRecord m = MetadataStoreContract.manifest(p.seed());
                meta.putManifest(p.repo(), m, p.tags());
                modelManifests.computeIfAbsent(p.repo(), k -> new HashMap<>()).put(m.digest(), m);
                p.tags().forEach(t -> modelTags.computeIfAbsent(p.repo(), k -> new TreeMap<>()).put(t, m.digest()));
            } else if (op instanceof DeleteTag t) {
                boolean expected = modelTags.getOrDefault(t.repo(), new TreeMap<>()).remove(t.tag()) != null;
                assertEquals(expected, meta.deleteTag(t.repo(), t.tag()));
            } else if (op instanceof DeleteManifest dm) {
                Digest d = MetadataStoreContract.manifest(dm.seed()).digest();
                boolean expected = modelManifests.getOrDefault(dm.repo(), new HashMap<>()).remove(d) != null;
                assertEquals(expected, meta.deleteManifest(dm.repo(), d));
                modelTags.getOrDefault(dm.repo(), new TreeMap<>()).values().removeIf(d::equals);
            }
            for (String repo : List.of("a", "b/c")) {
                TreeMap<String, Digest> tags = modelTags.getOrDefault(repo, new TreeMap<>());
                assertEquals(new ArrayList<>(tags.keySet()), meta.listTags(repo).items(), "tags of " + repo + " after " + op);
                for (String tag : TAGS) {
                    assertEquals(Optional.ofNullable(tags.get(tag)), meta.resolveTag(repo, tag), "tag " + tag + " after " + op);
                }
                for (String seed : SEEDS) {
                    ManifestRecord m = MetadataStoreContract.manifest(seed);
                    assertEquals(Optional.ofNullable(modelManifests.getOrDefault(repo, Map.of()).get(m.digest())),
                            meta.getManifest(repo, m.digest()), "manifest " + seed + " after " + op);
                }
            }
        }
        modelBlobs.forEach((d, size) -> assertEquals(Optional.of(new BlobInfo(d, size)), blobs.stat(d)));
        blobs.close();
        meta.close();
    }

    @Provide
    Arbitrary<List<Op>> sequences() {
        Arbitrary<String> repo = Arbitraries.of("a", "b/c");
        Arbitrary<String> seed = Arbitraries.of(SEEDS);
        Arbitrary<String> tag = Arbitraries.of(TAGS);
        Arbitrary<Op> upload = Combinators.combine(Arbitraries.bytes().array(byte[].class).ofMaxSize(300),
                Arbitraries.integers().between(1, 120)).as(Upload::new);
        Arbitrary<Op> push = Combinators.combine(repo, seed, tag.list().ofMaxSize(3).uniqueElements()).as(Push::new);
        Arbitrary<Op> deleteTag = Combinators.combine(repo, tag).as(DeleteTag::new);
        Arbitrary<Op> deleteManifest = Combinators.combine(repo, seed).as(DeleteManifest::new);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, upload), net.jqwik.api.Tuple.of(4, push),
                net.jqwik.api.Tuple.of(2, deleteTag), net.jqwik.api.Tuple.of(2, deleteManifest)).list().ofMaxSize(25);
    }
}
