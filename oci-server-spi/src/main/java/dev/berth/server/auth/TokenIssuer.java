package dev.berth.server.auth;

import dev.berth.model.InvalidArgumentException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.auth.Scope;
import dev.berth.server.auth.internal.Jwt;
import dev.berth.model.internal.Json;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Issues registry tokens in the Docker token format: a JWT signed with ES256 or
 * RS256, carrying the certificate chain in {@code x5c} and the granted access
 * in the {@code access} claim.
 *
 * <pre>{@code
 * TokenIssuer issuer = new TokenIssuer("berth", SigningKey.generate("ES256", "berth tokens", Duration.ofDays(365)),
 *         Duration.ofMinutes(5), Clock.systemUTC());
 * String jwt = issuer.issue("ci", "registry.local", List.of(Scope.push("team/app")));
 * }</pre>
 */
public final class TokenIssuer {
    private final String issuer;
    private final SigningKey key;
    private final Duration lifetime;
    private final Clock clock;

    /**
     * @param issuer   the {@code iss} claim; registries are configured to expect it
     * @param key      what tokens are signed with
     * @param lifetime how long tokens are valid (at least 60 s)
     * @param clock    the time tokens are issued at
     * @throws InvalidArgumentException if an argument is null, {@code issuer} blank or {@code lifetime} under 60 s
     */
    public TokenIssuer(String issuer, SigningKey key, Duration lifetime, Clock clock) {
        this.issuer = InvalidArgumentException.requireNonBlank(issuer, "issuer");
        this.key = InvalidArgumentException.requireNonNull(key, "key");
        if (InvalidArgumentException.requireNonNull(lifetime, "lifetime").compareTo(Duration.ofSeconds(60)) < 0) {
            throw new InvalidArgumentException("lifetime", "must be at least 60 s, not " + lifetime);
        }
        this.lifetime = lifetime;
        this.clock = InvalidArgumentException.requireNonNull(clock, "clock");
    }

    /** @return the {@code iss} claim */
    public String issuer() {
        return issuer;
    }

    /** @return the signing key */
    public SigningKey key() {
        return key;
    }

    /** @return how long tokens are valid */
    public Duration lifetime() {
        return lifetime;
    }

    /**
     * @param subject  the user, or empty for anonymous
     * @param audience the service, as the registry names itself
     * @param granted  the access the token carries (only scopes with actions)
     * @return the signed token
     * @throws InvalidArgumentException if an argument is null, or {@code audience} blank
     */
    public Issued issue(String subject, String audience, List<Scope> granted) {
        InvalidArgumentException.requireNonNull(subject, "subject");
        InvalidArgumentException.requireNonBlank(audience, "audience");
        InvalidArgumentException.requireNonNull(granted, "granted");
        Instant now = clock.instant();
        ObjectNode header = Json.mapper().createObjectNode().put("typ", "JWT").put("alg", key.algorithm());
        ArrayNode x5c = header.putArray("x5c");
        for (X509Certificate c : key.chain()) {
            try {
                x5c.add(Base64.getEncoder().encodeToString(c.getEncoded()));
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException("certificate cannot be encoded", e);
            }
        }
        ObjectNode claims = Json.mapper().createObjectNode()
                .put("iss", issuer).put("sub", subject).put("aud", audience)
                .put("exp", now.plus(lifetime).getEpochSecond())
                .put("nbf", now.minusSeconds(10).getEpochSecond())
                .put("iat", now.getEpochSecond())
                .put("jti", UUID.randomUUID().toString());
        ArrayNode access = claims.putArray("access");
        for (Scope s : granted) {
            ObjectNode a = access.addObject().put("type", s.type()).put("name", s.name());
            ArrayNode actions = a.putArray("actions");
            s.actions().forEach(actions::add);
        }
        return new Issued(Jwt.sign(header, claims, key.algorithm(), key.privateKey()), now, lifetime);
    }

    /**
     * A token with when it was issued and for how long.
     *
     * @param token     the JWT; never shown
     * @param issuedAt  when
     * @param expiresIn lifetime
     */
    public record Issued(String token, Instant issuedAt, Duration expiresIn) {
        @Override
        public String toString() {
            return "token issued " + issuedAt + " for " + expiresIn.toSeconds() + " s";
        }
    }
}
