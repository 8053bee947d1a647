package dev.berth.server.internal.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpPrincipal;
import com.sun.net.httpserver.HttpsExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import javax.net.ssl.SSLSession;

/**
 * An {@link Exchange} on a TLS connection: handlers tell HTTPS from HTTP by
 * {@link HttpsExchange}, as on the JDK's server (e.g. for the URLs in event
 * notifications), so this one is; everything else is the plain exchange's.
 */
final class TlsExchange extends HttpsExchange implements Served {
    private final Exchange plain;
    private final SSLSession session;

    TlsExchange(Exchange plain, SSLSession session) {
        this.plain = plain;
        this.session = session;
    }

    @Override
    public SSLSession getSSLSession() {
        return session;
    }

    @Override
    public Headers getRequestHeaders() {
        return plain.getRequestHeaders();
    }

    @Override
    public Headers getResponseHeaders() {
        return plain.getResponseHeaders();
    }

    @Override
    public URI getRequestURI() {
        return plain.getRequestURI();
    }

    @Override
    public String getRequestMethod() {
        return plain.getRequestMethod();
    }

    @Override
    public HttpContext getHttpContext() {
        return plain.getHttpContext();
    }

    @Override
    public void close() {
        plain.close();
    }

    @Override
    public InputStream getRequestBody() {
        return plain.getRequestBody();
    }

    @Override
    public OutputStream getResponseBody() {
        return plain.getResponseBody();
    }

    @Override
    public void sendResponseHeaders(int code, long length) throws IOException {
        plain.sendResponseHeaders(code, length);
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return plain.getRemoteAddress();
    }

    @Override
    public int getResponseCode() {
        return plain.getResponseCode();
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return plain.getLocalAddress();
    }

    @Override
    public String getProtocol() {
        return plain.getProtocol();
    }

    @Override
    public Object getAttribute(String name) {
        return plain.getAttribute(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        plain.setAttribute(name, value);
    }

    @Override
    public void setStreams(InputStream i, OutputStream o) {
        plain.setStreams(i, o);
    }

    @Override
    public HttpPrincipal getPrincipal() {
        return plain.getPrincipal();
    }

    @Override
    public int finalStatus() {
        return plain.finalStatus();
    }

    @Override
    public long responseBodyBytes() {
        return plain.responseBodyBytes();
    }
}
