package dev.berth.server.auth;

import dev.berth.model.InvalidArgumentException;
import dev.berth.server.auth.internal.Pki;
import dev.berth.model.OciException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * A self-signed CA and a server certificate it issued, for serving a registry
 * over TLS. The server certificate names localhost, 127.0.0.1 and ::1 plus any
 * given names. Export the CA as PEM to hand it to Docker, containerd or Kind.
 *
 * <pre>{@code
 * TlsMaterial tls = TlsMaterial.generate(List.of("registry.local"));
 * tls.writePem(dir);                        // ca.pem, server.pem, server-key.pem
 * SSLContext server = tls.serverContext();  // for an HTTPS server
 * SSLContext client = tls.clientContext();  // trusts only this CA
 * }</pre>
 */
public final class TlsMaterial {
    private static final char[] STORE_PASSWORD = "berth".toCharArray();

    private final X509Certificate ca;
    private final X509Certificate server;
    private final PrivateKey serverKey;

    private TlsMaterial(X509Certificate ca, X509Certificate server, PrivateKey serverKey) {
        this.ca = ca;
        this.server = server;
        this.serverKey = serverKey;
    }

    /**
     * @param extraNames host names or IP addresses besides localhost, 127.0.0.1 and ::1
     * @return a new CA (valid ten years) and server certificate (valid one year)
     */
    public static TlsMaterial generate(List<String> extraNames) {
        InvalidArgumentException.requireNonNull(extraNames, "extraNames");
        KeyPair caKeys = Pki.ecKeyPair();
        X509Certificate ca = Pki.certificate("Berth local CA", caKeys, null, caKeys.getPrivate(), true, List.of(),
                Duration.ofDays(3650));
        Set<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
        names.addAll(extraNames);
        KeyPair serverKeys = Pki.ecKeyPair();
        X509Certificate server = Pki.certificate(names.iterator().next(), serverKeys, ca, caKeys.getPrivate(), false,
                new ArrayList<>(names), Duration.ofDays(365));
        return new TlsMaterial(ca, server, serverKeys.getPrivate());
    }

    /**
     * A TLS context for a server presenting a certificate the user already has, as web servers take it: a PEM
     * file with the certificate and its chain, and a PEM file with the private key (PKCS#8, or the
     * traditional RSA and EC forms).
     *
     * @param chainPem the server certificate first, then its intermediates
     * @param keyPem   the private key of the first certificate
     * @return the context
     * @throws OciException if a file cannot be read, holds no certificate or key, or the key
     *                                      does not belong to the certificate
     */
    public static SSLContext serverContext(Path chainPem, Path keyPem) {
        InvalidArgumentException.requireNonNull(chainPem, "chainPem");
        InvalidArgumentException.requireNonNull(keyPem, "keyPem");
        List<X509Certificate> chain = new ArrayList<>();
        try (InputStream in = Files.newInputStream(chainPem)) {
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                chain.add((X509Certificate) c);
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new OciException("cannot read certificates from " + chainPem + ": " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new OciException(chainPem + " holds no PEM certificate");
        }
        PrivateKey key = readKey(keyPem);
        if (!keyMatches(key, chain.get(0))) {
            throw new OciException("the key in " + keyPem + " does not belong to the certificate "
                    + chain.get(0).getSubjectX500Principal().getName() + " in " + chainPem);
        }
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("server", key, STORE_PASSWORD, chain.toArray(new Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, STORE_PASSWORD);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new OciException("cannot use " + chainPem + " and " + keyPem + " for TLS: " + e.getMessage(), e);
        }
    }

    private static PrivateKey readKey(Path keyPem) {
        try (PEMParser parser = new PEMParser(Files.newBufferedReader(keyPem))) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object o; (o = parser.readObject()) != null; ) {
                if (o instanceof PEMKeyPair pair) {
                    return converter.getPrivateKey(pair.getPrivateKeyInfo()); // the public half may be absent
                }
                if (o instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
            }
        } catch (IOException e) {
            throw new OciException("cannot read a private key from " + keyPem + ": " + e.getMessage(), e);
        }
        throw new OciException(keyPem + " holds no unencrypted PEM private key");
    }

    // Sign and verify a probe: works for RSA and EC alike, without comparing key internals.
    private static boolean keyMatches(PrivateKey key, X509Certificate certificate) {
        try {
            String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            byte[] probe = "berth key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** @return the CA certificate */
    public X509Certificate caCertificate() {
        return ca;
    }

    /** @return the server certificate */
    public X509Certificate serverCertificate() {
        return server;
    }

    /** @return the CA certificate as PEM */
    public String caPem() {
        return Pki.pem(ca);
    }

    /** @return the server certificate followed by the CA, as PEM */
    public String serverChainPem() {
        return Pki.pem(server, ca);
    }

    /** @return the server's private key as PEM; handle with care */
    public String serverKeyPem() {
        return Pki.pkcs8Pem(serverKey);
    }

    /**
     * Writes {@code ca.pem}, {@code server.pem} (chain) and {@code server-key.pem}
     * (readable by the owner only).
     *
     * @param dir the directory to write into; it must exist
     * @throws java.io.IOException if a file cannot be written
     * @throws InvalidArgumentException if {@code dir} is null
     */
    public void writePem(Path dir) throws IOException {
        InvalidArgumentException.requireNonNull(dir, "dir");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("ca.pem"), caPem());
        Files.writeString(dir.resolve("server.pem"), serverChainPem());
        Path key = dir.resolve("server-key.pem");
        Files.deleteIfExists(key);
        Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(key, serverKeyPem());
    }

    /** @return a key store with the server key and chain under alias {@code server} (password {@code berth}) */
    public KeyStore keyStore() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("server", serverKey, STORE_PASSWORD, new Certificate[] {server, ca});
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a key store: " + e.getMessage(), e);
        }
    }

    /** @return a TLS context for a server presenting this certificate */
    public SSLContext serverContext() {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore(), STORE_PASSWORD);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a server TLS context: " + e.getMessage(), e);
        }
    }

    /** @return a TLS context for a client that trusts this CA and nothing else */
    public SSLContext clientContext() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("berth-ca", ca);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a client TLS context: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "TLS material for " + server.getSubjectX500Principal().getName();
    }
}
