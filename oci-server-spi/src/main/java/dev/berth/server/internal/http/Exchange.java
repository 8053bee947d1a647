package dev.berth.server.internal.http;

import dev.berth.server.http.RegistryExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * One request and its response on an {@link Http11Server} connection, plain
 * or TLS. {@link #respond} frames the body by the length it is given: the
 * exact length, 0 for none, -1 for a chunked body (close-delimited for an
 * HTTP/1.0 client); HEAD answers and 204/304 never carry one. If the request
 * body's framing turns out broken while the handler reads it, the answer is
 * 400 and the connection closes, whatever the handler answers.
 *
 * <p>Header names go out as {@link HeaderFields} spells them (first letter
 * upper case, the rest lower case), as this server always sent them.
 */
final class Exchange implements RegistryExchange {
    private static final int DRAIN_LIMIT = 1024 * 1024;

    private final RequestHead head;
    private final BodyStreams.RequestBody framedRequestBody;
    private final ConnectionOutput connection;
    private final InetSocketAddress remote;
    private final boolean secure;
    private final HeaderFields responseHeaders = new HeaderFields();
    private OutputStream responseBody = new BodyStreams.NoOutput();
    private int responseCode = -1;

    Exchange(RequestHead head, BodyStreams.RequestBody requestBody, ConnectionOutput connection, InetSocketAddress remote,
             boolean secure) {
        this.head = head;
        this.framedRequestBody = requestBody;
        this.connection = connection;
        this.remote = remote;
        this.secure = secure;
    }

    @Override
    public String method() {
        return head.method();
    }

    @Override
    public String rawPath() {
        String path = head.target().rawPath();
        return path == null ? "" : path;
    }

    @Override
    public String rawQuery() {
        String query = head.target().rawQuery();
        return query == null ? "" : query;
    }

    @Override
    public Optional<String> requestHeader(String name) {
        return Optional.ofNullable(head.headers().first(name));
    }

    @Override
    public List<String> requestHeaders(String name) {
        return List.copyOf(head.headers().all(name));
    }

    @Override
    public InputStream requestBody() {
        return framedRequestBody;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public boolean secure() {
        return secure;
    }

    @Override
    public String protocol() {
        return head.version();
    }

    @Override
    public void setHeader(String name, String value) {
        beforeResponse();
        responseHeaders.set(name, value);
    }

    @Override
    public void addHeader(String name, String value) {
        beforeResponse();
        responseHeaders.add(name, value);
    }

    private void beforeResponse() {
        if (responseCode >= 0) {
            throw new IllegalStateException("the response headers were already sent");
        }
    }

    @Override
    public Optional<String> responseHeader(String name) {
        return Optional.ofNullable(responseHeaders.first(name));
    }

    @Override
    public boolean responded() {
        return responseCode >= 0;
    }

    @Override
    public int status() {
        return Math.max(0, responseCode);
    }

    @Override
    public OutputStream respond(int code, long length) throws IOException {
        beforeResponse();
        BadRequestException broken = framedRequestBody.broken();
        if (broken != null) {
            answerBroken(broken);
            responseBody = OutputStream.nullOutputStream(); // what the handler writes after this goes nowhere
            return responseBody;
        }
        responseCode = code;
        boolean bodyless = head.method().equals("HEAD") || code == 204 || code == 304 || code < 200;
        if (bodyless) {
            if (code == 204 || code == 304) {
                responseHeaders.remove("Content-length");
            } else if (length >= 0) {
                responseHeaders.set("Content-length", Long.toString(length)); // a HEAD's: what a GET would send
            }
            responseBody = OutputStream.nullOutputStream();
        } else if (length == 0) {
            responseHeaders.set("Content-length", "0");
            responseBody = new BodyStreams.NoOutput();
        } else if (length < 0 && head.version().equals("HTTP/1.0")) {
            // HTTP/1.0 has no chunked coding: the body ends where the connection does.
            responseHeaders.remove("Content-length");
            responseHeaders.set("Connection", "close");
            responseBody = new BodyStreams.CloseDelimitedOutput(connection);
        } else if (length < 0) {
            responseHeaders.remove("Content-length");
            responseHeaders.set("Transfer-encoding", "chunked");
            responseBody = new BodyStreams.ChunkedOutput(connection);
        } else {
            responseHeaders.set("Content-length", Long.toString(length));
            responseBody = new BodyStreams.FixedLengthOutput(connection, length);
        }
        if (head.wantsClose()) {
            responseHeaders.set("Connection", "close");
        }
        StringBuilder h = new StringBuilder(512).append("HTTP/1.1 ").append(code).append(' ').append(reason(code)).append("\r\n");
        h.append("Date: ").append(HttpDate.now()).append("\r\n");
        responseHeaders.appendTo(h);
        h.append("\r\n");
        connection.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (responseBody instanceof BodyStreams.NoOutput || bodyless) {
            connection.flush();
        }
        return responseBody;
    }

    /**
     * Completes the exchange after the handler returned.
     *
     * @return whether the connection can carry another request, once {@link #drainForNextRequest} read what the
     *         handler left of the request body
     */
    boolean finish() throws IOException {
        BadRequestException broken = framedRequestBody.broken();
        if (responseCode < 0) {
            if (broken != null) {
                answerBroken(broken);
            } else {
                responseHeaders.clear();
                responseHeaders.set("Connection", "close");
                respond(500, 0); // the handler sent nothing
            }
            connection.flush();
            return false;
        }
        if (broken != null) {
            connection.flush();
            return false;
        }
        responseBody.close();
        connection.flush();
        if (responseBody instanceof BodyStreams.CloseDelimitedOutput) {
            return false;
        }
        boolean complete = !(responseBody instanceof BodyStreams.FixedLengthOutput f) || f.complete();
        return complete && !"close".equalsIgnoreCase(responseHeaders.first("Connection"));
    }

    private void answerBroken(BadRequestException broken) throws IOException {
        responseCode = broken.status();
        PlainResponses.write(connection, broken.status(), broken.getMessage());
    }

    /**
     * Reads what the handler left of the request body, which must go before the next request, if it is not too
     * much (the caller bounds the time).
     *
     * @return whether it was read whole, so that the connection can carry another request
     */
    boolean drainForNextRequest() throws IOException {
        long read = 0;
        try {
            if (framedRequestBody.read() < 0) {
                return true; // read whole, as nearly always: no buffer to drain into
            }
            byte[] sink = new byte[8192];
            for (int n; (n = framedRequestBody.read(sink)) >= 0; ) {
                read += n;
                if (read > DRAIN_LIMIT) {
                    return false;
                }
            }
        } catch (BadRequestException broken) {
            return false; // the answer is out already; the connection closes
        }
        return true;
    }

    static String reason(int code) {
        return switch (code) {
            case 100 -> "Continue";
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 204 -> "No Content";
            case 206 -> "Partial Content";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 304 -> "Not Modified";
            case 307 -> "Temporary Redirect";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 413 -> "Payload Too Large";
            case 416 -> "Range Not Satisfiable";
            case 431 -> "Request Header Fields Too Large";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }
}
