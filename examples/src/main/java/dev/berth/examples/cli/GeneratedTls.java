package dev.berth.examples.cli;

import dev.berth.model.OciException;
import dev.berth.server.auth.TlsMaterial;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * {@code --tls auto}: a CA and a server certificate it issued, written as PEM into a directory ({@code ca.pem},
 * {@code server.pem}, {@code server-key.pem}), and the server's TLS context over them. {@code berth serve} makes
 * new ones on every start; {@code berth dev-registry} keeps the ones it made, so clients that trust its CA keep
 * trusting it after a restart.
 *
 * @param server the TLS context presenting the server certificate
 * @param caPem  the CA clients must trust, absolute
 * @param note   why new material was made in place of the one found, for the user; empty when none was made or
 *               none was there before
 */
record GeneratedTls(SSLContext server, Path caPem, Optional<String> note) {
    // Made again this long before the server certificate (valid a year) expires, so clients never meet an expired one.
    private static final Duration RENEW_BEFORE = Duration.ofDays(7);

    /**
     * @param dir where the PEM files go (created if missing)
     * @return a new CA and server certificate for localhost, 127.0.0.1 and ::1
     * @throws OciException if the files cannot be written
     */
    static GeneratedTls fresh(Path dir) {
        return write(dir, List.of(), Optional.empty());
    }

    /**
     * The material already in {@code dir} if its server certificate names {@code host} and is not about to
     * expire, else new material (a new CA: clients must trust it again, which the note says).
     *
     * @param dir  where the PEM files are, or go
     * @param host the name or address clients reach the server by
     * @return the material in use
     * @throws OciException if the files cannot be read or written
     */
    static GeneratedTls reused(Path dir, String host) {
        Path chain = dir.resolve("server.pem");
        Path key = dir.resolve("server-key.pem");
        Path ca = dir.resolve("ca.pem");
        List<String> extraNames = isDefaultName(host) ? List.of() : List.of(host);
        if (!Files.exists(chain) || !Files.exists(key) || !Files.exists(ca)) {
            return write(dir, extraNames, Optional.empty());
        }
        X509Certificate server = firstCertificate(chain);
        if (server.getNotAfter().toInstant().isBefore(Instant.now().plus(RENEW_BEFORE))) {
            return write(dir, extraNames, Optional.of("the server certificate in " + chain + " expires "
                    + server.getNotAfter().toInstant() + ": made a new CA and certificate; clients must trust the new " + ca));
        }
        if (!isDefaultName(host) && names(server).stream().noneMatch(name -> sameHost(name, host))) {
            return write(dir, extraNames, Optional.of("the server certificate in " + chain + " does not name " + host
                    + ": made a new CA and certificate naming it; clients must trust the new " + ca));
        }
        return new GeneratedTls(TlsMaterial.serverContext(chain, key), ca.toAbsolutePath(), Optional.empty());
    }

    private static boolean isDefaultName(String host) {
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("::1");
    }

    // A certificate spells an IPv6 address in full (0:0:0:0:0:0:0:1): addresses are compared as addresses.
    private static boolean sameHost(String name, String host) {
        if (name.equalsIgnoreCase(host)) {
            return true;
        }
        if (!isIpLiteral(name) || !isIpLiteral(host)) {
            return false;
        }
        try {
            return java.net.InetAddress.getByName(name).equals(java.net.InetAddress.getByName(host));
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    // Literals only, so that getByName never asks DNS.
    private static boolean isIpLiteral(String text) {
        return text.contains(":") || text.matches("[0-9.]+");
    }

    private static GeneratedTls write(Path dir, List<String> extraNames, Optional<String> note) {
        TlsMaterial material = TlsMaterial.generate(extraNames);
        try {
            material.writePem(dir);
        } catch (IOException e) {
            throw new OciException("cannot write the TLS material into " + dir + ": " + e.getMessage(), e);
        }
        return new GeneratedTls(material.serverContext(), dir.resolve("ca.pem").toAbsolutePath(), note);
    }

    private static X509Certificate firstCertificate(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends java.security.cert.Certificate> all = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (all.isEmpty()) {
                throw new OciException(pem + " holds no PEM certificate: remove the directory " + pem.getParent()
                        + " to have a new CA and certificate made");
            }
            return (X509Certificate) all.iterator().next();
        } catch (IOException | CertificateException e) {
            throw new OciException("cannot read the server certificate " + pem + ": " + e.getMessage(), e);
        }
    }

    // The DNS names and IP addresses of the subject alternative names (types 2 and 7).
    private static List<String> names(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> name : alternatives) {
                    Object type = name.get(0);
                    if (Integer.valueOf(2).equals(type) || Integer.valueOf(7).equals(type)) {
                        names.add(String.valueOf(name.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            throw new OciException("cannot read the names of the server certificate: " + e.getMessage(), e);
        }
        return names;
    }
}
