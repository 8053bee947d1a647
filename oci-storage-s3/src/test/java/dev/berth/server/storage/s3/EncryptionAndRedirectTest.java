package dev.berth.server.storage.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.model.Digest;
import dev.berth.server.spi.BlobStore;
import dev.berth.testsupport.S3ProxyServer;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** Server-side encryption settings on the wire, and pre-signed pull URLs fetched with a plain HTTP GET. */
class EncryptionAndRedirectTest {
    private static final int MIB = 1024 * 1024;
    private static S3ProxyServer s3;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = S3ProxyServer.inMemory();
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
    }

    /** What the SDK sent: each request's operation and headers, as they left the client. */
    private static final class RecordedRequests implements ExecutionInterceptor {
        record Sent(String operation, Map<String, List<String>> headers) {
            String header(String name) {
                return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                        .map(e -> String.join(",", e.getValue())).findFirst().orElse(null);
            }
        }

        final List<Sent> sent = new CopyOnWriteArrayList<>();

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            sent.add(new Sent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), context.httpRequest().headers()));
        }

        List<Sent> of(String operation) {
            return sent.stream().filter(s -> s.operation().equals(operation)).toList();
        }
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    /** A small blob (one PUT), and one with a whole part (multipart upload, then a copy to its digest). */
    private static void pushTwoBlobs(BlobStore store) {
        for (byte[] blob : List.of(random(1000), random(9 * MIB))) {
            String id = store.createUpload("r");
            store.appendUpload(id, 0, new ByteArrayInputStream(blob));
            store.commitUpload(id, Digest.sha256(blob));
        }
    }

    @Test
    void sseKmsWithAKeyIdGoesOnEveryWriteButTheParts() {
        RecordedRequests recorded = new RecordedRequests();
        S3BlobStoreOptions options = TestBuckets.newBucket(s3)
                .encryption(ServerSideEncryption.kms("alias/berth-registry")).build();
        try (S3BlobStore store = new S3BlobStore(options, b -> b.overrideConfiguration(o -> o.addExecutionInterceptor(recorded)))) {
            pushTwoBlobs(store);
        }
        for (String writing : List.of("PutObject", "CreateMultipartUpload", "CopyObject")) {
            assertFalse(recorded.of(writing).isEmpty(), writing + " was sent");
            for (RecordedRequests.Sent s : recorded.of(writing)) {
                assertEquals("aws:kms", s.header("x-amz-server-side-encryption"), writing);
                assertEquals("alias/berth-registry", s.header("x-amz-server-side-encryption-aws-kms-key-id"), writing);
            }
        }
        for (RecordedRequests.Sent s : recorded.of("UploadPart")) {
            assertEquals(null, s.header("x-amz-server-side-encryption"), "S3 refuses SSE headers on a part: the upload's setting applies");
        }
    }

    @Test
    void sseS3IsAskedForAndS3ProxyReportsItBack() {
        RecordedRequests recorded = new RecordedRequests();
        S3BlobStoreOptions options = TestBuckets.newBucket(s3).encryption(ServerSideEncryption.s3Managed()).build();
        try (S3BlobStore store = new S3BlobStore(options, b -> b.overrideConfiguration(o -> o.addExecutionInterceptor(recorded)))) {
            pushTwoBlobs(store);
            for (RecordedRequests.Sent s : recorded.of("PutObject")) {
                assertEquals("AES256", s.header("x-amz-server-side-encryption"));
                assertEquals(null, s.header("x-amz-server-side-encryption-aws-kms-key-id"));
            }
            recorded.sent.clear();
            store.stat(Digest.sha256(random(9 * MIB)));
            // S3Proxy's in-memory backend keeps the setting and answers it on HEAD, as S3 does.
            assertEquals(List.of("HeadObject"), recorded.sent.stream().map(RecordedRequests.Sent::operation).toList());
        }
        try (software.amazon.awssdk.services.s3.S3Client raw = dev.berth.server.storage.s3.internal.S3Clients.client(options, b -> { })) {
            for (byte[] blob : List.of(random(1000), random(9 * MIB))) {
                String key = "blobs/sha256/" + Digest.sha256(blob).encoded().substring(0, 2) + "/" + Digest.sha256(blob).encoded();
                assertEquals(software.amazon.awssdk.services.s3.model.ServerSideEncryption.AES256,
                        raw.headObject(r -> r.bucket(options.bucket()).key(key)).serverSideEncryption(), key);
            }
        }
    }

    @Test
    void withoutASettingNoEncryptionHeaderIsSent() {
        RecordedRequests recorded = new RecordedRequests();
        try (S3BlobStore store = new S3BlobStore(TestBuckets.newBucket(s3).build(),
                b -> b.overrideConfiguration(o -> o.addExecutionInterceptor(recorded)))) {
            pushTwoBlobs(store);
        }
        assertFalse(recorded.sent.isEmpty());
        assertTrue(recorded.sent.stream().allMatch(s -> s.header("x-amz-server-side-encryption") == null));
    }

    @Test
    void aPreSignedUrlServesTheBlobToAPlainGetUntilItIsTamperedWith() throws Exception {
        byte[] blob = random(9 * MIB + 1);
        try (S3BlobStore store = new S3BlobStore(TestBuckets.newBucket(s3).prefix("reg").redirect(Duration.ofMinutes(10)).build())) {
            String id = store.createUpload("r");
            store.appendUpload(id, 0, new ByteArrayInputStream(blob));
            store.commitUpload(id, Digest.sha256(blob));

            URI url = store.redirectFor(Digest.sha256(blob)).orElseThrow();
            assertEquals(s3.endpoint().getAuthority(), url.getAuthority());
            assertTrue(url.getRawQuery().contains("X-Amz-Expires=600"), url.toString());
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<byte[]> got = http.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, got.statusCode());
            assertArrayEquals(blob, got.body());

            URI forged = URI.create(url.toString().replaceFirst("X-Amz-Signature=[0-9a-f]", "X-Amz-Signature=x"));
            assertEquals(403, http.send(HttpRequest.newBuilder(forged).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        }
    }

    @Test
    void withoutARedirectSettingThereIsNoUrl() {
        try (S3BlobStore store = new S3BlobStore(TestBuckets.newBucket(s3).build())) {
            assertEquals(Optional.empty(), store.redirectFor(Digest.sha256(new byte[0])));
        }
    }
}
