package dev.berth.server.spi.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.model.Digest;
import dev.berth.model.DigestMismatchException;
import dev.berth.server.spi.BlobInfo;
import dev.berth.server.spi.BlobStore;
import dev.berth.server.spi.StorageException;
import dev.berth.server.spi.UploadOffsetException;
import dev.berth.server.spi.UploadUnknownException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link BlobStore} must pass, as distribution's driver
 * test suite is for its storage drivers. Extend it and implement {@link #newStore()}.
 */
public abstract class BlobStoreContract {
    /** The store under test: a new one from {@link #newStore()} for each test, closed after it. */
    protected BlobStore store;

    /** For subclasses, which name the store under test. */
    protected BlobStoreContract() {
    }

    /**
     * @return a new, empty store
     * @throws Exception if the store cannot be made; the test fails with it
     */
    protected abstract BlobStore newStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = newStore();
    }

    @AfterEach
    void close() {
        store.close();
    }

    /**
     * @param s text
     * @return a stream of its UTF-8 bytes, as an upload's body
     */
    protected static InputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param s text
     * @return the sha256 digest of its UTF-8 bytes
     */
    protected static Digest digestOf(String s) {
        return Digest.sha256(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void chunksCommitToAVerifiedBlob() throws Exception {
        String id = store.createUpload("r");
        assertEquals(0, store.uploadSize(id));
        assertEquals(6, store.appendUpload(id, 0, bytes("hello ")));
        assertEquals(11, store.appendUpload(id, 6, bytes("world")));
        assertEquals(11, store.uploadSize(id));
        assertEquals(Optional.empty(), store.stat(digestOf("hello world")), "nothing visible before the commit");
        assertEquals(new BlobInfo(digestOf("hello world"), 11), store.commitUpload(id, digestOf("hello world")));
        assertEquals(Optional.of(new BlobInfo(digestOf("hello world"), 11)), store.stat(digestOf("hello world")));
        try (InputStream in = store.open(digestOf("hello world"), 0, -1)) {
            assertEquals("hello world", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        try (InputStream in = store.open(digestOf("hello world"), 6, 3)) {
            assertEquals("wor", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertThrows(StorageException.class, () -> store.open(digestOf("hello world"), 5, 100));
        assertThrows(UploadUnknownException.class, () -> store.uploadSize(id), "a committed session is gone");
    }

    @Test
    void aSessionKnowsItsRepository() {
        String a = store.createUpload("team/a");
        String b = store.createUpload("team/b");
        assertEquals("team/a", store.uploadRepository(a));
        assertEquals("team/b", store.uploadRepository(b));
        assertThrows(UploadUnknownException.class, () -> store.uploadRepository("no-such-session"));
        store.cancelUpload(a);
        assertThrows(UploadUnknownException.class, () -> store.uploadRepository(a));
    }

    @Test
    void aWrongDigestStoresNothingAndEndsTheSession() {
        String id = store.createUpload("r");
        store.appendUpload(id, 0, bytes("content"));
        assertThrows(DigestMismatchException.class, () -> store.commitUpload(id, digestOf("other")));
        assertEquals(Optional.empty(), store.stat(digestOf("other")));
        assertEquals(Optional.empty(), store.stat(digestOf("content")));
        assertThrows(UploadUnknownException.class, () -> store.uploadSize(id));
    }

    @Test
    void aChunkAtTheWrongOffsetChangesNothing() {
        String id = store.createUpload("r");
        store.appendUpload(id, 0, bytes("abc"));
        UploadOffsetException e = assertThrows(UploadOffsetException.class, () -> store.appendUpload(id, 1, bytes("x")));
        assertEquals(3, e.expected());
        assertEquals(3, store.uploadSize(id));
        assertThrows(UploadOffsetException.class, () -> store.appendUpload(id, 4, bytes("x")));
        assertEquals(new BlobInfo(digestOf("abc"), 3), store.commitUpload(id, digestOf("abc")));
    }

    @Test
    void unknownAndCancelledSessionsAreTypedErrors() {
        assertThrows(UploadUnknownException.class, () -> store.appendUpload("no-such-session", 0, bytes("x")));
        assertThrows(UploadUnknownException.class, () -> store.uploadSize("../../etc/passwd"));
        String id = store.createUpload("r");
        store.cancelUpload(id);
        assertThrows(UploadUnknownException.class, () -> store.uploadSize(id));
        store.cancelUpload(id);
        store.cancelUpload("never-existed");
    }

    @Test
    void theSameBlobTwiceIsStoredOnceAndDeletable() {
        for (int i = 0; i < 2; i++) {
            String id = store.createUpload("r");
            store.appendUpload(id, 0, bytes("same"));
            store.commitUpload(id, digestOf("same"));
        }
        List<BlobInfo> all = new ArrayList<>();
        store.forEach(all::add);
        assertEquals(List.of(new BlobInfo(digestOf("same"), 4)), all);
        assertTrue(store.delete(digestOf("same")));
        assertEquals(Optional.empty(), store.stat(digestOf("same")));
        assertTrue(!store.delete(digestOf("same")));
    }

    @Test
    void anEmptyBlobIsABlob() {
        String id = store.createUpload("r");
        assertEquals(new BlobInfo(Digest.sha256(new byte[0]), 0), store.commitUpload(id, Digest.sha256(new byte[0])));
        assertEquals(0, store.stat(Digest.sha256(new byte[0])).orElseThrow().size());
    }

    @Test
    void idleSessionsExpireActiveOnesStay() throws Exception {
        String idle = store.createUpload("r");
        Thread.sleep(1200);
        String fresh = store.createUpload("r");
        store.appendUpload(fresh, 0, bytes("x"));
        // wide margins: a slow machine may pause between the lines above and the expiry below
        assertEquals(1, store.expireUploads(Duration.ofMillis(600)));
        assertThrows(UploadUnknownException.class, () -> store.uploadSize(idle));
        assertEquals(1, store.uploadSize(fresh));
    }

    @Test
    void concurrentAppendsAtOneOffsetLetExactlyOneWin() throws Exception {
        String id = store.createUpload("r");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> {
                    try {
                        store.appendUpload(id, 0, bytes("chunk"));
                        return true;
                    } catch (UploadOffsetException e) {
                        return false;
                    }
                }));
            }
            int wins = 0;
            for (Future<Boolean> f : results) {
                wins += f.get() ? 1 : 0;
            }
            assertEquals(1, wins);
            assertEquals(5, store.uploadSize(id));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void largeBlobsStreamThrough() throws Exception {
        byte[] big = new byte[3 * 1024 * 1024 + 17];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 7);
        }
        String id = store.createUpload("r");
        store.appendUpload(id, 0, new ByteArrayInputStream(big, 0, 1_000_000));
        store.appendUpload(id, 1_000_000, new ByteArrayInputStream(big, 1_000_000, big.length - 1_000_000));
        store.commitUpload(id, Digest.sha256(big));
        try (InputStream in = store.open(Digest.sha256(big), 0, -1)) {
            assertArrayEquals(big, in.readAllBytes());
        }
    }

    @Test
    void storeTimesAreKnownOnlyForStoredBlobs() {
        String id = store.createUpload("r");
        store.appendUpload(id, 0, bytes("timed"));
        assertEquals(Optional.empty(), store.storedAt(digestOf("timed")), "not before the commit");
        store.commitUpload(id, digestOf("timed"));
        store.storedAt(digestOf("timed")).ifPresent(t ->
                assertTrue(!t.isAfter(java.time.Instant.now().plusSeconds(60)), "not in the future: " + t));
        store.delete(digestOf("timed"));
        assertEquals(Optional.empty(), store.storedAt(digestOf("timed")));
    }
}
