package dev.berth.server.storage.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.model.Digest;
import dev.berth.server.EmbeddedRegistry;
import dev.berth.server.Storage;
import dev.berth.server.spi.BlobInfo;
import dev.berth.server.spi.MetadataStore;
import dev.berth.server.storage.memory.InMemoryMetadataStore;
import dev.berth.testsupport.S3ProxyServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The README's S3 snippet, run against S3Proxy: a registry whose blobs land in the bucket. */
class ReadmeStorageS3Test {
    @Test
    void theReadmeSnippetStoresPushedBlobsInTheBucket() throws Exception {
        try (S3ProxyServer s3 = S3ProxyServer.inMemory()) {
            s3.createBucket("registry-blobs");
            URI endpoint = s3.endpoint();
            S3Credentials credentials = S3Credentials.of(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY);
            MetadataStore metadata = new InMemoryMetadataStore(); // a JdbcMetadataStore behind several instances
            // snippet: storage-s3
            S3BlobStore blobs = new S3BlobStore(S3BlobStoreOptions.builder("registry-blobs").prefix("prod")
                    .endpoint(endpoint).region("us-east-1").pathStyle(true) // an S3-compatible endpoint; on AWS leave both out
                    .credentials(credentials)                               // left out: the AWS default chain
                    .encryption(ServerSideEncryption.s3Managed())           // or kms(keyId), or the bucket's default
                    .build());
            EmbeddedRegistry registry = EmbeddedRegistry.builder().storage(new Storage(blobs, metadata)).start();
            // end snippet
            try (registry) {
                byte[] content = "a layer in the bucket".getBytes(StandardCharsets.UTF_8);
                Digest digest = Digest.sha256(content);
                HttpResponse<Void> pushed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        registry.baseUri().resolve("/v2/team/app/blobs/uploads/?digest=" + digest))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(content)).build(), HttpResponse.BodyHandlers.discarding());
                assertEquals(201, pushed.statusCode());
                assertEquals(Optional.of(new BlobInfo(digest, content.length)), blobs.stat(digest));
            }
        }
    }
}
