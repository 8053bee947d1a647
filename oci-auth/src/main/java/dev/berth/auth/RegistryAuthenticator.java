package dev.berth.auth;

import dev.berth.auth.internal.Token;
import dev.berth.auth.internal.TokenCache;
import dev.berth.auth.internal.TokenEndpointClient;
import dev.berth.auth.internal.UnverifiedTls;
import dev.berth.model.InvalidArgumentException;
import dev.berth.model.Reference;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers registries' authentication challenges for a client. After a 401,
 * {@link #authorize} parses {@code WWW-Authenticate}, finds the credential,
 * fetches a bearer token if needed (one fetch however many threads ask, cached
 * by realm, service and scope until shortly before it expires) and returns the
 * {@code Authorization} value to retry with. Afterwards
 * {@link #authorizationFor} gives that header up front, saving the 401.
 *
 * <p>Thread-safe; share one per application. A 401 that says
 * {@code insufficient_scope} makes the authenticator ask once for the scope
 * the registry named; if the registry still refuses that token, the next
 * {@link #authorize} reports {@link InsufficientScopeException}. A client
 * therefore retries a request at most twice.
 *
 * <pre>{@code
 * RegistryAuthenticator auth = RegistryAuthenticator.builder().credentials(CredentialProviders.defaults()).build();
 * // on a 401:
 * String header = auth.authorize(uri, "ghcr.io", response.headers().allValues("WWW-Authenticate"),
 *         List.of(Scope.pull("org/app")), sentAuthorization);
 * }</pre>
 */
public final class RegistryAuthenticator {
    private final CredentialProvider credentials;
    private final TokenEndpointClient tokenEndpoint;
    // Token endpoints on hosts the user named insecure: the only requests sent without verifying TLS.
    private final TokenEndpointClient insecureTokenEndpoint;
    private final TokenCache tokens;
    private final Set<String> insecureRegistries;
    private final boolean preferOAuth2;
    private final Map<String, Challenge> bearerChallenges = new ConcurrentHashMap<>();
    private final Set<String> basicRegistries = ConcurrentHashMap.newKeySet();
    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
    // The provider may run a credential helper process: ask it once per registry, again only after a rejection.
    private final Map<String, Credential> configured = new ConcurrentHashMap<>();

    private RegistryAuthenticator(Builder b) {
        this.credentials = b.credentials;
        this.tokenEndpoint = new TokenEndpointClient(b.http, b.clock, b.userAgent);
        this.insecureTokenEndpoint = b.insecureHttp == null ? tokenEndpoint
                : new TokenEndpointClient(b.insecureHttp, b.clock, b.userAgent);
        this.tokens = new TokenCache(b.clock);
        this.insecureRegistries = Set.copyOf(b.insecureRegistries);
        this.preferOAuth2 = b.preferOAuth2;
    }

    /** @return a builder with the default credential chain */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The header to send before any challenge, when this registry's scheme is
     * already known: a bearer token for these scopes (fetched if needed), or Basic.
     *
     * @param requestUri where the request goes
     * @param registry   the registry, host[:port]
     * @param scopes     what the request needs
     * @return the Authorization value, or empty to send none
     * @throws InvalidArgumentException if an argument is null, or {@code registry} blank
     */
    public Optional<String> authorizationFor(URI requestUri, String registry, List<Scope> scopes) {
        InvalidArgumentException.requireNonNull(requestUri, "requestUri");
        InvalidArgumentException.requireNonBlank(registry, "registry");
        InvalidArgumentException.requireNonNull(scopes, "scopes");
        Challenge bearer = bearerChallenges.get(key(registry));
        if (bearer != null) {
            return Optional.of(bearer(requestUri, registry, bearer, scopes));
        }
        if (basicRegistries.contains(key(registry))) {
            return Optional.of(basic(requestUri, registry));
        }
        return Optional.empty();
    }

    /**
     * Answers a 401 to a request that carried no Authorization header.
     *
     * @param requestUri        the request that was refused
     * @param registry          its registry, host[:port]
     * @param wwwAuthenticate   every {@code WWW-Authenticate} value of the 401
     * @param scopes            what the request needs
     * @return the Authorization value to retry with
     * @throws ChallengeParseException       if the header is malformed
     * @throws AuthenticationException       if credentials are missing, rejected or withheld
     * @throws InvalidArgumentException      if an argument is null
     */
    public String authorize(URI requestUri, String registry, List<String> wwwAuthenticate, List<Scope> scopes) {
        return answer(requestUri, registry, wwwAuthenticate, scopes, Optional.empty());
    }

    /**
     * Answers a 401 to a request that carried an Authorization header: when it carried the token this
     * authenticator would send again, the scope it asks for was refused once already.
     *
     * @param requestUri        the request that was refused
     * @param registry          its registry, host[:port]
     * @param wwwAuthenticate   every {@code WWW-Authenticate} value of the 401
     * @param scopes            what the request needs
     * @param sentAuthorization the Authorization value the refused request carried
     * @return the Authorization value to retry with
     * @throws ChallengeParseException       if the header is malformed
     * @throws AuthenticationException       if credentials are missing, rejected or withheld
     * @throws InsufficientScopeException    if a wider scope was asked for once already
     * @throws InvalidArgumentException      if an argument is null
     */
    public String authorize(URI requestUri, String registry, List<String> wwwAuthenticate, List<Scope> scopes,
                            String sentAuthorization) {
        return answer(requestUri, registry, wwwAuthenticate, scopes,
                Optional.of(InvalidArgumentException.requireNonNull(sentAuthorization, "sentAuthorization")));
    }

    private String answer(URI requestUri, String registry, List<String> wwwAuthenticate, List<Scope> scopes,
                          Optional<String> sentAuthorization) {
        InvalidArgumentException.requireNonNull(requestUri, "requestUri");
        InvalidArgumentException.requireNonBlank(registry, "registry");
        InvalidArgumentException.requireNonNull(wwwAuthenticate, "wwwAuthenticate");
        InvalidArgumentException.requireNonNull(scopes, "scopes");
        List<Challenge> challenges = ChallengeParser.parse(wwwAuthenticate);
        Optional<Challenge> bearer = challenges.stream().filter(Challenge::isBearer).findFirst();
        if (bearer.isPresent()) {
            Challenge c = bearer.get();
            if (c.param("realm").filter(r -> !r.isEmpty()).isEmpty()) {
                throw new AuthenticationException("registry " + registry + " sent a Bearer challenge without a realm", 401);
            }
            bearerChallenges.put(key(registry), c);
            boolean insufficient = c.param("error").map(e -> e.equals("insufficient_scope")).orElse(false);
            List<Scope> wanted = new ArrayList<>(scopes);
            List<String> extra = new ArrayList<>();
            for (String s : c.scopes()) {
                try {
                    wanted.add(Scope.parse(s));
                } catch (IllegalArgumentException notTypeNameActions) {
                    extra.add(s); // e.g. ECR's "aws": passed on as given
                }
            }
            TokenCache.Key key = tokenKey(c, registry, wanted, extra);
            Optional<Token> cached = tokens.peek(key);
            boolean sentThisToken = cached.isPresent() && sentAuthorization.equals(Optional.of("Bearer " + cached.get().value()));
            if (insufficient && sentThisToken) {
                // We already asked for exactly this scope and the endpoint granted less: asking again will not help.
                String scope = c.param("scope").orElse(key.scopes());
                throw new InsufficientScopeException(scope, "registry " + registry + " needs scope \"" + scope
                        + "\", which the token endpoint does not grant to " + who(registry));
            }
            if (sentThisToken) {
                tokens.invalidate(key); // the registry refused this very token: get a new one
            }
            return "Bearer " + tokens.get(key, () -> fetchToken(requestUri, registry, c, wanted, extra)).value();
        }
        if (challenges.stream().anyMatch(Challenge::isBasic)) {
            basicRegistries.add(key(registry));
            String header = basic(requestUri, registry);
            if (sentAuthorization.equals(Optional.of(header))) {
                String rejected = who(registry);
                configured.remove(key(registry)); // look again next time (after a new login, say)
                throw new AuthenticationException("registry " + registry + " rejected the credentials of " + rejected
                        + " (HTTP 401)", 401);
            }
            return header;
        }
        if (challenges.isEmpty()) {
            throw new AuthenticationException("registry " + registry + " refused the request (HTTP 401) without a"
                    + " WWW-Authenticate challenge", 401);
        }
        throw new AuthenticationException("registry " + registry + " asks for unsupported authentication: "
                + challenges.get(0).scheme(), 401);
    }

    private String bearer(URI requestUri, String registry, Challenge c, List<Scope> scopes) {
        TokenCache.Key key = tokenKey(c, registry, scopes, List.of());
        return "Bearer " + tokens.get(key, () -> fetchToken(requestUri, registry, c, scopes, List.of())).value();
    }

    private Token fetchToken(URI requestUri, String registry, Challenge c, List<Scope> scopes, List<String> extra) {
        Credential credential = credential(registry);
        if (credential instanceof Credential.BearerToken bt) {
            return new Token(bt.token(), java.time.Instant.now(), java.time.Duration.ofDays(3650));
        }
        URI realm = URI.create(c.param("realm").orElseThrow());
        boolean insecureRealm = isInsecureHost(realm);
        if (!(credential instanceof Credential.Anonymous)) {
            requireSafeTransport(realm, registry, insecureRealm);
        }
        TokenEndpointClient endpoint = insecureRealm ? insecureTokenEndpoint : tokenEndpoint;
        try {
            return endpoint.fetch(realm, c.param("service").orElse(""), scopeStrings(scopes, extra), credential,
                    preferOAuth2, refresh -> refreshTokens.put(key(registry), refresh));
        } catch (AuthenticationException e) {
            if (e.status() == 401 || e.status() == 403) {
                configured.remove(key(registry)); // rejected: look again next time (after a new login, say)
            }
            throw e;
        }
    }

    private Credential configured(String registry) {
        return configured.computeIfAbsent(key(registry), k -> credentials.credentialFor(registry).orElse(Credential.ANONYMOUS));
    }

    private Credential credential(String registry) {
        String refresh = refreshTokens.get(key(registry));
        if (refresh != null) {
            return Credential.identityToken("", refresh);
        }
        return configured(registry);
    }

    private String basic(URI requestUri, String registry) {
        Credential credential = configured(registry);
        if (!(credential instanceof Credential.UsernamePassword up)) {
            throw new AuthenticationException("registry " + registry + " requires a username and password;"
                    + (credential instanceof Credential.Anonymous ? " none is configured for it" : " the configured " + credential
                    + " cannot be used for Basic authentication"), 401);
        }
        requireSafeTransport(requestUri, registry, insecureRegistries.contains(key(registry)) || isInsecureHost(requestUri));
        return TokenEndpointClient.basic(up.username(), up.password());
    }

    // Credentials never cross the network unencrypted unless the user named their destination insecure.
    private static void requireSafeTransport(URI uri, String registry, boolean namedInsecure) {
        if ("http".equalsIgnoreCase(uri.getScheme()) && !Reference.isLoopbackRegistry(uri.getHost()) && !namedInsecure) {
            throw new AuthenticationException("withholding credentials for " + registry + ": " + uri.getHost()
                    + " would receive them over plain HTTP; mark " + hostPort(uri) + " insecure to send them anyway", 0);
        }
    }

    // A host is insecure when named with the port the URI has, or without one for the scheme's default port.
    private boolean isInsecureHost(URI uri) {
        if (uri.getHost() == null) {
            return false;
        }
        if (insecureRegistries.contains(key(hostPort(uri)))) {
            return true;
        }
        int defaultPort = "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
        return (uri.getPort() == -1 || uri.getPort() == defaultPort) && insecureRegistries.contains(key(uri.getHost()));
    }

    private static String hostPort(URI uri) {
        return uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }

    private String who(String registry) {
        return configured(registry).toString();
    }

    private TokenCache.Key tokenKey(Challenge c, String registry, List<Scope> scopes, List<String> extra) {
        String account = who(registry);
        return new TokenCache.Key(c.param("realm").orElse(""), c.param("service").orElse(""),
                String.join(" ", scopeStrings(scopes, extra)), account);
    }

    private static List<String> scopeStrings(List<Scope> scopes, List<String> extra) {
        TreeSet<String> all = new TreeSet<>();
        Scope.merge(scopes).forEach(s -> all.add(s.toString()));
        all.addAll(new HashSet<>(extra));
        return List.copyOf(all);
    }

    private static String key(String registry) {
        return registry.toLowerCase(Locale.ROOT);
    }

    /** Configures a {@link RegistryAuthenticator}. */
    public static final class Builder {
        private CredentialProvider credentials = CredentialProviders.defaults();
        private HttpClient http;
        private HttpClient insecureHttp;
        private Clock clock = Clock.systemUTC();
        private String userAgent = "berth";
        private final Set<String> insecureRegistries = new HashSet<>();
        private boolean preferOAuth2;

        private Builder() {
        }

        /**
         * @param value what to ask for each registry's credentials
         * @return this builder, with where credentials come from
         */
        public Builder credentials(CredentialProvider value) {
            this.credentials = InvalidArgumentException.requireNonNull(value, "value");
            return this;
        }

        /**
         * @param value the HTTP client for token requests
         * @return this builder, with the HTTP client for token requests (default: a new one, no redirects); it
         *         should verify TLS, since it carries credentials to token endpoints on any host
         */
        public Builder httpClient(HttpClient value) {
            this.http = InvalidArgumentException.requireNonNull(value, "value");
            return this;
        }

        /**
         * @param value the HTTP client for token endpoints on insecure hosts
         * @return this builder, with the HTTP client for token endpoints on hosts named by {@link #insecureRegistry}
         *         (default: a new one that verifies no certificate, made only if some host is named insecure)
         */
        public Builder insecureHttpClient(HttpClient value) {
            this.insecureHttp = InvalidArgumentException.requireNonNull(value, "value");
            return this;
        }

        /**
         * @param value the clock that decides when a cached token has expired
         * @return this builder, with the clock tokens expire against
         */
        public Builder clock(Clock value) {
            this.clock = InvalidArgumentException.requireNonNull(value, "value");
            return this;
        }

        /**
         * @param value the User-Agent header of token requests
         * @return this builder, with the User-Agent of token requests
         */
        public Builder userAgent(String value) {
            this.userAgent = InvalidArgumentException.requireNonBlank(value, "value");
            return this;
        }

        /**
         * Names a host as insecure: credentials may go to it over plain HTTP, and a token endpoint on it is
         * reached without verifying its certificate. Token endpoints on other hosts are verified as usual, even
         * when the registry that sends there is insecure.
         *
         * @param registry host[:port], as in references; without a port it covers the scheme's default port
         * @return this builder
         */
        public Builder insecureRegistry(String registry) {
            InvalidArgumentException.requireNonBlank(registry, "registry");
            this.insecureRegistries.add(key(registry));
            return this;
        }

        /**
         * @param value true to get tokens with an OAuth2 password grant (POST), false for the Docker token GET with Basic credentials
         * @return this builder, POSTing the OAuth2 password grant instead of a GET with Basic
         */
        public Builder preferOAuth2(boolean value) {
            this.preferOAuth2 = value;
            return this;
        }

        /** @return the authenticator */
        public RegistryAuthenticator build() {
            if (http == null) {
                http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                        .connectTimeout(java.time.Duration.ofSeconds(10)).build();
            }
            if (insecureHttp == null && !insecureRegistries.isEmpty()) {
                insecureHttp = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                        .connectTimeout(java.time.Duration.ofSeconds(10)).sslContext(UnverifiedTls.context()).build();
            }
            return new RegistryAuthenticator(this);
        }
    }
}
