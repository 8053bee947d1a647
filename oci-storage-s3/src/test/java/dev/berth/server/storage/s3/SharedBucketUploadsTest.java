package dev.berth.server.storage.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.model.Digest;
import dev.berth.model.DigestMismatchException;
import dev.berth.server.spi.BlobInfo;
import dev.berth.server.spi.StorageException;
import dev.berth.server.spi.UploadOffsetException;
import dev.berth.server.spi.UploadUnknownException;
import dev.berth.server.storage.s3.internal.S3Clients;
import dev.berth.testsupport.MutableClock;
import dev.berth.testsupport.S3ProxyServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Several stores over one bucket and prefix, as several registry instances behind a load balancer: each PATCH
 * of an upload may reach another one.
 */
class SharedBucketUploadsTest {
    private static final int MIB = 1024 * 1024;
    private static S3ProxyServer s3;

    private final MutableClock clock = new MutableClock(Instant.now());
    private final List<S3BlobStore> stores = new ArrayList<>();
    private S3BlobStoreOptions options;
    private S3Client raw;
    private S3BlobStore a;
    private S3BlobStore b;
    private S3BlobStore c;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = S3ProxyServer.inMemory();
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
    }

    @BeforeEach
    void threeInstances() {
        options = TestBuckets.newBucket(s3).prefix("shared/").clock(clock).build();
        a = instance();
        b = instance();
        c = instance();
        raw = S3Clients.client(options, builder -> { });
    }

    private S3BlobStore instance() {
        S3BlobStore store = new S3BlobStore(options);
        stores.add(store);
        return store;
    }

    @AfterEach
    void close() {
        stores.forEach(S3BlobStore::close);
        raw.close();
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static InputStream slice(byte[] bytes, int from, int to) {
        return new ByteArrayInputStream(bytes, from, to - from);
    }

    private static byte[] readAll(S3BlobStore store, Digest digest) throws IOException {
        try (InputStream in = store.open(digest, 0, -1)) {
            return in.readAllBytes();
        }
    }

    private List<String> keysUnder(String prefix) {
        List<String> keys = new ArrayList<>();
        for (S3Object o : raw.listObjectsV2Paginator(r -> r.bucket(options.bucket()).prefix(options.prefix() + prefix)).contents()) {
            keys.add(o.key());
        }
        return keys;
    }

    private int multipartUploads() {
        return raw.listMultipartUploads(r -> r.bucket(options.bucket()).prefix(options.prefix())).uploads().size();
    }

    private void assertNoUploadLeftovers() {
        assertEquals(List.of(), keysUnder("uploads/"), "no session objects left");
        assertEquals(0, multipartUploads(), "no multipart upload left");
    }

    @Test
    void aChunkedUploadAppendedOnTwoInstancesCommitsOnAThird() throws Exception {
        byte[] blob = random(20 * MIB + 123, 1);
        int[] cuts = {0, 3 * MIB, 6 * MIB, 12 * MIB, 12 * MIB + 1, 19 * MIB, blob.length};
        String id = a.createUpload("team/app");
        for (int i = 0; i + 1 < cuts.length; i++) {
            S3BlobStore instance = i % 2 == 0 ? a : b;
            assertEquals(cuts[i + 1], instance.appendUpload(id, cuts[i], slice(blob, cuts[i], cuts[i + 1])));
        }
        assertEquals("team/app", c.uploadRepository(id));
        assertEquals(blob.length, c.uploadSize(id));
        assertEquals(1, multipartUploads(), "the whole parts went to one multipart upload");
        assertEquals(Optional.empty(), a.stat(Digest.sha256(blob)), "nothing visible before the commit");

        assertEquals(new BlobInfo(Digest.sha256(blob), blob.length), c.commitUpload(id, Digest.sha256(blob)));
        assertArrayEquals(blob, readAll(a, Digest.sha256(blob)));
        assertEquals(Optional.of(new BlobInfo(Digest.sha256(blob), blob.length)), b.stat(Digest.sha256(blob)));
        assertThrows(UploadUnknownException.class, () -> a.uploadSize(id));
        assertNoUploadLeftovers();
    }

    @Test
    void patchesSmallerThanS3sMinimumPartAreAccepted() throws Exception {
        byte[] blob = random(40 * 256 * 1024 + 17, 2); // 10 MiB and a bit, in 256 KiB chunks: parts of 8 MiB form across them
        String id = b.createUpload("r");
        int offset = 0;
        for (int i = 0; offset < blob.length; i++) {
            int end = Math.min(blob.length, offset + 256 * 1024);
            assertEquals(end, (i % 2 == 0 ? a : b).appendUpload(id, offset, slice(blob, offset, end)));
            offset = end;
        }
        c.commitUpload(id, Digest.sha256(blob));
        assertArrayEquals(blob, readAll(c, Digest.sha256(blob)));
        try (InputStream in = a.open(Digest.sha256(blob), 8 * MIB - 3, 6)) {
            byte[] across = in.readAllBytes();
            assertArrayEquals(java.util.Arrays.copyOfRange(blob, 8 * MIB - 3, 8 * MIB + 3), across, "a range across the part boundary");
        }
        assertNoUploadLeftovers();
    }

    @Test
    void aWrongDigestAtCommitLeavesNothingAtTheContentAddress() {
        byte[] blob = random(9 * MIB, 3); // one whole part and a staged tail
        String id = a.createUpload("r");
        a.appendUpload(id, 0, slice(blob, 0, 5 * MIB));
        b.appendUpload(id, 5 * MIB, slice(blob, 5 * MIB, blob.length));
        Digest claimed = Digest.sha256(new byte[] {1, 2, 3});
        DigestMismatchException e = assertThrows(DigestMismatchException.class, () -> c.commitUpload(id, claimed));
        assertEquals(Digest.sha256(blob), e.actual());
        assertEquals(Optional.empty(), a.stat(claimed));
        assertEquals(Optional.empty(), a.stat(Digest.sha256(blob)));
        assertEquals(List.of(), keysUnder("blobs/"));
        assertThrows(UploadUnknownException.class, () -> b.uploadSize(id));
        assertNoUploadLeftovers();
    }

    @Test
    void aClientResumesOnAnotherInstanceAfterAnOffsetError() throws Exception {
        byte[] blob = random(14 * MIB + 5, 4);
        String id = a.createUpload("r");
        a.appendUpload(id, 0, slice(blob, 0, 6 * MIB));
        UploadOffsetException e = assertThrows(UploadOffsetException.class,
                () -> b.appendUpload(id, 5 * MIB, slice(blob, 5 * MIB, 7 * MIB)));
        assertEquals(6 * MIB, e.expected());
        assertEquals(6 * MIB, c.uploadSize(id), "the refused chunk changed nothing");
        assertEquals(blob.length, b.appendUpload(id, e.expected(), slice(blob, 6 * MIB, blob.length)));
        c.commitUpload(id, Digest.sha256(blob));
        assertArrayEquals(blob, readAll(a, Digest.sha256(blob)));
    }

    @Test
    void anAppendCutShortKeepsTheWholePartsItSentAndTheClientResumesFromThere() throws Exception {
        byte[] blob = random(12 * MIB, 5);
        String id = a.createUpload("r");
        a.appendUpload(id, 0, slice(blob, 0, MIB));
        // The client's connection drops after 10 MiB of this PATCH: one part (8 MiB, the first MiB included) was sent.
        InputStream dropping = new java.io.FilterInputStream(slice(blob, MIB, blob.length)) {
            private int left = 10 * MIB;

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                if (left == 0) {
                    throw new IOException("connection reset by the client");
                }
                int n = super.read(buf, off, Math.min(len, left));
                left -= Math.max(n, 0);
                return n;
            }
        };
        StorageException cut = assertThrows(StorageException.class, () -> a.appendUpload(id, MIB, dropping));
        assertTrue(cut.getMessage().contains("connection reset by the client"), cut.getMessage());
        long resumeAt = b.uploadSize(id);
        assertEquals(8 * MIB, resumeAt, "the part sent before the drop is kept");
        assertEquals(blob.length, b.appendUpload(id, resumeAt, slice(blob, (int) resumeAt, blob.length)));
        c.commitUpload(id, Digest.sha256(blob));
        assertArrayEquals(blob, readAll(c, Digest.sha256(blob)));
        assertNoUploadLeftovers();
    }

    @Test
    void anAppendOnOneInstanceHoldsTheSessionAgainstAppendsAndCommitsOnAnother() throws Exception {
        // S3Proxy checks a PUT's If-Match and then writes, not atomically as S3 does, so two appends racing to the
        // state object cannot be shown to exclude each other here; an append holding the session's lease can.
        byte[] blob = random(3000, 8);
        String id = a.createUpload("r");
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        InputStream slowClient = new java.io.FilterInputStream(new ByteArrayInputStream(blob)) {
            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                reading.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException();
                }
                return super.read(buf, off, len);
            }
        };
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Long> held = pool.submit(() -> a.appendUpload(id, 0, slowClient));
            reading.await();
            UploadOffsetException refused = assertThrows(UploadOffsetException.class,
                    () -> b.appendUpload(id, 0, new ByteArrayInputStream(new byte[] {1})));
            assertEquals(0, refused.expected());
            assertThrows(StorageException.class, () -> c.commitUpload(id, Digest.sha256(blob)), "no commit mid-append");
            release.countDown();
            assertEquals(blob.length, held.get());
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        assertEquals(blob.length, c.commitUpload(id, Digest.sha256(blob)).size());
        assertArrayEquals(blob, readAll(b, Digest.sha256(blob)));
    }

    @Test
    void expiryDiscardsIdleSessionsWithTheirMultipartUploadsOnAnyInstance() {
        String idle = a.createUpload("r");
        a.appendUpload(idle, 0, new ByteArrayInputStream(random(9 * MIB, 6))); // a part sent: a multipart upload open
        String active = b.createUpload("r");
        clock.advance(Duration.ofHours(2));
        b.appendUpload(active, 0, new ByteArrayInputStream(random(100, 7)));
        // A multipart upload no session knows (its instance died before recording it) goes too.
        raw.createMultipartUpload(r -> r.bucket(options.bucket())
                .key(options.prefix() + "uploads/00000000-0000-4000-8000-000000000000/assembled"));
        assertEquals(2, multipartUploads());

        assertEquals(1, c.expireUploads(Duration.ofHours(1)));
        assertThrows(UploadUnknownException.class, () -> a.uploadSize(idle));
        assertEquals(100, a.uploadSize(active));
        assertEquals(0, multipartUploads(), "the idle session's and the orphaned multipart uploads are aborted");
        assertEquals(List.of(), keysUnder("uploads/" + idle + "/"));
        assertEquals(0, c.expireUploads(Duration.ofHours(1)), "once is enough");
    }
}
