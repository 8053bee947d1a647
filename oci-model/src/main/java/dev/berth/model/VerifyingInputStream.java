package dev.berth.model;

import java.io.InputStream;

/**
 * An input stream that checks content against its descriptor while it flows:
 * a byte beyond the expected size fails at once with
 * {@link SizeMismatchException}; at end of stream a short content fails with
 * {@link SizeMismatchException} and a wrong one with
 * {@link DigestMismatchException}. Nothing is buffered.
 *
 * <pre>{@code
 * try (InputStream in = new VerifyingInputStream(raw, descriptor.digest(), descriptor.size())) {
 *     Files.copy(in, target); // throws before the copy completes if the bytes are wrong
 * }
 * }</pre>
 */
public class VerifyingInputStream extends DigestingInputStream {

    /**
     * @param in       the content
     * @param expected the digest it must have (its algorithm must be computable)
     * @param size     the size it must have, or -1 if unknown
     * @throws UnsupportedDigestAlgorithmException if the digest cannot be verified
     */
    public VerifyingInputStream(InputStream in, Digest expected, long size) {
        super(in, new ContentCheck(expected.computableAlgorithm(), expected, size < 0 ? ContentCheck.UNKNOWN_SIZE : size));
    }

    /**
     * @param in         the content
     * @param descriptor the digest and size it must have
     */
    public VerifyingInputStream(InputStream in, Descriptor descriptor) {
        this(in, descriptor.digest(), descriptor.size());
    }
}
