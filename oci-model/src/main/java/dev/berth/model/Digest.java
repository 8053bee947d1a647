package dev.berth.model;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A content digest, {@code algorithm:encoded}, as defined by the OCI image
 * specification. Registered algorithms are validated strictly (sha256 needs 64
 * lowercase hex characters); unregistered ones are accepted if they follow the
 * grammar, but {@link #verify(byte[])} refuses them because their content
 * cannot be checked.
 *
 * <pre>{@code
 * Digest d = Digest.parse("sha256:6c3c624b58dbbcd3c0dd82b4c53f04194d1247c6eebdaab7c610cf7d66709b3b");
 * Digest computed = Digest.sha256(bytes);
 * d.verify(bytes); // throws DigestMismatchException if they differ
 * }</pre>
 */
public final class Digest implements Comparable<Digest> {

    private static final Pattern ALGORITHM = Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*");
    private static final Pattern ENCODED = Pattern.compile("[a-zA-Z0-9=_-]+");
    private static final HexFormat HEX = HexFormat.of();

    private final String algorithm;
    private final String encoded;
    // Made once: registries print a digest in every header, log line and event.
    private final String text;

    private Digest(String algorithm, String encoded) {
        this.algorithm = algorithm;
        this.encoded = encoded;
        this.text = algorithm + ":" + encoded;
    }

    /**
     * Parses {@code algorithm:encoded}.
     *
     * @param text the digest string
     * @return the digest
     * @throws InvalidDigestException naming what is wrong
     */
    public static Digest parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidDigestException(String.valueOf(text), "empty");
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new InvalidDigestException(text, "missing ':' between algorithm and encoded value");
        }
        return of(text, text.substring(0, colon), text.substring(colon + 1));
    }

    /**
     * Builds a digest from its two parts.
     *
     * @param algorithm e.g. {@code sha256}
     * @param encoded   e.g. 64 lowercase hex characters
     * @return the digest
     * @throws InvalidDigestException naming what is wrong
     */
    public static Digest of(String algorithm, String encoded) {
        return of(algorithm + ":" + encoded, algorithm, encoded);
    }

    private static Digest of(String text, String algorithm, String encoded) {
        if (!ALGORITHM.matcher(algorithm).matches()) {
            throw new InvalidDigestException(text, "algorithm \"" + algorithm
                    + "\" must be lowercase letters and digits, optionally separated by one of + . _ -");
        }
        if (!ENCODED.matcher(encoded).matches()) {
            throw new InvalidDigestException(text, "encoded value must be non-empty and use only [a-zA-Z0-9=_-]");
        }
        Optional<DigestAlgorithm> registered = DigestAlgorithm.registered(algorithm);
        if (registered.isPresent()) {
            registered.get().checkEncoded(encoded).ifPresent(reason -> {
                throw new InvalidDigestException(text, reason);
            });
        }
        return new Digest(algorithm, encoded);
    }

    /**
     * Parses a digest if the text is one, for callers that only need to know.
     *
     * @param text any text
     * @return the digest, or empty if the text is not a valid digest
     */
    public static Optional<Digest> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (InvalidDigestException e) {
            return Optional.empty();
        }
    }

    /**
     * @param content the bytes to hash
     * @return the sha256 digest of {@code content}
     */
    public static Digest sha256(byte[] content) {
        return compute(DigestAlgorithm.SHA256, content);
    }

    /**
     * @param content the bytes to hash
     * @return the sha512 digest of {@code content}
     */
    public static Digest sha512(byte[] content) {
        return compute(DigestAlgorithm.SHA512, content);
    }

    /**
     * @param algorithm a computable algorithm
     * @param content   the bytes to hash
     * @return their digest
     */
    public static Digest compute(DigestAlgorithm algorithm, byte[] content) {
        return fromHash(algorithm, algorithm.newMessageDigest().digest(content));
    }

    /**
     * Hashes a stream to its end without buffering it. The stream is not closed.
     *
     * @param algorithm a computable algorithm
     * @param in        the content
     * @return its digest
     * @throws ContentIOException if reading fails
     */
    public static Digest compute(DigestAlgorithm algorithm, InputStream in) {
        MessageDigest md = algorithm.newMessageDigest();
        byte[] buffer = new byte[64 * 1024];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                md.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new ContentIOException("cannot read the content to hash", e);
        }
        return fromHash(algorithm, md.digest());
    }

    /** Wraps a finished hash; used by the digesting streams. */
    static Digest fromHash(DigestAlgorithm algorithm, byte[] hash) {
        return new Digest(algorithm.name(), HEX.formatHex(hash));
    }

    /** @return the algorithm name, e.g. {@code sha256} */
    public String algorithm() {
        return algorithm;
    }

    /** @return the encoded value after the colon (lowercase hex for registered algorithms) */
    public String encoded() {
        return encoded;
    }

    /** @return whether Berth can compute this digest's algorithm and so verify content against it */
    public boolean isVerifiable() {
        return DigestAlgorithm.registered(algorithm).map(DigestAlgorithm::isComputable).orElse(false);
    }

    /**
     * @return the algorithm, for computing
     * @throws UnsupportedDigestAlgorithmException if it cannot be computed here
     */
    public DigestAlgorithm computableAlgorithm() {
        return DigestAlgorithm.computable(algorithm);
    }

    /**
     * @param content bytes to check
     * @return whether the bytes hash to this digest
     * @throws UnsupportedDigestAlgorithmException if the algorithm cannot be computed
     */
    public boolean matches(byte[] content) {
        return compute(computableAlgorithm(), content).equals(this);
    }

    /**
     * @param content bytes to check
     * @throws DigestMismatchException if the bytes hash to another digest
     * @throws UnsupportedDigestAlgorithmException if the algorithm cannot be computed
     */
    public void verify(byte[] content) {
        Digest actual = compute(computableAlgorithm(), content);
        if (!actual.equals(this)) {
            throw new DigestMismatchException(this, actual);
        }
    }

    /** @return a short form for humans, e.g. {@code sha256:6c3c624b58db} */
    public String shortForm() {
        return algorithm + ":" + encoded.substring(0, Math.min(12, encoded.length()));
    }

    @Override
    public int compareTo(Digest o) {
        return text.compareTo(o.text);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Digest && ((Digest) o).text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** @return the canonical {@code algorithm:encoded} form */
    @Override
    public String toString() {
        return text;
    }
}
