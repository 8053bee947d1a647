package dev.berth.server.internal.pipeline;

import dev.berth.server.http.RegistryExchange;
import java.io.IOException;
import java.io.OutputStream;
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
public final class AccessLog implements Handler {
    /** The logger's name, for configuring its level. */
    public static final String LOGGER = "dev.berth.server.access";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
    private static final Set<String> HARMLESS_QUERY = Set.of("n", "last", "digest", "mount", "from", "artifactType");

    private final Handler next;

    /** @param next the stages whose requests are logged */
    public AccessLog(Handler next) {
        this.next = next;
    }

    @Override
    public void handle(Call call) throws IOException {
        if (!LOG.isWarnEnabled()) {
            next.handle(call);
            return;
        }
        long start = System.nanoTime();
        Counted counted = new Counted(call.exchange());
        call.wrap(ex -> counted);
        try {
            next.handle(call);
        } finally {
            log(counted, call.caller(), System.nanoTime() - start);
        }
    }

    private static void log(Counted ex, Caller caller, long nanos) {
        // No answer at all: the transport ends the exchange with a 500 (or, if the request broke its framing, a 400).
        int status = ex.responded() ? ex.status() : 500;
        boolean refused = (status == 401 || status == 403) && ex.requestHeader("Authorization").isPresent();
        if (!refused && !LOG.isInfoEnabled()) {
            return;
        }
        String user = caller.name();
        String line = client(ex.remoteAddress()) + " " + (user.isEmpty() ? "-" : user) + " \""
                + ex.method() + " " + target(ex.rawPath(), ex.rawQuery()) + " " + ex.protocol() + "\" " + status + " "
                + ex.bodyBytes() + " " + (nanos / 1_000_000) + "ms";
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
        if (rawQuery == null || rawQuery.isEmpty()) {
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

    /** Counts the response body's bytes as sent: none for answers that carry no body (HEAD, 204, 304). */
    private static final class Counted extends ForwardingExchange {
        private CountingOutputStream sent; // null until a body goes out

        long bodyBytes() {
            return sent == null ? 0 : sent.count();
        }

        Counted(RegistryExchange delegate) {
            super(delegate);
        }

        @Override
        public OutputStream respond(int status, long length) throws IOException {
            OutputStream body = delegate.respond(status, length);
            if (method().equals("HEAD") || status == 204 || status == 304 || status < 200) {
                return body;
            }
            sent = new CountingOutputStream(body);
            return sent;
        }
    }
}
