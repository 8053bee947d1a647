package dev.berth.server.storage.s3;

import dev.berth.server.spi.BlobStore;
import dev.berth.server.spi.testkit.BlobStoreContract;
import dev.berth.testsupport.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The SPI's blob store contract, on S3Proxy: each test on a bucket of its own, under a prefix. */
class S3BlobStoreContractTest extends BlobStoreContract {
    private static S3ProxyServer s3;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = S3ProxyServer.inMemory();
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
    }

    @Override
    protected BlobStore newStore() {
        return new S3BlobStore(TestBuckets.newBucket(s3).prefix("registry").build());
    }
}
