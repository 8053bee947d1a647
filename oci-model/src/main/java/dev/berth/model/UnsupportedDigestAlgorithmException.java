package dev.berth.model;

/**
 * A digest names an algorithm Berth can parse but cannot compute, so content
 * cannot be verified against it. Berth refuses rather than trusting unverified bytes.
 */
public class UnsupportedDigestAlgorithmException extends OciException {
    /** The algorithm's name, as the digest spelled it. */
    private final String algorithm;

    /** @param algorithm the algorithm name from the digest */
    public UnsupportedDigestAlgorithmException(String algorithm) {
        super("digest algorithm \"" + algorithm + "\" cannot be computed here, so content cannot be verified against it"
                + " (supported: sha256, sha512)");
        this.algorithm = algorithm;
    }

    /** @return the algorithm that cannot be computed */
    public String algorithm() {
        return algorithm;
    }
}
