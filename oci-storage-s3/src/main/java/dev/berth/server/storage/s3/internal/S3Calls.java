package dev.berth.server.storage.s3.internal;

import dev.berth.server.spi.StorageException;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Runs S3 requests so that a failure is a {@link StorageException} naming the operation and key, never an SDK exception. */
public final class S3Calls {
    private S3Calls() {
    }

    /**
     * @param operation what the request does, such as {@code "GET"} or {@code "UploadPart"}
     * @param key       the object's key
     * @param call      the request
     * @param <T>       its answer's type
     * @return its answer
     * @throws StorageException if it failed
     */
    public static <T> T call(String operation, String key, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw failure(operation, key, e);
        }
    }

    /**
     * @param operation what the request did
     * @param key       the object's key
     * @param e         how it failed
     * @return the exception to throw
     */
    public static StorageException failure(String operation, String key, SdkException e) {
        if (e instanceof S3Exception s3) {
            String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
            String message = s3.awsErrorDetails() == null ? s3.getMessage() : s3.awsErrorDetails().errorMessage();
            return new StorageException("S3 " + operation + " of " + key + " failed: HTTP " + s3.statusCode()
                    + (code == null ? "" : " " + code) + (message == null ? "" : ": " + message), e);
        }
        return new StorageException("S3 " + operation + " of " + key + " failed: " + e.getMessage(), e);
    }

    /**
     * @param e an exception
     * @return whether it is S3's answer that the object, upload or part is not there
     */
    public static boolean isNotFound(Throwable e) {
        return e instanceof S3Exception s3 && s3.statusCode() == 404;
    }

    /**
     * @param e an exception
     * @return whether it is S3's answer that a conditional write lost to another write (412, or 409 while two race)
     */
    public static boolean isConflict(Throwable e) {
        return e instanceof S3Exception s3 && (s3.statusCode() == 412 || s3.statusCode() == 409);
    }

    /**
     * @param e an exception
     * @return whether it is S3's answer that a range starts past the object's end
     */
    public static boolean isRangeNotSatisfiable(Throwable e) {
        return e instanceof S3Exception s3 && s3.statusCode() == 416;
    }
}
