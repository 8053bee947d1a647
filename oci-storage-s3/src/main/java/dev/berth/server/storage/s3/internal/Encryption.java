package dev.berth.server.storage.s3.internal;

import dev.berth.server.storage.s3.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/** Puts the configured server-side encryption on every request that writes an object. */
public final class Encryption {
    private final software.amazon.awssdk.services.s3.model.ServerSideEncryption algorithm;
    private final String kmsKeyId;

    /** @param settings the store's setting */
    public Encryption(ServerSideEncryption settings) {
        if (settings instanceof ServerSideEncryption.Kms kms) {
            algorithm = software.amazon.awssdk.services.s3.model.ServerSideEncryption.AWS_KMS;
            kmsKeyId = kms.keyId().orElse(null);
        } else if (settings instanceof ServerSideEncryption.S3Managed) {
            algorithm = software.amazon.awssdk.services.s3.model.ServerSideEncryption.AES256;
            kmsKeyId = null;
        } else {
            algorithm = null;
            kmsKeyId = null;
        }
    }

    /**
     * @param b a PUT
     * @return it, with the encryption headers
     */
    public PutObjectRequest.Builder on(PutObjectRequest.Builder b) {
        return algorithm == null ? b : b.serverSideEncryption(algorithm).ssekmsKeyId(kmsKeyId);
    }

    /**
     * @param b a multipart upload's creation (its parts inherit the setting)
     * @return it, with the encryption headers
     */
    public CreateMultipartUploadRequest.Builder on(CreateMultipartUploadRequest.Builder b) {
        return algorithm == null ? b : b.serverSideEncryption(algorithm).ssekmsKeyId(kmsKeyId);
    }

    /**
     * @param b a copy (its target is encrypted as asked)
     * @return it, with the encryption headers
     */
    public CopyObjectRequest.Builder on(CopyObjectRequest.Builder b) {
        return algorithm == null ? b : b.serverSideEncryption(algorithm).ssekmsKeyId(kmsKeyId);
    }
}
