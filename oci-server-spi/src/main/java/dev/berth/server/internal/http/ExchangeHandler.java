package dev.berth.server.internal.http;

import dev.berth.server.http.RegistryExchange;
import java.io.IOException;

/** What answers the requests an {@link Http11Server} reads: the registry, or a test's handler. */
@FunctionalInterface
public interface ExchangeHandler {
    /**
     * @param exchange one request and its response
     * @throws IOException if the client went away
     */
    void handle(RegistryExchange exchange) throws IOException;
}
