package dev.berth.examples.ui;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Every request: API and webhooks to {@link ApiRoutes}, the rest to the page's
 * {@link StaticFiles}. Before a change it checks the admin session (when a login
 * is required) and that a browser's request comes from the UI's own page (its
 * Origin), then maps every failure to the JSON error body.
 */
final class UiHandler implements HttpHandler {
    private static final System.Logger LOG = System.getLogger(UiHandler.class.getName());

    private final ApiRoutes routes;
    private final StaticFiles files;
    private final SessionApi sessions;
    private final boolean loginRequired;
    private final int maxBody;

    UiHandler(ApiRoutes routes, StaticFiles files, SessionApi sessions, boolean loginRequired, int maxBody) {
        this.routes = routes;
        this.files = files;
        this.sessions = sessions;
        this.loginRequired = loginRequired;
        this.maxBody = maxBody;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        ApiRequest request = null;
        try {
            request = new ApiRequest(exchange, maxBody);
            dispatch(request);
        } catch (ApiException e) {
            answer(exchange, request, e.status(), e.code(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "request " + exchange.getRequestMethod() + " "
                    + exchange.getRequestURI().getRawPath() + " failed", e);
            answer(exchange, request, 500, "INTERNAL", e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            exchange.close();
        }
    }

    private void dispatch(ApiRequest request) throws IOException {
        List<String> s = request.segments();
        boolean api = s.size() >= 2 && s.get(0).equals("api") && s.get(1).equals("v1")
                || ApiRoutes.isWebhook(s);
        if (!api) {
            if (!s.isEmpty() && (s.get(0).equals("api") || s.get(0).equals("plugins"))) {
                throw ApiException.notFound("no such API route: /" + String.join("/", s));
            }
            files.serve(request);
            return;
        }
        Optional<String> user = sessions.user(request);
        user.ifPresent(request::user);
        boolean change = !request.method().equals("GET") && !request.method().equals("HEAD");
        if (change && !ApiRoutes.isWebhook(s)) {
            requireSameOrigin(request);
        }
        if (change && loginRequired && !ApiRoutes.needsNoAdmin(s) && user.isEmpty()) {
            throw ApiException.unauthorized("log in as the admin first (POST /api/v1/login)");
        }
        routes.route(request);
    }

    // A page elsewhere can make a browser POST to a loopback UI; browsers send its Origin, which must be ours.
    private static void requireSameOrigin(ApiRequest request) {
        Optional<String> origin = request.header("Origin");
        if (origin.isEmpty()) {
            return; // not a browser's cross-site request: curl, scripts, tests
        }
        String host = request.header("Host").orElse("");
        String originHost;
        try {
            originHost = URI.create(origin.get()).getRawAuthority();
        } catch (IllegalArgumentException e) {
            originHost = null;
        }
        if (originHost == null || !originHost.equalsIgnoreCase(host)) {
            throw new ApiException(403, "FORBIDDEN", "requests from another site's page (Origin " + origin.get()
                    + ") may not change anything here");
        }
    }

    private static void answer(HttpExchange exchange, ApiRequest request, int status, String code, String message)
            throws IOException {
        if (request != null && request.answered()) {
            return; // the headers are out: nothing more can be said
        }
        byte[] body = UiJson.bytes(UiJson.error(code, message));
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }
}
