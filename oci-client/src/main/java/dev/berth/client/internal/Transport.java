package dev.berth.client.internal;

import dev.berth.auth.RegistryAuthenticator;
import dev.berth.client.RateLimit;
import dev.berth.client.RegistryUnreachableException;
import dev.berth.client.RetryPolicy;
import dev.berth.model.ContentVerificationException;
import dev.berth.model.ErrorCode;
import dev.berth.model.OciException;
import dev.berth.model.RegistryError;
import dev.berth.model.RegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one registry's requests: adds the Authorization it knows, answers 401
 * challenges through the authenticator, retries what may succeed later, and
 * follows redirects itself so that Authorization never reaches another host.
 * Responses come back whatever their status; {@link #error} turns one that
 * failed into the typed exception.
 */
public final class Transport {
    private static final Logger LOG = LoggerFactory.getLogger(Transport.class);
    private static final int MAX_REDIRECTS = 5;
    private static final int MAX_ERROR_BODY = 64 * 1024;

    // All dropped on close, so that a JDK HTTP client is unreachable once its owner is closed.
    private volatile HttpEngine messages;
    private volatile HttpEngine bulk;
    private volatile RegistryAuthenticator auth;
    private final String registry;
    private final RetryPolicy retry;
    private final String userAgent;
    private final Consumer<RateLimit> rateLimits;
    private final Clock clock;

    /**
     * @param http           the shared client, with automatic redirects off; a blob's bytes travel over
     *                       {@link java.net.HttpURLConnection} with its TLS and proxy settings
     * @param auth           answers challenges
     * @param registry       host[:port], as credentials are keyed
     * @param retry          when to try again
     * @param userAgent      sent with every request
     * @param requestTimeout the longest wait for a response's headers (and, for a blob's bytes, for any read)
     * @param rateLimits     hears every announced rate limit
     */
    public Transport(HttpClient http, RegistryAuthenticator auth, String registry, RetryPolicy retry, String userAgent,
                     Duration requestTimeout, Consumer<RateLimit> rateLimits) {
        this.messages = new JdkHttpEngine(http, requestTimeout);
        this.bulk = new UrlConnectionEngine(http, requestTimeout);
        this.auth = auth;
        this.registry = registry;
        this.retry = retry;
        this.userAgent = userAgent;
        this.rateLimits = rateLimits;
        this.clock = Clock.systemUTC();
    }

    /** @return the registry this transport talks to */
    public String registry() {
        return registry;
    }

    /**
     * Sends a request until it has an answer worth returning.
     *
     * @return the final response; its body must be read or closed
     * @throws RegistryUnreachableException if no answer came (after retries, when allowed)
     * @throws RegistryException            if retries ran out on a temporary failure
     */
    public HttpResponse<InputStream> send(Call call) {
        RegistryAuthenticator auth = this.auth;
        if (auth == null) {
            throw closed(call.operation());
        }
        Optional<String> authorization = auth.authorizationFor(call.uri(), registry, call.scopes());
        int authRetries = 0;
        int attempt = 1;
        while (true) {
            HttpResponse<InputStream> response;
            try {
                response = exchange(call, authorization);
            } catch (IOException e) {
                rethrowContentFailure(e);
                if (call.retryable() && attempt < retry.maxAttempts()) {
                    Duration wait = retry.backoff(attempt, ThreadLocalRandom.current().nextDouble());
                    LOG.debug("{} failed ({}), retry {} in {} ms", call.operation(), e.toString(), attempt, wait.toMillis());
                    sleep(wait);
                    attempt++;
                    continue;
                }
                throw unreachable(call, e);
            }
            RateLimit.from(response.headers()).ifPresent(rateLimits);
            int status = response.statusCode();
            if (status == 401 && authRetries < 2 && !response.headers().allValues("WWW-Authenticate").isEmpty()) {
                List<String> challenges = response.headers().allValues("WWW-Authenticate");
                close(response);
                authorization = Optional.of(authorization.isPresent()
                        ? auth.authorize(call.uri(), registry, challenges, call.scopes(), authorization.get())
                        : auth.authorize(call.uri(), registry, challenges, call.scopes()));
                authRetries++;
                if (!call.replayable()) {
                    throw new RegistryException(call.operation() + ": refused without credentials, and its streamed body"
                            + " cannot be sent again", 401, List.of(RegistryError.of(ErrorCode.UNAUTHORIZED)));
                }
                continue;
            }
            if (isTemporary(status) && call.retryable() && attempt < retry.maxAttempts()) {
                Optional<Duration> asked = RetryAfter.of(response.headers(), clock);
                if (asked.isEmpty() || asked.get().compareTo(retry.maxRetryAfter()) <= 0) {
                    int retryNumber = attempt;
                    Duration wait = asked.orElseGet(() -> retry.backoff(retryNumber, ThreadLocalRandom.current().nextDouble()));
                    close(response);
                    LOG.debug("{} answered {}, retry {} in {} ms", call.operation(), status, attempt, wait.toMillis());
                    sleep(wait);
                    attempt++;
                    continue;
                }
            }
            return response;
        }
    }

    // A body whose source failed its own check (a corrupt layout blob) reaches the JDK client's caller wrapped
    // in an IOException; it is the content's fault, not the network's, and sending it again cannot help.
    private static void rethrowContentFailure(IOException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof ContentVerificationException bad) {
                throw bad;
            }
        }
    }

    /** Refuses every later request; the HTTP client and authenticator are forgotten. */
    public void close() {
        messages = null;
        bulk = null;
        auth = null;
    }

    private IllegalStateException closed(String operation) {
        return new IllegalStateException(operation + ": the client for " + registry + " is closed");
    }

    private HttpResponse<InputStream> exchange(Call call, Optional<String> authorization) throws IOException {
        HttpEngine engine = call.bulk() && UrlConnectionEngine.carries(call.method()) ? bulk : messages;
        if (engine == null) {
            throw closed(call.operation());
        }
        URI uri = call.uri();
        boolean sameOrigin = true;
        for (int hop = 0; ; hop++) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("User-Agent", userAgent);
            headers.putAll(call.headers());
            if (sameOrigin) {
                authorization.ifPresent(a -> headers.put("Authorization", a));
            }
            HttpResponse<InputStream> response = engine.send(call.method(), uri, headers, call.body());
            int status = response.statusCode();
            boolean redirect = status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
            boolean followable = call.method().equals("GET") || call.method().equals("HEAD");
            Optional<String> location = response.headers().firstValue("Location");
            if (!redirect || !followable || location.isEmpty()) {
                return response;
            }
            close(response);
            if (hop == MAX_REDIRECTS) {
                throw new RegistryException(call.operation() + ": more than " + MAX_REDIRECTS + " redirects", status, List.of());
            }
            URI next = uri.resolve(location.get());
            // Object storage rejects a second auth mechanism, and the token is not theirs to see.
            sameOrigin = sameOrigin && sameOrigin(call.uri(), next);
            uri = next;
        }
    }

    private static boolean sameOrigin(URI a, URI b) {
        return Objects.equals(a.getScheme(), b.getScheme()) && Objects.equals(a.getHost(), b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    /** @return whether a status may go away if the request is sent again later (408, 429, most 5xx) */
    public static boolean isTemporary(int status) {
        return status == 408 || status == 429 || (status >= 500 && status != 501 && status != 505);
    }

    /**
     * Turns a failed response into the typed error, reading (and closing) its body.
     *
     * @return the exception to throw
     */
    public static RegistryException error(String operation, HttpResponse<InputStream> response) {
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes(MAX_ERROR_BODY);
        } catch (IOException e) {
            body = new byte[0];
        }
        List<RegistryError> errors = RegistryError.parseBody(body);
        if (errors.isEmpty() && response.statusCode() == 429) {
            errors = List.of(RegistryError.of(ErrorCode.TOOMANYREQUESTS));
        }
        return new RegistryException(operation, response.statusCode(), errors);
    }

    /** Reads a whole response body of at most {@code limit} bytes. */
    public static byte[] body(String operation, HttpResponse<InputStream> response, long limit) {
        long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        try (InputStream in = response.body()) {
            if (declared > limit) {
                throw new dev.berth.model.ContentTooLargeException(operation, limit, declared);
            }
            byte[] bytes = in.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
            if (bytes.length > limit) {
                throw new dev.berth.model.ContentTooLargeException(operation, limit, bytes.length);
            }
            return bytes;
        } catch (IOException e) {
            throw unreachable(operation, e);
        }
    }

    /** Closes a response whose body is not wanted. */
    public static void close(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // nothing more to read from a response we are done with
        }
    }

    private static RegistryUnreachableException unreachable(Call call, IOException e) {
        return unreachable(call.operation() + " (" + call.uri().getScheme() + "://" + call.uri().getAuthority() + ")", e);
    }

    /** @return the typed error for an I/O failure while talking to a registry */
    public static RegistryUnreachableException unreachable(String operation, IOException e) {
        RegistryUnreachableException.Reason reason = classify(e);
        String what = switch (reason) {
            case DNS -> "unknown host";
            case REFUSED -> "connection refused";
            case TLS -> "TLS failed: " + e.getMessage();
            case TIMEOUT -> "timed out";
            case IO -> e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        };
        return new RegistryUnreachableException(operation + ": " + what, reason, e);
    }

    private static RegistryUnreachableException.Reason classify(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return RegistryUnreachableException.Reason.DNS;
            }
            if (t instanceof HttpConnectTimeoutException || t instanceof HttpTimeoutException
                    || t instanceof SocketTimeoutException) {
                return RegistryUnreachableException.Reason.TIMEOUT;
            }
            if (t instanceof ConnectException) {
                // The JDK client nests ConnectExceptions: an unresolved name hides beneath them, a refusal
                // as a ClosedChannelException.
                Throwable innermost = t;
                while (innermost.getCause() instanceof ConnectException) {
                    innermost = innermost.getCause();
                }
                RegistryUnreachableException.Reason beneath = innermost.getCause() == null
                        ? RegistryUnreachableException.Reason.IO : classify(innermost.getCause());
                return beneath == RegistryUnreachableException.Reason.IO ? RegistryUnreachableException.Reason.REFUSED : beneath;
            }
            if (t instanceof SSLException) {
                return RegistryUnreachableException.Reason.TLS;
            }
        }
        return RegistryUnreachableException.Reason.IO;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OciException("interrupted while waiting to retry", e);
        }
    }
}
