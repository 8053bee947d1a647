package dev.berth.server.internal.pipeline;

import dev.berth.server.http.RegistryExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/** An exchange that hands every call to another; decorators override what they watch or change. */
public class ForwardingExchange implements RegistryExchange {
    protected final RegistryExchange delegate;

    /** @param delegate the exchange every call goes to */
    public ForwardingExchange(RegistryExchange delegate) {
        this.delegate = delegate;
    }

    @Override public String method() { return delegate.method(); }
    @Override public String rawPath() { return delegate.rawPath(); }
    @Override public String rawQuery() { return delegate.rawQuery(); }
    @Override public Optional<String> requestHeader(String name) { return delegate.requestHeader(name); }
    @Override public List<String> requestHeaders(String name) { return delegate.requestHeaders(name); }
    @Override public InputStream requestBody() { return delegate.requestBody(); }
    @Override public InetSocketAddress remoteAddress() { return delegate.remoteAddress(); }
    @Override public boolean secure() { return delegate.secure(); }
    @Override public String protocol() { return delegate.protocol(); }
    @Override public void setHeader(String name, String value) { delegate.setHeader(name, value); }
    @Override public void addHeader(String name, String value) { delegate.addHeader(name, value); }
    @Override public Optional<String> responseHeader(String name) { return delegate.responseHeader(name); }
    @Override public OutputStream respond(int status, long length) throws IOException { return delegate.respond(status, length); }
    @Override public boolean responded() { return delegate.responded(); }
    @Override public int status() { return delegate.status(); }
}
