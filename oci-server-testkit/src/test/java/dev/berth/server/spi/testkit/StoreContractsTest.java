package dev.berth.server.spi.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.model.Digest;
import dev.berth.server.spi.BlobStore;
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
        void leftoverTemporaryFilesAreNotBlobs() throws Exception {
            Files.createDirectories(dir.resolve("blobs/sha256"));
            Files.writeString(dir.resolve("blobs/sha256/.tmp-crash"), "partial");
            List<Object> seen = new java.util.ArrayList<>();
            new FileBlobStore(dir).forEach(seen::add);
            assertEquals(List.of(), seen);
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
            var m = manifest("kept", null);
            store.putManifest("r", m, List.of("t"));
            store.linkBlob("r", m.digest());
            // what a crash mid-write leaves: temporary files and a staging folder
            Files.writeString(dir.resolve("repositories/r/_tags/.t.tmp-1"), "sha256:garbage");
            Files.createDirectories(dir.resolve("repositories/r/_manifests/.staging-x"));
            store.close();
            MetadataStore reopened = new FileMetadataStore(dir);
            assertEquals(Optional.of(m), reopened.getManifest("r", m.digest()));
            assertEquals(Optional.of(m.digest()), reopened.resolveTag("r", "t"));
            assertEquals(List.of("t"), reopened.listTags("r", null, -1).items());
            assertEquals(List.of("r"), reopened.listRepositories(null, -1).items());
        }
    }
}
