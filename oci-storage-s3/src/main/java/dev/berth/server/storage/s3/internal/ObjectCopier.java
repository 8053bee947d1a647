package dev.berth.server.storage.s3.internal;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;

/**
 * Copies an object inside the bucket without its bytes passing through this process: one CopyObject up to S3's
 * limit for it (5 GiB), a multipart copy (UploadPartCopy of ranges) beyond.
 */
public final class ObjectCopier {
    /** The largest object one CopyObject copies. */
    public static final long SINGLE_COPY_LIMIT = 5L * 1024 * 1024 * 1024;
    private static final int MAX_PARTS = 10_000;

    private final S3Client s3;
    private final String bucket;
    private final Encryption encryption;
    private final long singleCopyLimit;
    private final long minPartSize;

    /**
     * @param s3          the client
     * @param bucket      the bucket
     * @param encryption  the encryption asked for on the copy
     * @param minPartSize the smallest copy part (the store's part size)
     */
    public ObjectCopier(S3Client s3, String bucket, Encryption encryption, long minPartSize) {
        this(s3, bucket, encryption, minPartSize, SINGLE_COPY_LIMIT);
    }

    /**
     * @param s3              the client
     * @param bucket          the bucket
     * @param encryption      the encryption asked for on the copy
     * @param minPartSize     the smallest copy part
     * @param singleCopyLimit the largest object copied in one request (S3's limit; lower in tests)
     */
    public ObjectCopier(S3Client s3, String bucket, Encryption encryption, long minPartSize, long singleCopyLimit) {
        this.s3 = s3;
        this.bucket = bucket;
        this.encryption = encryption;
        this.minPartSize = minPartSize;
        this.singleCopyLimit = singleCopyLimit;
    }

    /**
     * @param source the object to copy
     * @param target where the copy goes (replaced if it exists)
     * @param size   the source's size
     */
    public void copy(String source, String target, long size) {
        if (size <= singleCopyLimit) {
            CopyObjectRequest.Builder b = CopyObjectRequest.builder().sourceBucket(bucket).sourceKey(source)
                    .destinationBucket(bucket).destinationKey(target);
            encryption.on(b);
            S3Calls.call("CopyObject (from " + source + ")", target, () -> s3.copyObject(b.build()));
            return;
        }
        CreateMultipartUploadRequest.Builder create = CreateMultipartUploadRequest.builder().bucket(bucket).key(target)
                .contentType("application/octet-stream");
        encryption.on(create);
        String upload = S3Calls.call("CreateMultipartUpload", target, () -> s3.createMultipartUpload(create.build())).uploadId();
        try {
            long partSize = Math.max(minPartSize, Math.min(singleCopyLimit, (size + MAX_PARTS - 1) / MAX_PARTS));
            List<CompletedPart> parts = new ArrayList<>();
            int number = 1;
            for (long start = 0; start < size; start += partSize, number++) {
                long end = Math.min(size, start + partSize) - 1;
                int n = number;
                String range = "bytes=" + start + "-" + end;
                String etag = S3Calls.call("UploadPartCopy " + n + " (from " + source + ")", target, () -> s3.uploadPartCopy(p -> p
                        .sourceBucket(bucket).sourceKey(source).destinationBucket(bucket).destinationKey(target)
                        .uploadId(upload).partNumber(n).copySourceRange(range))).copyPartResult().eTag();
                parts.add(CompletedPart.builder().partNumber(n).eTag(etag).build());
            }
            S3Calls.call("CompleteMultipartUpload", target, () -> s3.completeMultipartUpload(b -> b.bucket(bucket).key(target)
                    .uploadId(upload).multipartUpload(m -> m.parts(parts))));
        } catch (RuntimeException e) {
            try {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(target).uploadId(upload));
            } catch (SdkException abort) {
                e.addSuppressed(abort);
            }
            throw e;
        }
    }
}
