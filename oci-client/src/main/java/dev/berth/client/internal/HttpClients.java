package dev.berth.client.internal;

import dev.berth.auth.internal.UnverifiedTls;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProxySelector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** Builds the JDK HTTP clients registries are spoken to with. */
public final class HttpClients {
    private HttpClients() {
    }

    /**
     * @param verifyTls      false only for a registry the user named as insecure
     * @param caCertificates PEM files whose certificates are trusted besides the JDK's
     * @param proxy          the proxy selector, or null for the system default
     * @param connectTimeout the longest wait for a connection
     * @param executor       runs the client's asynchronous work, or null for the JDK's own pool
     * @return a client that follows no redirects (the transport does, dropping Authorization across hosts)
     */
    public static java.net.http.HttpClient build(boolean verifyTls, List<Path> caCertificates, ProxySelector proxy,
                                                 Duration connectTimeout, Executor executor) {
        // The CA files are read now, so that a bad one fails the build; the JDK's own trust store only when needed.
        List<Certificate> extra = verifyTls ? certificates(caCertificates) : List.of();
        java.net.http.HttpClient.Builder b = java.net.http.HttpClient.newBuilder()
                .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .sslContext(new LazyTlsContext(() -> verifyTls ? trusting(extra, caCertificates) : UnverifiedTls.context()));
        if (proxy != null) {
            b.proxy(proxy);
        }
        if (executor != null) {
            b.executor(executor);
        }
        return b.build();
    }

    private static List<Certificate> certificates(List<Path> pemFiles) {
        if (pemFiles.isEmpty()) {
            return List.of();
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<Certificate> all = new ArrayList<>();
            for (Path pem : pemFiles) {
                try (InputStream in = Files.newInputStream(pem)) {
                    all.addAll(factory.generateCertificates(in));
                }
            }
            return all;
        } catch (IOException | GeneralSecurityException e) {
            throw cannotLoad(pemFiles, e);
        }
    }

    private static SSLContext trusting(List<Certificate> extra, List<Path> from) {
        try {
            if (extra.isEmpty()) {
                return SSLContext.getDefault();
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            jdk.init((KeyStore) null);
            int n = 0;
            for (TrustManager tm : jdk.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    for (X509Certificate c : x.getAcceptedIssuers()) {
                        store.setCertificateEntry("jdk-" + n++, c);
                    }
                }
            }
            for (Certificate c : extra) {
                store.setCertificateEntry("extra-" + n++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw cannotLoad(from, e);
        }
    }

    private static IllegalArgumentException cannotLoad(List<Path> pemFiles, Exception e) {
        return new IllegalArgumentException("cannot load CA certificates " + pemFiles + ": " + e.getMessage(), e);
    }
}
