package dev.berth.server;

import dev.berth.model.InvalidArgumentException;
import dev.berth.server.auth.TokenVerifier;
import java.util.Objects;

/**
 * Token authentication for the embedded registry, as distribution's
 * {@code auth: token}: clients get a token at {@code realm} for
 * {@code service} and the scope the registry names in its challenge; the
 * registry checks each request's token with {@code verifier}.
 *
 * @param realm    the token endpoint clients are sent to
 * @param service  the service name tokens must be issued for
 * @param verifier checks signature, issuer, audience, expiry and access
 */
public record TokenAuth(String realm, String service, TokenVerifier verifier) {
    /**
     * Checks the parts.
     *
     * @param realm the token endpoint clients are sent to
     * @param service the service name tokens must be issued for
     * @param verifier checks signature, issuer, audience, expiry and access
     */
    public TokenAuth {
        InvalidArgumentException.requireNonBlank(realm, "realm");
        InvalidArgumentException.requireNonBlank(service, "service");
        InvalidArgumentException.requireNonNull(verifier, "verifier");
    }
}
