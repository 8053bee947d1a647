package dev.berth.server.internal.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request, around the handler, on the SLF4J logger
 * {@value #LOGGER}:
 *
 * <pre>127.0.0.1 alice "GET /v2/team/app/manifests/1.0 HTTP/1.1" 200 1234 3ms</pre>
 *
 * client address, user ({@code -} when none authenticated), method, path with
 * the query, protocol, status, response body bytes, duration. Never a
 * credential: headers are not logged, and of the query only the values of
 * parameters known to be harmless ({@code n}, {@code last}, {@code digest},
 * {@code mount}, {@code from}, {@code artifactType}) are; the others (such as
 * {@code _state} or a token) show as {@code ***}. Lines are INFO, except a
 * request whose credentials were refused (401 or 403 although it sent an
 * {@code Authorization} header): WARN.
 */
public final class AccessLog implements HttpHandler {
    /** The logger's name, for configuring its level. */
    public static final String LOGGER = "dev.berth.server.access";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
    private static final Set<String> HARMLESS_QUERY = Set.of("n", "last", "digest", "mount", "from", "artifactType");

    private final HttpHandler next;
    private final String userAttribute;

    /**
     * @param next          the handler
     * @param userAttribute the exchange attribute in which {@code next} leaves the authenticated user's name
     */
    public AccessLog(HttpHandler next, String userAttribute) {
        this.next = next;
        this.userAttribute = userAttribute;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        long start = System.nanoTime();
        try {
            next.handle(ex);
        } finally {
            if (LOG.isWarnEnabled()) {
                log(ex, System.nanoTime() - start);
            }
        }
    }

    private void log(HttpExchange ex, long nanos) {
        int status = ex instanceof Served s ? s.finalStatus() : ex.getResponseCode();
        boolean refused = (status == 401 || status == 403) && ex.getRequestHeaders().containsKey("Authorization");
        if (!refused && !LOG.isInfoEnabled()) {
            return;
        }
        Object user = ex.getAttribute(userAttribute);
        String line = client(ex.getRemoteAddress()) + " " + (user == null || user.toString().isEmpty() ? "-" : user) + " \""
                + ex.getRequestMethod() + " " + target(ex.getRequestURI().getRawPath(), ex.getRequestURI().getRawQuery()) + " "
                + ex.getProtocol() + "\" " + status + " " + (ex instanceof Served s ? Long.toString(s.responseBodyBytes()) : "-")
                + " " + (nanos / 1_000_000) + "ms";
        if (refused) {
            LOG.warn("{} (credentials refused)", line);
        } else {
            LOG.info(line);
        }
    }

    private static String client(InetSocketAddress remote) {
        return remote == null || remote.getAddress() == null ? "-" : remote.getAddress().getHostAddress();
    }

    /** @return the path and query as logged: values of parameters not known to be harmless masked */
    static String target(String rawPath, String rawQuery) {
        if (rawQuery == null) {
            return rawPath;
        }
        StringBuilder b = new StringBuilder(rawPath).append('?');
        String[] pairs = rawQuery.split("&", -1);
        for (int i = 0; i < pairs.length; i++) {
            if (i > 0) {
                b.append('&');
            }
            int eq = pairs[i].indexOf('=');
            String name = eq < 0 ? pairs[i] : pairs[i].substring(0, eq);
            if (eq < 0) {
                b.append(HARMLESS_QUERY.contains(name) ? name : "***");
            } else {
                b.append(name).append('=').append(HARMLESS_QUERY.contains(name) ? pairs[i].substring(eq + 1) : "***");
            }
        }
        return b.toString();
    }
}
