package dev.berth.server;

import dev.berth.model.InvalidArgumentException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Which web pages may call the registry from a browser (Cross-Origin Resource Sharing), for a registry UI served
 * from another origin. A preflight {@code OPTIONS} is answered before authentication; an origin not listed gets
 * no CORS headers at all, so the browser keeps the answer from the page.
 *
 * <pre>{@code
 * CorsPolicy.allowing("http://localhost:8080").withCredentials(true)
 *         .withMethods(List.of("HEAD", "GET", "OPTIONS", "DELETE"))
 * }</pre>
 *
 * @param origins     the allowed origins, as browsers send them ({@code scheme://host[:port]}), or {@code *} for any
 * @param credentials whether pages may send credentials (cookies, {@code Authorization}) and read the answers
 * @param methods     the methods a page may use
 * @param headers     the request headers a page may set
 * @param expose      the response headers a page may read beyond the CORS-safelisted ones
 * @param maxAge      how long a browser may cache a preflight's answer
 */
public record CorsPolicy(List<String> origins, boolean credentials, List<String> methods, List<String> headers,
                         List<String> expose, Duration maxAge) {
    /** The methods allowed unless set: reading only. */
    public static final List<String> DEFAULT_METHODS = List.of("HEAD", "GET", "OPTIONS");
    /** The request headers allowed unless set. */
    public static final List<String> DEFAULT_HEADERS = List.of("Authorization", "Accept", "Cache-Control", "Content-Type");
    /** The response headers exposed unless set: the manifest digest and the pagination link. */
    public static final List<String> DEFAULT_EXPOSE = List.of("Docker-Content-Digest", "Link");

    /**
     * @param origins     the allowed origins, or {@code *} for any
     * @param credentials whether pages may send credentials
     * @param methods     the methods a page may use
     * @param headers     the request headers a page may set
     * @param expose      the response headers a page may read
     * @param maxAge      how long a browser may cache a preflight's answer
     * @throws IllegalArgumentException if no origin is given, an origin is not {@code scheme://host[:port]} or
     *                                  {@code *}, {@code *} is combined with credentials (every site could then act
     *                                  as the signed-in user), or the max age is negative
     */
    public CorsPolicy {
        origins = List.copyOf(InvalidArgumentException.requireNonNull(origins, "origins"));
        methods = List.copyOf(InvalidArgumentException.requireNonNull(methods, "methods"));
        headers = List.copyOf(InvalidArgumentException.requireNonNull(headers, "headers"));
        expose = List.copyOf(InvalidArgumentException.requireNonNull(expose, "expose"));
        InvalidArgumentException.requireNonNull(maxAge, "maxAge");
        if (origins.isEmpty()) {
            throw new IllegalArgumentException("CORS needs at least one allowed origin");
        }
        for (String origin : origins) {
            checkOrigin(origin);
        }
        if (credentials && origins.contains("*")) {
            throw new IllegalArgumentException("CORS credentials cannot be allowed for any origin (*): name the origins");
        }
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("CORS max age cannot be negative: " + maxAge);
        }
    }

    /**
     * @param origins the allowed origins, e.g. {@code http://localhost:8080}, or {@code *}
     * @return a policy for those origins without credentials, with {@link #DEFAULT_METHODS},
     *         {@link #DEFAULT_HEADERS}, {@link #DEFAULT_EXPOSE} and a max age of ten minutes
     */
    public static CorsPolicy allowing(String... origins) {
        return new CorsPolicy(List.of(InvalidArgumentException.requireNonNull(origins, "origins")), false, DEFAULT_METHODS, DEFAULT_HEADERS, DEFAULT_EXPOSE, Duration.ofMinutes(10));
    }

    /**
     * @param value whether pages may send credentials
     * @return this policy with credentials allowed or not
     */
    public CorsPolicy withCredentials(boolean value) {
        return new CorsPolicy(origins, value, methods, headers, expose, maxAge);
    }

    /**
     * @param value the methods a page may use
     * @return this policy with those methods
     */
    public CorsPolicy withMethods(List<String> value) {
        return new CorsPolicy(origins, credentials, InvalidArgumentException.requireNonNull(value, "value"), headers, expose,
                maxAge);
    }

    /**
     * @param value the request headers a page may set
     * @return this policy with those request headers
     */
    public CorsPolicy withHeaders(List<String> value) {
        return new CorsPolicy(origins, credentials, methods, InvalidArgumentException.requireNonNull(value, "value"), expose,
                maxAge);
    }

    /**
     * @param value the response headers a page may read
     * @return this policy exposing those response headers
     */
    public CorsPolicy withExpose(List<String> value) {
        return new CorsPolicy(origins, credentials, methods, headers, InvalidArgumentException.requireNonNull(value, "value"),
                maxAge);
    }

    /**
     * @param value how long a browser may cache a preflight's answer
     * @return this policy with that max age
     */
    public CorsPolicy withMaxAge(Duration value) {
        return new CorsPolicy(origins, credentials, methods, headers, expose,
                InvalidArgumentException.requireNonNull(value, "value"));
    }

    private static void checkOrigin(String origin) {
        if (origin.equals("*")) {
            return;
        }
        URI uri;
        try {
            uri = new URI(origin);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("CORS origin \"" + origin + "\" is not scheme://host[:port]", e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                || !(uri.getRawPath() == null || uri.getRawPath().isEmpty()) || uri.getRawQuery() != null
                || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("CORS origin \"" + origin + "\" is not http(s)://host[:port] (no path, not even /)");
        }
    }
}
