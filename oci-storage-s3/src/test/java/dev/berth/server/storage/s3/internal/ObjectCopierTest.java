package dev.berth.server.storage.s3.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.server.spi.StorageException;
import dev.berth.server.storage.s3.S3BlobStoreOptions;
import dev.berth.server.storage.s3.S3Credentials;
import dev.berth.server.storage.s3.ServerSideEncryption;
import dev.berth.testsupport.S3ProxyServer;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Copies beyond one CopyObject's limit go part by part (the limit lowered from S3's 5 GiB to 6 MiB here). */
class ObjectCopierTest {
    private static final int MIB = 1024 * 1024;
    private static S3ProxyServer s3;
    private static S3Client raw;
    private static final String BUCKET = "copier";

    @BeforeAll
    static void start() throws Exception {
        s3 = S3ProxyServer.inMemory();
        s3.createBucket(BUCKET);
        raw = S3Clients.client(S3BlobStoreOptions.builder(BUCKET).endpoint(s3.endpoint()).region("us-east-1").pathStyle(true)
                .credentials(S3Credentials.of(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)).build(), b -> { });
    }

    @AfterAll
    static void stop() {
        raw.close();
        s3.close();
    }

    private static byte[] put(String key, int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        raw.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(bytes));
        return bytes;
    }

    private static byte[] get(String key) {
        return raw.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray();
    }

    @Test
    void anObjectBeyondTheSingleCopyLimitIsCopiedInRangedParts() {
        byte[] big = put("big", 11 * MIB + 3);
        ObjectCopier copier = new ObjectCopier(raw, BUCKET, new Encryption(ServerSideEncryption.bucketDefault()), 5 * MIB, 6 * MIB);
        copier.copy("big", "big-copy", big.length);
        assertArrayEquals(big, get("big-copy"));
        assertTrue(raw.headObject(b -> b.bucket(BUCKET).key("big-copy")).eTag().contains("-"), "a multipart object's ETag");
        assertEquals(0, raw.listMultipartUploads(b -> b.bucket(BUCKET)).uploads().size());
    }

    @Test
    void anObjectWithinTheLimitIsOneCopy() {
        byte[] small = put("small", MIB);
        new ObjectCopier(raw, BUCKET, new Encryption(ServerSideEncryption.bucketDefault()), 5 * MIB, 6 * MIB)
                .copy("small", "small-copy", small.length);
        assertArrayEquals(small, get("small-copy"));
    }

    @Test
    void aFailedPartCopyAbortsItsMultipartUpload() {
        ObjectCopier copier = new ObjectCopier(raw, BUCKET, new Encryption(ServerSideEncryption.bucketDefault()), 5 * MIB, 6 * MIB);
        StorageException e = assertThrows(StorageException.class, () -> copier.copy("missing", "target", 12 * MIB));
        assertTrue(e.getMessage().startsWith("S3 UploadPartCopy 1 (from missing) of target failed: HTTP 404"), e.getMessage());
        assertEquals(0, raw.listMultipartUploads(b -> b.bucket(BUCKET)).uploads().size());
    }
}
