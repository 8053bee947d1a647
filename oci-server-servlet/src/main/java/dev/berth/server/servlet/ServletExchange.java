package dev.berth.server.servlet;

import dev.berth.server.http.RegistryExchange;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A servlet request and its response as a {@link RegistryExchange}. The
 * container frames the body: {@link #respond} declares the length when it is
 * known (a HEAD's too, whose body this exchange drops itself) and leaves an
 * unknown one to the container (chunked).
 */
final class ServletExchange implements RegistryExchange {
    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private int status;

    ServletExchange(HttpServletRequest request, HttpServletResponse response) {
        this.request = request;
        this.response = response;
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public String rawPath() {
        return request.getRequestURI(); // as sent: the servlet API does not decode it
    }

    @Override
    public String rawQuery() {
        String query = request.getQueryString();
        return query == null ? "" : query;
    }

    @Override
    public Optional<String> requestHeader(String name) {
        return Optional.ofNullable(request.getHeader(name));
    }

    @Override
    public List<String> requestHeaders(String name) {
        return request.getHeaders(name) == null ? List.of() : List.copyOf(Collections.list(request.getHeaders(name)));
    }

    @Override
    public InputStream requestBody() {
        try {
            return request.getInputStream();
        } catch (IOException e) {
            return new FailingInput(e);
        }
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return new InetSocketAddress(request.getRemoteAddr(), request.getRemotePort()); // an address literal: no look-up
    }

    @Override
    public boolean secure() {
        return request.isSecure();
    }

    @Override
    public String protocol() {
        return request.getProtocol();
    }

    @Override
    public void setHeader(String name, String value) {
        beforeResponse();
        response.setHeader(name, value);
    }

    @Override
    public void addHeader(String name, String value) {
        beforeResponse();
        response.addHeader(name, value);
    }

    private void beforeResponse() {
        if (status != 0) {
            throw new IllegalStateException("the response headers were already sent");
        }
    }

    @Override
    public Optional<String> responseHeader(String name) {
        return Optional.ofNullable(response.getHeader(name));
    }

    @Override
    public OutputStream respond(int code, long length) throws IOException {
        beforeResponse();
        status = code;
        response.setStatus(code);
        boolean bodyless = code == 204 || code == 304 || code < 200;
        if (!bodyless && length >= 0) {
            response.setContentLengthLong(length);
        }
        if (bodyless || method().equals("HEAD") || length == 0) {
            response.flushBuffer(); // the head goes out now, as the exchange promises
            return OutputStream.nullOutputStream();
        }
        return response.getOutputStream();
    }

    @Override
    public boolean responded() {
        return status != 0;
    }

    @Override
    public int status() {
        return status;
    }

    /** The body of a request whose stream the container could not give: reading it fails as it did. */
    private static final class FailingInput extends InputStream {
        private final IOException failure;

        FailingInput(IOException failure) {
            this.failure = failure;
        }

        @Override
        public int read() throws IOException {
            throw failure;
        }
    }
}
