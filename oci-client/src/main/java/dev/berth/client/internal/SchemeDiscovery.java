package dev.berth.client.internal;

import dev.berth.client.RegistryUnreachableException;
import dev.berth.client.RegistryUnreachableException.Reason;
import dev.berth.model.OciException;
import dev.berth.model.Reference;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * Finds whether a registry speaks HTTPS or plain HTTP, as Docker does: HTTPS
 * first; plain HTTP only where allowed (loopback, or a registry named
 * insecure) and only if TLS is not spoken there. On loopback plain HTTP is
 * asked first: nobody can sit between a client and its own machine, and a
 * TLS attempt costs a fresh process a third of a second (the JDK's trust
 * store read, key shares made by code not yet compiled) before the answer
 * every local development registry gives is known. A TLS server refuses
 * the plain request at once (Go's answers 400), and HTTPS is tried then.
 */
public final class SchemeDiscovery {
    private SchemeDiscovery() {
    }

    /**
     * @param probe            a transport that does not retry
     * @param registry         host[:port]
     * @param plainHttpAllowed whether plain HTTP may be used at all
     * @return {@code https://registry/} or {@code http://registry/}
     * @throws RegistryUnreachableException if neither answers (TLS failures say what would help)
     */
    public static URI discover(Transport probe, String registry, boolean plainHttpAllowed) {
        URI https = URI.create("https://" + registry + "/");
        if (plainHttpAllowed && Reference.isLoopbackRegistry(registry)) {
            URI http = URI.create("http://" + registry + "/");
            if (speaksPlainHttp(probe, http)) {
                return http;
            }
        }
        try {
            Transport.close(probe.send(Call.of("GET /v2/", "GET", https.resolve("/v2/"), List.of())));
            return https;
        } catch (RegistryUnreachableException e) {
            // A plain-HTTP server may also sit silent on a TLS hello (the JDK's does), hence TIMEOUT.
            boolean noTls = e.reason() == Reason.TLS || e.reason() == Reason.REFUSED || e.reason() == Reason.TIMEOUT
                    || e.reason() == Reason.IO;
            URI http = URI.create("http://" + registry + "/");
            if (plainHttpAllowed && noTls && (e.reason() != Reason.TLS || speaksPlainHttp(probe, http))) {
                return http;
            }
            if (e.reason() == Reason.TLS) {
                throw new RegistryUnreachableException(e.getMessage() + " (a registry without a trusted certificate needs"
                        + " insecure mode or its CA certificate)", e.reason(), e);
            }
            throw e;
        } catch (OciException authProblemsAreForLater) {
            return https;
        }
    }

    // After a failed TLS handshake: a plain-HTTP server answers here; a TLS server with an untrusted certificate
    // drops the connection or, as Go's does, answers 400 — and then the certificate is what the user must hear about.
    private static boolean speaksPlainHttp(Transport probe, URI http) {
        try {
            HttpResponse<InputStream> r = probe.send(Call.of("GET /v2/", "GET", http.resolve("/v2/"), List.of()));
            Transport.close(r);
            return r.statusCode() != 400;
        } catch (RegistryUnreachableException e) {
            return false;
        } catch (OciException answeredWithAuthTrouble) {
            return true;
        }
    }
}
