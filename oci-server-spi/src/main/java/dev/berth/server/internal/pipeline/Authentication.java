package dev.berth.server.internal.pipeline;

import dev.berth.auth.AuthenticationException;
import dev.berth.auth.Scope;
import dev.berth.server.TokenAuth;
import dev.berth.server.auth.Authenticator;
import dev.berth.server.auth.TokenVerifier;
import dev.berth.server.internal.access.PolicyCallers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Establishes who sent a request from its {@code Authorization} header and
 * sets {@link Call#caller}: a Basic user checked by an {@link Authenticator}
 * (allowed what the access policy grants them), or the subject of a bearer
 * token (allowed what the token grants, and the policy if there is one). A
 * request without credentials goes on as the policy's anonymous caller when it
 * grants anonymous actions; otherwise, and with credentials that fail, as
 * {@link Caller#ANONYMOUS}, for {@link Authorization} to refuse. Only a bearer
 * token that fails verification is refused here, since only here is known why.
 */
public final class Authentication implements Handler {
    private final Scheme scheme;
    private final Handler next;

    private Authentication(Scheme scheme, Handler next) {
        this.scheme = scheme;
        this.next = next;
    }

    /**
     * @param authenticator checks user and password
     * @param callers       what the access policy lets a checked user, and a request without credentials, do
     * @param next          the stage that follows
     * @return Basic authentication
     */
    public static Authentication basic(Authenticator authenticator, PolicyCallers callers, Handler next) {
        Caller withoutCredentials = callers.anonymous().orElse(Caller.ANONYMOUS);
        // Credentials that fail are refused even where anonymous requests may pass, so a wrong password is told.
        return new Authentication(call -> call.exchange().requestHeader("Authorization")
                .map(header -> basicUser(authenticator, header).map(callers::signedIn).orElse(Caller.ANONYMOUS))
                .orElse(withoutCredentials), next);
    }

    /**
     * @param tokens the issuer's realm and service, and the verifier of its tokens
     * @param next   the stage that follows
     * @return bearer token authentication, the subject allowed what the token grants
     */
    public static Authentication bearer(TokenAuth tokens, Handler next) {
        Challenge challenge = Challenge.bearer(tokens);
        return new Authentication(call -> tokenSubject(tokens, challenge, call).orElse(Caller.ANONYMOUS), next);
    }

    /**
     * @param tokens  the issuer's realm and service, and the verifier of its tokens
     * @param callers what the access policy lets a token's subject, and a request without credentials, do
     * @param next    the stage that follows
     * @return bearer token authentication, the subject allowed what both the token and the policy grant
     */
    public static Authentication bearer(TokenAuth tokens, PolicyCallers callers, Handler next) {
        Challenge challenge = Challenge.bearer(tokens);
        Caller withoutCredentials = callers.anonymous().orElse(Caller.ANONYMOUS);
        return new Authentication(call -> tokenSubject(tokens, challenge, call).map(callers::restrict)
                .orElse(withoutCredentials), next);
    }

    @Override
    public void handle(Call call) throws IOException {
        call.caller(scheme.identify(call));
        next.handle(call);
    }

    // Empty without a bearer token; a token that fails verification is refused here.
    private static Optional<Caller> tokenSubject(TokenAuth tokens, Challenge challenge, Call call) {
        Optional<String> header = call.exchange().requestHeader("Authorization");
        if (header.isEmpty() || !header.get().regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        TokenVerifier.Verified token;
        try {
            token = tokens.verifier().verify(header.get().substring(7).trim());
        } catch (AuthenticationException e) {
            Scope scope = call.path().requiredScope(call.exchange().method());
            throw challenge.invalid(scope, e.getMessage());
        }
        return Optional.of(new Authenticated(token.subject(), token::allows));
    }

    private static Optional<String> basicUser(Authenticator authenticator, String header) {
        if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon > 0 && authenticator.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1))) {
                return Optional.of(decoded.substring(0, colon));
            }
        } catch (IllegalArgumentException malformed) {
            // answered like a wrong password
        }
        return Optional.empty();
    }

    /** Reads the caller from the request's credentials. */
    private interface Scheme {
        /** @return who the credentials prove the caller is, or {@link Caller#ANONYMOUS} without good ones */
        Caller identify(Call call);
    }

    /** A caller whose credentials were checked. */
    private record Authenticated(String name, java.util.function.Predicate<Scope> allowed) implements Caller {
        @Override
        public boolean anonymous() {
            return false; // even a token without a subject was verified
        }

        @Override
        public boolean may(Scope scope) {
            return allowed.test(scope);
        }
    }
}
