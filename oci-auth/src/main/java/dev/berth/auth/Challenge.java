package dev.berth.auth;

import dev.berth.model.InvalidArgumentException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One authentication challenge of a {@code WWW-Authenticate} header: a scheme
 * and either parameters or a token68. Scheme and parameter names are
 * case-insensitive and kept in lower case; unknown parameters are kept.
 *
 * <pre>{@code
 * Challenge c = ChallengeParser.parse("Bearer realm=\"https://auth.example/token\",service=\"registry\"").get(0);
 * c.isBearer();          // true
 * c.param("realm");      // Optional["https://auth.example/token"]
 * }</pre>
 *
 * @param scheme  the scheme, lower case, e.g. {@code bearer}
 * @param params  the parameters, names lower case, in header order
 * @param token68 the token68 form instead of parameters, or empty
 */
public record Challenge(String scheme, Map<String, String> params, String token68) {

    /**
     * Normalises case and copies the parameters.
     *
     * @param scheme the scheme, lower case, e.g. {@code bearer}
     * @param params the parameters, names lower case, in header order
     * @param token68 the token68 form instead of parameters, or empty
     */
    public Challenge {
        scheme = InvalidArgumentException.requireNonNull(scheme, "scheme").toLowerCase(Locale.ROOT);
        Map<String, String> copy = new LinkedHashMap<>();
        params.forEach((k, v) -> copy.put(k.toLowerCase(Locale.ROOT), Objects.requireNonNull(v)));
        params = Collections.unmodifiableMap(copy);
        token68 = Objects.requireNonNullElse(token68, "");
    }

    /**
     * @param params the challenge's parameters, such as {@code realm} and {@code service}
     * @param scheme the authentication scheme, such as {@code Bearer}, in any case
     * @return a challenge with parameters
     */
    public static Challenge of(String scheme, Map<String, String> params) {
        return new Challenge(scheme, params, "");
    }

    /**
     * @param name the parameter's name, such as {@code realm}, in any case
     * @return a parameter's value, by case-insensitive name
     */
    public Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name.toLowerCase(Locale.ROOT)));
    }

    /** @return whether this is a Basic challenge (any case, as Nexus sends {@code BASIC}) */
    public boolean isBasic() {
        return scheme.equals("basic");
    }

    /** @return whether this is a Bearer challenge */
    public boolean isBearer() {
        return scheme.equals("bearer");
    }

    /** @return the scopes the challenge names (the {@code scope} parameter split at spaces) */
    public List<String> scopes() {
        return param("scope").map(s -> List.of(s.trim().split("\\s+"))).filter(l -> !l.get(0).isEmpty()).orElse(List.of());
    }

    /** @return the challenge as a header value, parameters quoted */
    @Override
    public String toString() {
        if (!token68.isEmpty()) {
            return scheme + " " + token68;
        }
        StringBuilder s = new StringBuilder(scheme);
        String sep = " ";
        for (Map.Entry<String, String> p : params.entrySet()) {
            s.append(sep).append(p.getKey()).append("=\"")
                    .append(p.getValue().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            sep = ",";
        }
        return s.toString();
    }
}
