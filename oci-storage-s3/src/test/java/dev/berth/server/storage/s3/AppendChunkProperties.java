package dev.berth.server.storage.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.model.Digest;
import dev.berth.testsupport.S3ProxyServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever the sizes of the chunks a client sends, and whichever of two instances takes each, the committed blob
 * is their concatenation. Parts are S3's minimum, 5 MiB, so chunks land on, just before and just after part
 * boundaries.
 */
class AppendChunkProperties {
    private static final int MIB = 1024 * 1024;
    private static S3ProxyServer s3;

    @BeforeContainer
    static void startS3() throws Exception {
        s3 = S3ProxyServer.inMemory();
    }

    @AfterContainer
    static void stopS3() throws Exception {
        s3.close();
    }

    @Provide
    Arbitrary<List<Integer>> chunkSizes() {
        Arbitrary<Integer> size = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0, 16)),                              // tiny, empty too
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(1024, 2 * MIB)),                      // ordinary
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(5 * MIB - 8, 5 * MIB + 8)),            // one part, give or take
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(10 * MIB - 4, 10 * MIB + 4)));         // two parts
        // At most 16 MiB in all, so a try takes well under a second on S3Proxy.
        return size.list().ofMinSize(1).ofMaxSize(8).filter(l -> l.stream().mapToLong(Integer::longValue).sum() <= 16L * MIB);
    }

    @Property(tries = 25)
    void theCommittedBlobIsTheConcatenationOfTheChunks(@ForAll("chunkSizes") List<Integer> sizes, @ForAll long seed) throws Exception {
        int total = sizes.stream().mapToInt(Integer::intValue).sum();
        byte[] blob = new byte[total];
        new Random(seed).nextBytes(blob);
        S3BlobStoreOptions options = TestBuckets.newBucket(s3).partSize(S3BlobStoreOptions.MIN_PART_SIZE).build();
        try (S3BlobStore first = new S3BlobStore(options); S3BlobStore second = new S3BlobStore(options)) {
            String id = first.createUpload("r");
            int offset = 0;
            for (int i = 0; i < sizes.size(); i++) {
                S3BlobStore instance = i % 2 == 0 ? first : second;
                offset += sizes.get(i);
                assertEquals(offset, instance.appendUpload(id, offset - sizes.get(i), new ByteArrayInputStream(blob, offset - sizes.get(i), sizes.get(i))));
            }
            (sizes.size() % 2 == 0 ? first : second).commitUpload(id, Digest.sha256(blob));
            try (InputStream in = second.open(Digest.sha256(blob), 0, -1)) {
                assertArrayEquals(blob, in.readAllBytes());
            }
        }
    }
}
