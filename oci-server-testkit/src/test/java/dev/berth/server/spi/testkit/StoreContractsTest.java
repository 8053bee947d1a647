package dev.berth.server.spi.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.model.Digest;
import dev.berth.server.spi.BlobStore;
import dev.berth.server.spi.BlobTouches;
import dev.berth.server.spi.MetadataStore;
import dev.berth.server.spi.testkit.BlobStoreContract;
import dev.berth.server.spi.testkit.MetadataStoreContract;
import dev.berth.server.storage.fs.FileBlobStore;
import dev.berth.server.storage.fs.FileMetadataStore;
import dev.berth.server.storage.memory.InMemoryBlobStore;
import dev.berth.server.storage.memory.InMemoryMetadataStore;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Berth's own stores pass the SPI test kit; the filesystem stores also keep everything across a reopen. */
class StoreContractsTest {

    @Nested
    class LocalTouches extends BlobTouchesContract {
        @Override
        protected BlobTouches newTouches() {
            return BlobTouches.local();
        }
    }

    @Nested
    class InMemoryBlobs extends BlobStoreContract {
        @Override
        protected BlobStore newStore() {
            return new InMemoryBlobStore();
        }
    }

    @Nested
    class FileBlobs extends BlobStoreContract {
        @TempDir
        Path dir;

        @Override
        protected BlobStore newStore() {
            return new FileBlobStore(dir);
        }

        @Test
        void sessionsAndBlobsSurviveAReopen() {
            String id = store.createUpload("r");
            store.appendUpload(id, 0, new ByteArrayInputStream("half".getBytes()));
            store.close();
            BlobStore reopened = new FileBlobStore(dir);
            assertEquals(4, reopened.uploadSize(id), "resume after restart");
            assertEquals("r", reopened.uploadRepository(id), "still in its repository");
            reopened.appendUpload(id, 4, new ByteArrayInputStream(" done".getBytes()));
            Digest d = Digest.sha256("half done".getBytes());
            reopened.commitUpload(id, d);
            assertEquals(9, new FileBlobStore(dir).stat(d).orElseThrow().size());
        }

        @Test
        void anExpiredSessionTakesItsPartialDataWithIt() throws Exception {
            MovableClock clock = new MovableClock();
            BlobStore timed = new FileBlobStore(dir.resolve("timed"), clock);
            String abandoned = timed.createUpload("r");
            timed.appendUpload(abandoned, 0, new ByteArrayInputStream(new byte[64 * 1024]));
            clock.now = clock.now.plus(java.time.Duration.ofHours(2));
            String active = timed.createUpload("r");
            assertEquals(1, timed.expireUploads(java.time.Duration.ofHours(1)));
            try (var left = Files.list(dir.resolve("timed/uploads"))) {
                assertEquals(List.of(active), left.map(p -> p.getFileName().toString()).toList(),
                        "the abandoned session's folder, its data included, is gone");
            }
            org.junit.jupiter.api.Assertions.assertThrows(dev.berth.server.spi.UploadUnknownException.class,
                    () -> timed.uploadSize(abandoned));
        }

        @Test
        void committingAStoredBlobAgainMakesItYoungAgain() {
            MovableClock clock = new MovableClock();
            BlobStore timed = new FileBlobStore(dir.resolve("timed"), clock);
            Digest d = Digest.sha256("again".getBytes());
            for (int i = 0; i < 2; i++) {
                String id = timed.createUpload("r");
                timed.appendUpload(id, 0, new ByteArrayInputStream("again".getBytes()));
                timed.commitUpload(id, d);
                assertEquals(Optional.of(clock.now), timed.storedAt(d));
                clock.now = clock.now.plus(java.time.Duration.ofHours(3));
            }
        }

        @Test
        void leftoverTemporaryFilesAreNotBlobs() throws Exception {
            Files.createDirectories(dir.resolve("blobs/sha256"));
            Files.writeString(dir.resolve("blobs/sha256/.tmp-crash"), "partial");
            List<Object> seen = new java.util.ArrayList<>();
            new FileBlobStore(dir).forEach(seen::add);
            assertEquals(List.of(), seen);
        }
    }

    /** A clock the test sets. */
    static final class MovableClock extends java.time.Clock {
        java.time.Instant now = java.time.Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public java.time.Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    /** A store that implements only what it must: the SPI's default methods (repository deletion) pass the kit too. */
    @Nested
    class DefaultMethods extends MetadataStoreContract {
        @Override
        protected MetadataStore newStore() {
            MetadataStore inner = new InMemoryMetadataStore();
            return (MetadataStore) java.lang.reflect.Proxy.newProxyInstance(MetadataStore.class.getClassLoader(),
                    new Class<?>[] {MetadataStore.class}, (proxy, method, args) -> {
                        if (method.isDefault()) {
                            return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args);
                        }
                        try {
                            return method.invoke(inner, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }

    @Nested
    class InMemoryMetadata extends MetadataStoreContract {
        @Override
        protected MetadataStore newStore() {
            return new InMemoryMetadataStore();
        }
    }

    @Nested
    class FileMetadata extends MetadataStoreContract {
        @TempDir
        Path dir;

        @Override
        protected MetadataStore newStore() {
            return new FileMetadataStore(dir);
        }

        @Test
        void everythingSurvivesAReopenAndHalfWrittenFilesAreIgnored() throws Exception {
            var m = manifest("kept");
            store.putManifest("r", m, List.of("t"));
            store.linkBlob("r", m.digest());
            // what a crash mid-write leaves: temporary files and a staging folder
            Files.writeString(dir.resolve("repositories/r/_tags/.t.tmp-1"), "sha256:garbage");
            Files.createDirectories(dir.resolve("repositories/r/_manifests/.staging-x"));
            store.close();
            MetadataStore reopened = new FileMetadataStore(dir);
            assertEquals(Optional.of(m), reopened.getManifest("r", m.digest()));
            assertEquals(Optional.of(m.digest()), reopened.resolveTag("r", "t"));
            assertEquals(List.of("t"), reopened.listTags("r").items());
            assertEquals(List.of("r"), reopened.listRepositories().items());
        }
    }
}
