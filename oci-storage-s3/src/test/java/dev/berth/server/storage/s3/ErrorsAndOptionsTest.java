package dev.berth.server.storage.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.model.Digest;
import dev.berth.server.spi.StorageException;
import dev.berth.testsupport.S3ProxyServer;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkException;

/** S3's failures as the SPI's typed errors, and options refused with the setting named. */
class ErrorsAndOptionsTest {

    @Test
    void aMissingBucketIsRefusedWhenTheStoreIsMade() throws Exception {
        try (S3ProxyServer s3 = S3ProxyServer.inMemory()) {
            StorageException e = assertThrows(StorageException.class,
                    () -> new S3BlobStore(TestBuckets.on(s3, "no-such-bucket").build()));
            assertTrue(e.getMessage().contains("bucket no-such-bucket"), e.getMessage());
            assertTrue(e.getMessage().contains("404"), e.getMessage());
        }
    }

    @Test
    void wrongCredentialsAreAStorageErrorNamingTheBucket() throws Exception {
        try (S3ProxyServer s3 = S3ProxyServer.inMemory()) {
            S3BlobStoreOptions options = TestBuckets.newBucket(s3).credentials(S3Credentials.of(S3ProxyServer.ACCESS_KEY, "wrong")).build();
            StorageException e = assertThrows(StorageException.class, () -> new S3BlobStore(options));
            assertTrue(e.getMessage().contains("bucket " + options.bucket()) && e.getMessage().contains("403"), e.getMessage());
        }
    }

    @Test
    void anUnreachableS3IsAStorageErrorNamingTheOperationAndKey() throws Exception {
        S3BlobStore store;
        S3BlobStoreOptions options;
        try (S3ProxyServer s3 = S3ProxyServer.inMemory()) {
            options = TestBuckets.newBucket(s3).prefix("p").build();
            store = new S3BlobStore(options);
        }
        try (store) {
            Digest d = Digest.sha256(new byte[] {1});
            StorageException stat = assertThrows(StorageException.class, () -> store.stat(d));
            assertEquals("S3 HEAD of p/blobs/sha256/" + d.encoded().substring(0, 2) + "/" + d.encoded() + " failed",
                    stat.getMessage().substring(0, stat.getMessage().indexOf(" failed") + " failed".length()));
            assertTrue(stat.getCause() instanceof SdkException, "the SDK's exception is the cause, never thrown itself");
            StorageException create = assertThrows(StorageException.class, () -> store.createUpload("r"));
            assertTrue(create.getMessage().startsWith("S3 PUT of p/uploads/"), create.getMessage());
            assertThrows(StorageException.class, () -> store.forEach(b -> { }));
            assertThrows(StorageException.class, () -> store.open(d, 0, -1));
            assertThrows(StorageException.class, () -> store.appendUpload("00000000-0000-4000-8000-000000000000", 0,
                    new ByteArrayInputStream(new byte[1])));
        }
    }

    @Test
    void theDefaultCredentialChainIsUsedUnlessKeysAreGiven() throws Exception {
        // The chain's first source, the aws.* system properties, stands in here for the environment variables
        // (which a test cannot set in its own JVM); neither instance metadata nor anything off loopback is asked.
        try (S3ProxyServer s3 = S3ProxyServer.inMemory()) {
            System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS_KEY);
            System.setProperty("aws.secretAccessKey", S3ProxyServer.SECRET_KEY);
            try (S3BlobStore store = new S3BlobStore(TestBuckets.newBucket(s3).credentials(S3Credentials.defaultChain()).build())) {
                assertEquals(Optional.empty(), store.stat(Digest.sha256(new byte[0])));
            } finally {
                System.clearProperty("aws.accessKeyId");
                System.clearProperty("aws.secretAccessKey");
            }
        }
    }

    @Test
    void badOptionsAreRefusedWithTheSettingNamed() {
        IllegalArgumentException bucket = assertThrows(IllegalArgumentException.class, () -> S3BlobStoreOptions.builder("My_Bucket").build());
        assertTrue(bucket.getMessage().contains("My_Bucket"), bucket.getMessage());
        IllegalArgumentException part = assertThrows(IllegalArgumentException.class,
                () -> S3BlobStoreOptions.builder("b1b").partSize(1024 * 1024).build());
        assertTrue(part.getMessage().contains("partSize"), part.getMessage());
        IllegalArgumentException prefix = assertThrows(IllegalArgumentException.class,
                () -> S3BlobStoreOptions.builder("b1b").prefix("/abs").build());
        assertTrue(prefix.getMessage().contains("prefix"), prefix.getMessage());
        IllegalArgumentException endpoint = assertThrows(IllegalArgumentException.class,
                () -> S3BlobStoreOptions.builder("b1b").endpoint(URI.create("ftp://h")).build());
        assertTrue(endpoint.getMessage().contains("endpoint"), endpoint.getMessage());
        assertThrows(IllegalArgumentException.class, () -> S3BlobStoreOptions.builder("b1b").redirect(java.time.Duration.ofDays(8)).build());
        assertEquals("registry/", S3BlobStoreOptions.builder("b1b").prefix("registry").build().prefix());
    }

    @Test
    void staticCredentialsNeverShowTheirSecret() {
        String shown = S3Credentials.of("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG").toString();
        assertTrue(shown.contains("AKIDEXAMPLE"), shown);
        assertFalse(shown.contains("wJalr"), shown);
        assertFalse(S3BlobStoreOptions.builder("b1b").credentials(S3Credentials.of("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG"))
                .build().toString().contains("wJalr"));
    }
}
