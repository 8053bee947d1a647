package dev.berth.server.auth;

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
        Objects.requireNonNull(privateKey, "privateKey");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a signing key needs its certificate");
        }
        String expected = algorithm.equals("ES256") ? "EC" : algorithm.equals("RS256") ? "RSA" : null;
        if (expected == null) {
            throw new IllegalArgumentException("token signing algorithm must be ES256 or RS256, not " + algorithm);
        }
        if (!privateKey.getAlgorithm().equals(expected)) {
            throw new IllegalArgumentException(algorithm + " needs an " + expected + " key, not " + privateKey.getAlgorithm());
        }
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
