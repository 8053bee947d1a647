package dev.berth.auth.server;

import dev.berth.auth.internal.Pki;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

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
        return Pki.pem(serverKey);
    }

    /**
     * Writes {@code ca.pem}, {@code server.pem} (chain) and {@code server-key.pem}
     * (readable by the owner only).
     */
    public void writePem(Path dir) throws IOException {
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
