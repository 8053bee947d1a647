package dev.berth.server.auth;

import dev.berth.model.InvalidArgumentException;
import dev.berth.server.auth.internal.Pki;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The key a token issuer signs with and the certificate chain that vouches for
 * it. The chain travels in each token's {@code x5c} header, which both
 * distribution 2.8 and 3 verify against their {@code rootcertbundle}, whatever
 * key-id convention they use.
 *
 * @param algorithm  {@code ES256} or {@code RS256}
 * @param privateKey the signing key; never shown
 * @param chain      the certificate of the key first, then its issuers
 */
public record SigningKey(String algorithm, PrivateKey privateKey, List<X509Certificate> chain) {

    /**
     * Checks the algorithm against the key.
     *
     * @param algorithm {@code ES256} or {@code RS256}
     * @param privateKey the signing key; never shown
     * @param chain the certificate of the key first, then its issuers
     */
    public SigningKey {
        String expected = keyAlgorithm(algorithm);
        InvalidArgumentException.requireNonNull(privateKey, "privateKey");
        chain = List.copyOf(InvalidArgumentException.requireNonNull(chain, "chain"));
        if (chain.isEmpty()) {
            throw new InvalidArgumentException("chain", "must hold the key's certificate");
        }
        if (!privateKey.getAlgorithm().equals(expected)) {
            throw new InvalidArgumentException("privateKey", "must be an " + expected + " key for " + algorithm + ", not "
                    + privateKey.getAlgorithm());
        }
    }

    // EC for ES256, RSA for RS256
    private static String keyAlgorithm(String algorithm) {
        if ("ES256".equals(InvalidArgumentException.requireNonNull(algorithm, "algorithm"))) {
            return "EC";
        }
        if (algorithm.equals("RS256")) {
            return "RSA";
        }
        throw new InvalidArgumentException("algorithm", "must be ES256 or RS256, not \"" + algorithm + "\"");
    }

    /**
     * Generates a key and a self-signed certificate for it.
     *
     * @param algorithm  {@code ES256} or {@code RS256}
     * @param commonName the certificate's subject, e.g. {@code berth token issuer}
     * @param validity   how long the certificate is valid
     * @return the key, with its one-certificate chain
     */
    public static SigningKey generate(String algorithm, String commonName, Duration validity) {
        keyAlgorithm(algorithm);
        InvalidArgumentException.requireNonBlank(commonName, "commonName");
        InvalidArgumentException.requireNonNull(validity, "validity");
        KeyPair pair = algorithm.equals("RS256") ? Pki.rsaKeyPair() : Pki.ecKeyPair();
        X509Certificate cert = Pki.certificate(commonName, pair, null, pair.getPrivate(), false, List.of(), validity);
        return new SigningKey(algorithm, pair.getPrivate(), List.of(cert));
    }

    /** @return the public key tokens are verified with */
    public PublicKey publicKey() {
        return chain.get(0).getPublicKey();
    }

    /** @return the certificate(s) as PEM: what a registry's {@code rootcertbundle} should hold */
    public String certificatePem() {
        return Pki.pem(chain.toArray());
    }

    @Override
    public String toString() {
        return algorithm + " signing key for " + chain.get(0).getSubjectX500Principal().getName();
    }
}
