package dev.berth.server.servlet;

import dev.berth.server.Registry;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;

/**
 * Serves a {@link Registry} from a servlet container: every request the
 * servlet gets is handed to {@link Registry#handle}, methods such as
 * {@code PATCH} included.
 *
 * <p>Mount it in the root context ({@code ""}), mapped to {@code /v2/*} or
 * {@code /*}: clients address the distribution API at {@code /v2/...} on the
 * registry's host, and the registry reads the request path as sent, so under
 * another context path it finds no API path there (404) and its
 * {@code Location} headers would point outside the context.
 *
 * <pre>{@code
 * Registry registry = EmbeddedRegistry.builder().storage(Storage.filesystem(dir)).build();
 * context.addServlet("registry", new RegistryServlet(registry)).addMapping("/v2/*");
 * // ... when the application stops:
 * registry.close();
 * }</pre>
 *
 * <p>The registry belongs to whoever built it: the servlet does not close it.
 * What reaches it is what the container lets through: a container that
 * refuses ambiguous paths ({@code %2e%2e}, {@code //}) answers them itself,
 * 400 with its own error page, where the registry would answer 400
 * {@code NAME_INVALID}. Jetty 12 lets them through to the registry's own
 * checks with {@code HttpConfiguration.setUriCompliance(UriCompliance.UNSAFE)}
 * and {@code ServletHandler.setDecodeAmbiguousURIs(true)}. TLS, connection
 * limits and timeouts are the container's.
 */
public final class RegistryServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient Registry registry;

    /** @param registry the registry that answers the requests, e.g. from {@code EmbeddedRegistry.builder().build()} */
    public RegistryServlet(Registry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * Hands the request to the registry, whatever its method (the servlet's
     * own dispatch knows no {@code PATCH}).
     *
     * @param request  the request
     * @param response its response
     * @throws IOException if the client went away
     * @throws ServletException never; declared by the servlet API
     */
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        ServletExchange exchange = new ServletExchange(request, response);
        registry.handle(exchange);
        if (exchange.responded()) {
            LingeringRead.drain(exchange.requestBody()); // a body the answer refused: read it so that the answer is read
        }
    }
}
