package dev.berth.server.internal.ops;

import dev.berth.server.http.RegistryExchange;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A request and its answer in memory, for the decorators' own tests: no transport, no socket. */
final class FakeExchange implements RegistryExchange {
    private final String method;
    private final String path;
    private final String query;
    private final Map<String, List<String>> requestHeaders = new LinkedHashMap<>();
    private final Map<String, List<String>> responseHeaders = new LinkedHashMap<>();
    private InputStream body = InputStream.nullInputStream();
    private InetSocketAddress remote = new InetSocketAddress("127.0.0.1", 40000);
    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    private int status;
    long declaredLength = -2;

    FakeExchange(String method, String target) {
        this.method = method;
        int q = target.indexOf('?');
        this.path = q < 0 ? target : target.substring(0, q);
        this.query = q < 0 ? "" : target.substring(q + 1);
    }

    FakeExchange header(String name, String value) {
        requestHeaders.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(value);
        return this;
    }

    FakeExchange body(byte[] bytes) {
        this.body = new ByteArrayInputStream(bytes);
        return this;
    }

    FakeExchange from(String address) {
        this.remote = new InetSocketAddress(address, 40000);
        return this;
    }

    String sentBody() {
        return sent.toString(StandardCharsets.UTF_8);
    }

    List<String> responseHeaderValues(String name) {
        return responseHeaders.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    Map<String, List<String>> responseHeaders() {
        return responseHeaders;
    }

    @Override public String method() { return method; }
    @Override public String rawPath() { return path; }
    @Override public String rawQuery() { return query; }

    @Override
    public Optional<String> requestHeader(String name) {
        return requestHeaders(name).stream().findFirst();
    }

    @Override
    public List<String> requestHeaders(String name) {
        return requestHeaders.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    @Override public InputStream requestBody() { return body; }
    @Override public InetSocketAddress remoteAddress() { return remote; }
    @Override public boolean secure() { return false; }

    @Override
    public void setHeader(String name, String value) {
        requireOpen();
        List<String> values = new ArrayList<>();
        values.add(value);
        responseHeaders.put(name.toLowerCase(Locale.ROOT), values);
    }

    @Override
    public void addHeader(String name, String value) {
        requireOpen();
        responseHeaders.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(value);
    }

    @Override
    public Optional<String> responseHeader(String name) {
        return responseHeaderValues(name).stream().findFirst();
    }

    @Override
    public OutputStream respond(int code, long length) {
        requireOpen();
        this.status = code;
        this.declaredLength = length;
        return method.equals("HEAD") ? OutputStream.nullOutputStream() : sent;
    }

    @Override public boolean responded() { return status != 0; }
    @Override public int status() { return status; }

    private void requireOpen() {
        if (status != 0) {
            throw new IllegalStateException("already responded " + status);
        }
    }
}
