package dev.berth.server.internal.ops;

import dev.berth.model.ErrorCode;
import dev.berth.server.CorsPolicy;
import dev.berth.server.http.RegistryExchange;
import dev.berth.server.internal.pipeline.Call;
import dev.berth.server.internal.pipeline.Handler;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * CORS as a {@link CorsPolicy} says. A preflight ({@code OPTIONS} with {@code Origin} and
 * {@code Access-Control-Request-Method}) is answered here, before authentication: browsers send it without
 * credentials. It is 204 with the allowed methods and headers when origin, method and headers are allowed, and
 * 403 without any CORS header otherwise. Other requests from an allowed origin get
 * {@code Access-Control-Allow-Origin} (and credentials, exposed headers) and go on; from any other origin, or
 * without {@code Origin}, they go on untouched.
 */
public final class Cors implements Handler {
    private final Handler next;
    private final Set<String> origins;
    private final boolean anyOrigin;
    private final boolean credentials;
    private final Set<String> methods;
    private final Set<String> headers;
    private final String allowMethods;
    private final String allowHeaders;
    private final String expose;
    private final String maxAge;

    /**
     * @param policy what is allowed
     * @param next   the rest of the pipeline
     */
    public Cors(CorsPolicy policy, Handler next) {
        this.next = next;
        this.anyOrigin = policy.origins().contains("*");
        this.origins = policy.origins().stream().map(o -> o.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.credentials = policy.credentials();
        this.methods = Set.copyOf(policy.methods());
        this.headers = policy.headers().stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.allowMethods = String.join(", ", policy.methods());
        this.allowHeaders = String.join(", ", policy.headers());
        this.expose = String.join(", ", policy.expose());
        this.maxAge = Long.toString(policy.maxAge().toSeconds());
    }

    @Override
    public void handle(Call call) throws IOException {
        RegistryExchange ex = call.exchange();
        Optional<String> origin = ex.requestHeader("Origin");
        if (origin.isEmpty()) {
            next.handle(call);
            return;
        }
        boolean allowed = allowed(origin.get());
        if (ex.method().equals("OPTIONS") && ex.requestHeader("Access-Control-Request-Method").isPresent()) {
            preflight(ex, origin.get(), allowed);
            return;
        }
        if (allowed) {
            allowOrigin(ex, origin.get());
            if (!expose.isEmpty()) {
                ex.setHeader("Access-Control-Expose-Headers", expose);
            }
        }
        next.handle(call);
    }

    private void preflight(RegistryExchange ex, String origin, boolean allowed) throws IOException {
        String method = ex.requestHeader("Access-Control-Request-Method").orElseThrow().trim();
        List<String> requested = requestedHeaders(ex);
        if (!allowed) {
            ErrorAnswer.send(ex, 403, ErrorCode.DENIED, "origin " + origin + " is not allowed to call this registry");
            return;
        }
        if (!methods.contains(method) || !headers.containsAll(requested)) {
            ex.setHeader("Vary", "Origin");
            ErrorAnswer.send(ex, 403, ErrorCode.DENIED, "CORS allows the methods " + allowMethods + " and the headers "
                    + allowHeaders + ", not " + method + (requested.isEmpty() ? "" : " with " + String.join(", ", requested)));
            return;
        }
        allowOrigin(ex, origin);
        ex.setHeader("Access-Control-Allow-Methods", allowMethods);
        if (!allowHeaders.isEmpty()) {
            ex.setHeader("Access-Control-Allow-Headers", allowHeaders);
        }
        ex.setHeader("Access-Control-Max-Age", maxAge);
        ex.respond(204, 0).close();
    }

    private void allowOrigin(RegistryExchange ex, String origin) {
        // The origin echoed, not *, unless any origin may and no credentials go: the answer then varies by origin.
        if (anyOrigin && !credentials) {
            ex.setHeader("Access-Control-Allow-Origin", "*");
        } else {
            ex.setHeader("Access-Control-Allow-Origin", origin);
            ex.addHeader("Vary", "Origin");
        }
        if (credentials) {
            ex.setHeader("Access-Control-Allow-Credentials", "true");
        }
    }

    private boolean allowed(String origin) {
        return anyOrigin || origins.contains(origin.trim().toLowerCase(Locale.ROOT));
    }

    // Access-Control-Request-Headers: a comma-separated list, possibly over several fields, any case.
    private static List<String> requestedHeaders(RegistryExchange ex) {
        return ex.requestHeaders("Access-Control-Request-Headers").stream()
                .flatMap(v -> java.util.Arrays.stream(v.split(",")))
                .map(h -> h.trim().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty()).toList();
    }
}
