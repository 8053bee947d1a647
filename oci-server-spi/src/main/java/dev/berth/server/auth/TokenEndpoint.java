package dev.berth.server.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.auth.Scope;
import dev.berth.model.InvalidArgumentException;
import dev.berth.model.internal.Json;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token endpoint of the Docker token protocol, independent of any HTTP
 * framework: the GET form ({@code ?service=&scope=&account=} with optional
 * Basic credentials) and the OAuth2 POST password grant. Each requested scope
 * is granted as far as the {@link Authorizer} allows; a partial grant is not an
 * error. Wrong credentials are a 401.
 *
 * <pre>{@code
 * TokenEndpoint endpoint = new TokenEndpoint(issuer, "registry.local", htpasswd, Authorizer.authenticatedFullAnonymousPull());
 * TokenEndpoint.Response r = endpoint.handle("GET", queryParameters, authorizationOrEmpty, Map.of());
 * }</pre>
 */
public final class TokenEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(TokenEndpoint.class);

    private final TokenIssuer issuer;
    private final String service;
    private final Authenticator authenticator;
    private final Authorizer authorizer;

    /**
     * @param issuer        signs the tokens
     * @param service       the service name the registry is configured with
     * @param authenticator checks credentials
     * @param authorizer    decides what each subject may do
     * @throws InvalidArgumentException if an argument is null, or {@code service} blank
     */
    public TokenEndpoint(TokenIssuer issuer, String service, Authenticator authenticator, Authorizer authorizer) {
        this.issuer = InvalidArgumentException.requireNonNull(issuer, "issuer");
        this.service = InvalidArgumentException.requireNonBlank(service, "service");
        this.authenticator = InvalidArgumentException.requireNonNull(authenticator, "authenticator");
        this.authorizer = InvalidArgumentException.requireNonNull(authorizer, "authorizer");
    }

    /**
     * What to answer.
     *
     * @param status  the HTTP status
     * @param headers headers to set
     * @param body    the JSON body
     */
    public record Response(int status, Map<String, String> headers, byte[] body) {
    }

    /**
     * @param method        GET or POST (any other method is answered 405)
     * @param query         the query parameters (GET), each possibly repeated; empty without any
     * @param authorization the Authorization header; empty when the request has none
     * @param form          the form parameters (POST); empty without a body
     * @return the response
     * @throws InvalidArgumentException if an argument is null
     */
    public Response handle(String method, Map<String, List<String>> query, String authorization,
                           Map<String, List<String>> form) {
        InvalidArgumentException.requireNonNull(method, "method");
        InvalidArgumentException.requireNonNull(query, "query");
        InvalidArgumentException.requireNonNull(authorization, "authorization");
        InvalidArgumentException.requireNonNull(form, "form");
        boolean post = "POST".equalsIgnoreCase(method);
        if (!post && !"GET".equalsIgnoreCase(method)) {
            return error(405, "unsupported_method", "use GET or POST");
        }
        Map<String, List<String>> params = post ? form : query;
        String requestedService = first(params, "service").orElse("");
        if (!requestedService.isEmpty() && !requestedService.equals(service)) {
            return error(400, "invalid_request", "unknown service \"" + requestedService + "\"");
        }
        String subject;
        if (post) {
            String grant = first(params, "grant_type").orElse("");
            if (!grant.equals("password")) {
                return error(400, "unsupported_grant_type", "only the password grant is supported");
            }
            String user = first(params, "username").orElse("");
            if (user.isEmpty() || !authenticator.authenticate(user, first(params, "password").orElse(""))) {
                return unauthorized();
            }
            subject = user;
        } else if (!authorization.isBlank()) {
            Optional<String[]> basic = decodeBasic(authorization);
            if (basic.isEmpty() || !authenticator.authenticate(basic.get()[0], basic.get()[1])) {
                return unauthorized();
            }
            subject = basic.get()[0];
        } else {
            subject = "";
        }
        List<Scope> granted = new ArrayList<>();
        for (String s : scopes(params)) {
            Scope requested;
            try {
                requested = Scope.parse(s);
            } catch (IllegalArgumentException e) {
                return error(400, "invalid_scope", e.getMessage());
            }
            Set<String> actions = new java.util.TreeSet<>(authorizer.grant(subject, requested));
            actions.retainAll(requested.actions().contains("*") ? actions : requested.actions());
            if (!actions.isEmpty()) {
                granted.add(new Scope(requested.type(), requested.name(), actions));
            }
        }
        TokenIssuer.Issued token = issuer.issue(subject, service, Scope.merge(granted));
        LOG.debug("issued a token to {} for {}", subject.isEmpty() ? "anonymous" : subject, granted);
        ObjectNode body = Json.mapper().createObjectNode()
                .put("token", token.token())
                .put("access_token", token.token())
                .put("expires_in", token.expiresIn().toSeconds())
                .put("issued_at", DateTimeFormatter.ISO_INSTANT.format(token.issuedAt()));
        return new Response(200, Map.of("Content-Type", "application/json"), body.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> scopes(Map<String, List<String>> params) {
        List<String> scopes = new ArrayList<>();
        for (String value : params.getOrDefault("scope", List.of())) {
            for (String s : value.trim().split("\\s+")) {
                if (!s.isEmpty()) {
                    scopes.add(s);
                }
            }
        }
        return scopes;
    }

    private static Optional<String> first(Map<String, List<String>> params, String name) {
        List<String> v = params.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    private static Optional<String[]> decodeBasic(String header) {
        if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty() : Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Response unauthorized() {
        Response r = error(401, "invalid_grant", "wrong username or password");
        Map<String, String> headers = new LinkedHashMap<>(r.headers());
        headers.put("WWW-Authenticate", "Basic realm=\"" + service + "\"");
        return new Response(401, headers, r.body());
    }

    private static Response error(int status, String code, String description) {
        ObjectNode body = Json.mapper().createObjectNode().put("error", code).put("error_description", description);
        return new Response(status, Map.of("Content-Type", "application/json"), body.toString().getBytes(StandardCharsets.UTF_8));
    }
}
