package dev.berth.model;

import java.nio.ByteBuffer;
import java.security.MessageDigest;

/**
 * Hashes and counts bytes as they flow and checks them against an expected
 * digest and size. Shared by the verifying stream and channel so the rules are
 * written once: surplus bytes fail at once, a short or wrong content at EOF.
 */
final class ContentCheck {
    static final long UNKNOWN_SIZE = -1;

    private final DigestAlgorithm algorithm;
    private final MessageDigest md;
    private final Digest expectedDigest; // null: compute only
    private final long expectedSize;      // UNKNOWN_SIZE: any size
    private long count;
    private Digest result;
    private RuntimeException failure;

    ContentCheck(DigestAlgorithm algorithm, Digest expectedDigest, long expectedSize) {
        this.algorithm = algorithm;
        this.md = algorithm.newMessageDigest();
        this.expectedDigest = expectedDigest;
        this.expectedSize = expectedSize;
    }

    void update(byte[] b, int off, int len) {
        failIfFailed();
        md.update(b, off, len);
        added(len);
    }

    void update(ByteBuffer consumed) {
        failIfFailed();
        int len = consumed.remaining();
        md.update(consumed);
        added(len);
    }

    private void added(int len) {
        count += len;
        if (expectedSize != UNKNOWN_SIZE && count > expectedSize) {
            failure = new SizeMismatchException(expectedSize, count);
            throw failure;
        }
    }

    /** Called at end of content: finishes the hash and verifies (once). */
    void end() {
        failIfFailed();
        if (result != null) {
            return;
        }
        result = Digest.fromHash(algorithm, md.digest());
        if (expectedSize != UNKNOWN_SIZE && count != expectedSize) {
            failure = new SizeMismatchException(expectedSize, count);
        } else if (expectedDigest != null && !expectedDigest.equals(result)) {
            failure = new DigestMismatchException(expectedDigest, result);
        }
        failIfFailed();
    }

    private void failIfFailed() {
        if (failure != null) {
            throw failure;
        }
    }

    long count() {
        return count;
    }

    Digest result() {
        if (result == null) {
            throw new IllegalStateException("the content has not been read to its end yet");
        }
        return result;
    }
}
