package dev.berth.model;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A digest algorithm as named in a digest string. The algorithms registered by
 * the OCI image specification have fixed encodings and are validated strictly;
 * {@link #SHA256} and {@link #SHA512} can also be computed. Other names are
 * accepted by the grammar but can be neither validated beyond it nor computed.
 */
public final class DigestAlgorithm {

    /** SHA-256, the default and by far the most common algorithm. */
    public static final DigestAlgorithm SHA256 = new DigestAlgorithm("sha256", "SHA-256", 64);
    /** SHA-512, registered and computable. */
    public static final DigestAlgorithm SHA512 = new DigestAlgorithm("sha512", "SHA-512", 128);
    /** BLAKE3, registered by image-spec 1.1 but not computable with the JDK alone. */
    public static final DigestAlgorithm BLAKE3 = new DigestAlgorithm("blake3", null, 64);

    private static final Pattern LOWER_HEX = Pattern.compile("[a-f0-9]+");

    private final String name;
    private final String jdkName;
    private final int hexLength;

    private DigestAlgorithm(String name, String jdkName, int hexLength) {
        this.name = name;
        this.jdkName = jdkName;
        this.hexLength = hexLength;
    }

    /**
     * Looks up a registered algorithm by its name in a digest string.
     *
     * @param name e.g. {@code sha256}
     * @return the algorithm, or empty if it is not one the OCI specification registers
     */
    public static Optional<DigestAlgorithm> registered(String name) {
        switch (name) {
            case "sha256": return Optional.of(SHA256);
            case "sha512": return Optional.of(SHA512);
            case "blake3": return Optional.of(BLAKE3);
            default: return Optional.empty();
        }
    }

    /**
     * Looks up an algorithm this JVM can compute, by the name used in digests.
     *
     * @param name e.g. {@code sha512}
     * @return the algorithm
     * @throws UnsupportedDigestAlgorithmException if it cannot be computed here
     */
    public static DigestAlgorithm computable(String name) {
        return registered(name).filter(DigestAlgorithm::isComputable)
                .orElseThrow(() -> new UnsupportedDigestAlgorithmException(name));
    }

    /** @return the name used in digest strings, e.g. {@code sha256} */
    public String name() {
        return name;
    }

    /** @return the length of the lowercase hex encoding this algorithm requires */
    public int hexLength() {
        return hexLength;
    }

    /** @return whether Berth can compute this algorithm and so verify content against it */
    public boolean isComputable() {
        return jdkName != null;
    }

    /**
     * @return a fresh message digest for this algorithm
     * @throws UnsupportedDigestAlgorithmException if it cannot be computed here
     */
    public MessageDigest newMessageDigest() {
        if (jdkName == null) {
            throw new UnsupportedDigestAlgorithmException(name);
        }
        try {
            return MessageDigest.getInstance(jdkName);
        } catch (NoSuchAlgorithmException e) {
            // Every Java SE platform must provide SHA-256 and SHA-512.
            throw new IllegalStateException("JDK lacks " + jdkName, e);
        }
    }

    /**
     * Checks an encoded value against this algorithm's rules.
     *
     * @return a reason why it is invalid, or empty if it is valid
     */
    Optional<String> checkEncoded(String encoded) {
        if (encoded.length() != hexLength) {
            return Optional.of(name + " requires " + hexLength + " hex characters, found " + encoded.length());
        }
        if (!LOWER_HEX.matcher(encoded).matches()) {
            boolean upper = LOWER_HEX.matcher(encoded.toLowerCase(Locale.ROOT)).matches();
            return Optional.of(upper ? name + " requires lowercase hex" : name + " requires hex characters [a-f0-9]");
        }
        return Optional.empty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DigestAlgorithm && ((DigestAlgorithm) o).name.equals(name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
