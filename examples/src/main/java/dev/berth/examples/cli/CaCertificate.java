package dev.berth.examples.cli;

import dev.berth.model.OciException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;

/**
 * A CA certificate file given on the command line, read and checked to hold at least one X.509 certificate in PEM
 * before anything is written that names it.
 *
 * @param file where it was read from
 * @param pem  its bytes, as they are
 */
record CaCertificate(Path file, byte[] pem) {

    /**
     * @param file a PEM file holding one or more CA certificates
     * @return the file's content
     * @throws OciException if it cannot be read or holds no PEM certificate
     */
    static CaCertificate read(Path file) {
        byte[] pem;
        try {
            pem = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new OciException("cannot read the CA certificate " + file + ": " + describe(e), e);
        }
        String text = new String(pem, java.nio.charset.StandardCharsets.US_ASCII);
        if (!text.contains("-----BEGIN CERTIFICATE-----")) {
            throw new OciException("the CA certificate " + file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        try {
            CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem));
        } catch (CertificateException e) {
            throw new OciException("the CA certificate " + file + " is not a valid PEM certificate: " + e.getMessage(), e);
        }
        return new CaCertificate(file, pem);
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage();
    }
}
