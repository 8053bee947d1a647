package dev.berth.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * One HTTP request and its response as the registry sees them, whatever
 * server carries them: Berth's own HTTP/1.1 server, a servlet container, or
 * an application's own. A transport implements it once; the registry's
 * handler and its decorators are written against nothing else.
 *
 * <p>The response is sent with {@link #respond(int, long)}, once. For a
 * {@code HEAD} request the transport sends the headers a {@code GET} would,
 * its {@code Content-Length} included, and discards whatever is written to
 * the returned stream; {@code 204} and {@code 304} answers never carry a body.
 */
public interface RegistryExchange {
    /** @return the request method, upper case as sent, e.g. {@code GET} */
    String method();

    /** @return the request path as sent, still percent-encoded, e.g. {@code /v2/team/app/manifests/1.0} */
    String rawPath();

    /** @return the query as sent, without the {@code ?}, still percent-encoded; empty when there is none */
    String rawQuery();

    /**
     * @param name a header name, in any case
     * @return the header's first value, if the request has it
     */
    Optional<String> requestHeader(String name);

    /**
     * @param name a header name, in any case
     * @return every value of the header, in the order sent; empty when absent
     */
    List<String> requestHeaders(String name);

    /** @return the request body, decoded from its transfer framing; empty for a request without one */
    InputStream requestBody();

    /** @return the client's address */
    InetSocketAddress remoteAddress();

    /** @return whether the request came over TLS */
    boolean secure();

    /**
     * The protocol version the request came in, as its request line names it;
     * for the access log. Transports that know it say so; the default is
     * {@code HTTP/1.1}.
     *
     * @return e.g. {@code HTTP/1.1} or {@code HTTP/1.0}
     */
    default String protocol() {
        return "HTTP/1.1";
    }

    /**
     * Sets a response header, replacing any value it had; before {@link #respond} only.
     *
     * @param name  the header name
     * @param value its value
     */
    void setHeader(String name, String value);

    /**
     * Adds a value to a response header, keeping those it had; before {@link #respond} only.
     *
     * @param name  the header name
     * @param value the value to add
     */
    void addHeader(String name, String value);

    /**
     * @param name a header name, in any case
     * @return the response header's first value, if set
     */
    Optional<String> responseHeader(String name);

    /**
     * Sends the status line and headers.
     *
     * @param status the status code
     * @param length the exact body length ({@code 0} for none), or {@code -1} when not known in advance
     * @return where the body goes; closing it ends the response
     * @throws IOException if the client is gone
     * @throws IllegalStateException if a response was already sent
     */
    OutputStream respond(int status, long length) throws IOException;

    /** @return whether {@link #respond} was called */
    boolean responded();

    /** @return the status sent by {@link #respond}, or 0 before it */
    int status();
}
