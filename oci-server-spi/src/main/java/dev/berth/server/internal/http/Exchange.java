package dev.berth.server.internal.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

/**
 * One request and its response on an {@link Http11Server} connection, in the
 * shape of the JDK's {@link HttpExchange}, which is what the registry's handler
 * is written against. {@code sendResponseHeaders} follows the JDK's rules: a
 * length of -1 means no body, 0 a chunked body, any other the exact body
 * length; HEAD answers and 204/304 never carry a body. If the request body's
 * framing turns out broken while the handler reads it, the answer is 400 and
 * the connection closes, whatever the handler answers.
 */
final class Exchange extends HttpExchange implements Served {
    private static final int DRAIN_LIMIT = 1024 * 1024;

    private final RequestHead head;
    private final BodyStreams.RequestBody framedRequestBody;
    private InputStream requestBody;
    private OutputStream filteredResponseBody;
    private final ConnectionOutput connection;
    private final InetSocketAddress local;
    private final InetSocketAddress remote;
    private final Headers responseHeaders = new Headers();
    private final Map<String, Object> attributes = new HashMap<>();
    private OutputStream responseBody = new BodyStreams.NoOutput();
    private int responseCode = -1;

    Exchange(RequestHead head, BodyStreams.RequestBody requestBody, ConnectionOutput connection, InetSocketAddress local,
             InetSocketAddress remote) {
        this.head = head;
        this.framedRequestBody = requestBody;
        this.requestBody = requestBody;
        this.connection = connection;
        this.local = local;
        this.remote = remote;
    }

    @Override
    public Headers getRequestHeaders() {
        return head.headers();
    }

    @Override
    public Headers getResponseHeaders() {
        return responseHeaders;
    }

    @Override
    public URI getRequestURI() {
        return head.target();
    }

    @Override
    public String getRequestMethod() {
        return head.method();
    }

    @Override
    public HttpContext getHttpContext() {
        return null; // one handler serves every path: there are no contexts
    }

    @Override
    public void close() {
        try {
            responseBody.close();
        } catch (IOException ignored) {
            // the connection is closed after an incomplete response anyway
        }
    }

    @Override
    public InputStream getRequestBody() {
        return requestBody;
    }

    @Override
    public OutputStream getResponseBody() {
        return filteredResponseBody != null ? filteredResponseBody : responseBody;
    }

    @Override
    public void sendResponseHeaders(int code, long length) throws IOException {
        if (responseCode >= 0) {
            throw new IOException("the response headers were already sent");
        }
        BadRequestException broken = framedRequestBody.broken();
        if (broken != null) {
            answerBroken(broken);
            responseBody = OutputStream.nullOutputStream(); // what the handler writes after this goes nowhere
            return;
        }
        responseCode = code;
        boolean bodyless = head.method().equals("HEAD") || code == 204 || code == 304 || code < 200;
        if (bodyless) {
            if (code == 204 || code == 304) {
                responseHeaders.remove("Content-length");
            } else if (!responseHeaders.containsKey("Content-length")) {
                responseHeaders.set("Content-length", length > 0 ? Long.toString(length) : "0");
            }
            responseBody = new BodyStreams.NoOutput();
        } else if (length == -1) {
            responseHeaders.set("Content-length", "0");
            responseBody = new BodyStreams.NoOutput();
        } else if (length == 0 && head.version().equals("HTTP/1.0")) {
            // HTTP/1.0 has no chunked coding: the body ends where the connection does.
            responseHeaders.remove("Content-length");
            responseHeaders.set("Connection", "close");
            responseBody = new BodyStreams.CloseDelimitedOutput(connection);
        } else if (length == 0) {
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
        StringBuilder h = new StringBuilder(256).append("HTTP/1.1 ").append(code).append(' ').append(reason(code)).append("\r\n");
        h.append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC))).append("\r\n");
        responseHeaders.forEach((name, values) -> values.forEach(v -> h.append(name).append(": ").append(v).append("\r\n")));
        h.append("\r\n");
        connection.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (responseBody instanceof BodyStreams.NoOutput) {
            connection.flush();
        }
    }

    /**
     * Completes the exchange after the handler returned.
     *
     * @return whether the connection can carry another request
     */
    boolean finish() throws IOException {
        BadRequestException broken = framedRequestBody.broken();
        if (responseCode < 0) {
            if (broken != null) {
                answerBroken(broken);
            } else {
                responseHeaders.clear();
                responseHeaders.set("Connection", "close");
                sendResponseHeaders(500, -1); // the handler sent nothing
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
        return complete && drained();
    }

    private void answerBroken(BadRequestException broken) throws IOException {
        responseCode = broken.status();
        PlainResponses.write(connection, broken.status(), broken.getMessage());
    }

    // What the handler left of the request body must be read before the next request, if it is not too much.
    private boolean drained() throws IOException {
        byte[] sink = new byte[8192];
        long read = 0;
        try {
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

    @Override
    public int finalStatus() {
        if (responseCode >= 0) {
            return responseCode;
        }
        BadRequestException broken = framedRequestBody.broken();
        return broken != null ? broken.status() : 500; // what finish() will answer
    }

    @Override
    public long responseBodyBytes() {
        if (responseBody instanceof BodyStreams.FixedLengthOutput f) {
            return f.written();
        }
        if (responseBody instanceof BodyStreams.CloseDelimitedOutput d) {
            return d.written();
        }
        return responseBody instanceof BodyStreams.ChunkedOutput c ? c.written() : 0;
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return remote;
    }

    @Override
    public int getResponseCode() {
        return responseCode;
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return local;
    }

    @Override
    public String getProtocol() {
        return head.version();
    }

    @Override
    public Object getAttribute(String name) {
        return attributes.get(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        attributes.put(name, value);
    }

    @Override
    public void setStreams(InputStream i, OutputStream o) {
        if (i != null) {
            requestBody = i;
        }
        if (o != null) {
            filteredResponseBody = o; // a filter's wrapper around the body stream it got from getResponseBody()
        }
    }

    @Override
    public HttpPrincipal getPrincipal() {
        return null;
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
