package dev.berth.server.storage.s3;

import dev.berth.testsupport.S3ProxyServer;
import java.util.concurrent.atomic.AtomicInteger;

/** A fresh bucket on the tests' S3Proxy for each store, and options pointing at it. */
final class TestBuckets {
    private static final AtomicInteger NEXT = new AtomicInteger();

    private TestBuckets() {
    }

    /** Creates a new bucket and returns options for a store on it. */
    static S3BlobStoreOptions.Builder newBucket(S3ProxyServer s3) {
        String bucket = "berth-" + NEXT.incrementAndGet();
        s3.createBucket(bucket);
        return on(s3, bucket);
    }

    /** Options for a store on an existing bucket. */
    static S3BlobStoreOptions.Builder on(S3ProxyServer s3, String bucket) {
        return S3BlobStoreOptions.builder(bucket)
                .endpoint(s3.endpoint())
                .region("us-east-1")
                .pathStyle(true)
                .credentials(S3Credentials.of(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY));
    }
}
