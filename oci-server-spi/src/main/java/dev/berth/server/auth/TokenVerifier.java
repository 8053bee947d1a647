package dev.berth.server.auth;

import dev.berth.model.InvalidArgumentException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.auth.AuthenticationException;
import dev.berth.auth.Scope;
import dev.berth.server.auth.internal.Jwt;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Checks registry tokens on the registry's side: signature, issuer, audience,
 * validity period (with a minute of leeway for clock skew) and the granted
 * access.
 */
public final class TokenVerifier {
    private static final Duration LEEWAY = Duration.ofSeconds(60);

    private final String issuer;
    private final String audience;
    private final PublicKey key;
    private final Clock clock;

    /**
     * @param issuer   the expected {@code iss}
     * @param audience the expected {@code aud}: the registry's service name
     * @param key      the issuer's public key
     * @param clock    the time validity is checked against
     */
    public TokenVerifier(String issuer, String audience, PublicKey key, Clock clock) {
        this.issuer = InvalidArgumentException.requireNonBlank(issuer, "issuer");
        this.audience = InvalidArgumentException.requireNonBlank(audience, "audience");
        this.key = InvalidArgumentException.requireNonNull(key, "key");
        this.clock = InvalidArgumentException.requireNonNull(clock, "clock");
    }

    /**
     * A verified token.
     *
     * @param subject the user, empty for anonymous
     * @param access  the access it grants
     */
    public record Verified(String subject, List<Scope> access) {
        /**
         * @param required the scope an operation needs
         * @return whether the token grants every action of {@code required}
         */
        public boolean allows(Scope required) {
            Set<String> granted = new HashSet<>();
            for (Scope s : access) {
                if (s.type().equals(required.type()) && s.name().equals(required.name())) {
                    granted.addAll(s.actions());
                }
            }
            return granted.contains("*") || granted.containsAll(required.actions());
        }
    }

    /**
     * @param token the bearer token
     * @return who it is for and what it grants
     * @throws AuthenticationException (401) naming what is wrong with it
     */
    public Verified verify(String token) {
        InvalidArgumentException.requireNonNull(token, "token");
        Jwt.Parsed jwt = Jwt.parse(token).orElseThrow(() -> invalid("not a JWT"));
        String alg = jwt.header().path("alg").asText("");
        if (!alg.equals("ES256") && !alg.equals("RS256")) {
            throw invalid("algorithm \"" + alg + "\" is not accepted");
        }
        if (!jwt.verify(key)) {
            throw invalid("signature does not verify");
        }
        JsonNode c = jwt.claims();
        if (!issuer.equals(c.path("iss").asText(null))) {
            throw invalid("issuer is not " + issuer);
        }
        if (!audienceMatches(c.path("aud"))) {
            throw invalid("audience is not " + audience);
        }
        Instant now = clock.instant();
        if (!c.path("exp").canConvertToLong() || now.minus(LEEWAY).isAfter(Instant.ofEpochSecond(c.get("exp").asLong()))) {
            throw invalid("token has expired");
        }
        if (c.path("nbf").canConvertToLong() && now.plus(LEEWAY).isBefore(Instant.ofEpochSecond(c.get("nbf").asLong()))) {
            throw invalid("token is not valid yet");
        }
        List<Scope> access = new ArrayList<>();
        for (JsonNode a : c.path("access")) {
            Set<String> actions = new HashSet<>();
            a.path("actions").forEach(x -> actions.add(x.asText()));
            if (!actions.isEmpty() && a.path("type").isTextual() && a.path("name").isTextual()) {
                access.add(new Scope(a.get("type").asText(), a.get("name").asText(), actions));
            }
        }
        return new Verified(c.path("sub").asText(""), access);
    }

    private boolean audienceMatches(JsonNode aud) {
        if (aud.isTextual()) {
            return aud.asText().equals(audience);
        }
        for (JsonNode a : aud) {
            if (a.asText().equals(audience)) {
                return true;
            }
        }
        return false;
    }

    private static AuthenticationException invalid(String why) {
        return new AuthenticationException("invalid token: " + why, 401);
    }
}
