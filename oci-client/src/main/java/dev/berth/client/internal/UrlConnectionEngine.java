package dev.berth.client.internal;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Authenticator;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The JDK's {@link HttpURLConnection}, for a blob's bytes: its blocking streams move 2–3 GB/s on loopback where
 * the {@link HttpClient}'s publishers stop near 700 MB/s. It takes the HttpClient's TLS context and parameters
 * (so certificates and host names are verified alike), its proxy selector, connect timeout and authenticator,
 * so both engines reach a registry the same way. It speaks HTTP/1.1 only, keeps connections alive in the JDK's
 * own cache, and cannot send PATCH: chunked uploads stay with the HttpClient. A read that waits longer than the
 * request timeout fails, so a stalled download is resumed rather than left hanging.
 */
final class UrlConnectionEngine implements HttpEngine {
    private static final int COPY_BUFFER = 256 * 1024;

    private final SSLContext tlsContext;
    private final SSLParameters tlsParameters;
    private SSLSocketFactory tls; // guarded by this; made on the first HTTPS connection, as making it reads the trust store
    private final ProxySelector proxies; // null: no proxy
    private final Authenticator authenticator; // null: none
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;

    UrlConnectionEngine(HttpClient settings, Duration requestTimeout) {
        this.tlsContext = settings.sslContext();
        this.tlsParameters = settings.sslParameters();
        this.proxies = settings.proxy().orElseGet(ProxySelector::getDefault);
        this.authenticator = settings.authenticator().orElse(null);
        this.connectTimeoutMillis = settings.connectTimeout().map(UrlConnectionEngine::millis).orElse(0);
        this.readTimeoutMillis = millis(requestTimeout);
    }

    /** @return whether this engine can send {@code method} */
    static boolean carries(String method) {
        return !method.equals("PATCH");
    }

    @Override
    public HttpResponse<InputStream> send(String method, URI uri, Map<String, String> headers, RequestBody body)
            throws IOException {
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection(proxyFor(uri));
        c.setInstanceFollowRedirects(false); // Transport follows them, dropping Authorization across origins
        c.setUseCaches(false);
        c.setConnectTimeout(connectTimeoutMillis);
        c.setReadTimeout(readTimeoutMillis);
        if (c instanceof HttpsURLConnection https) {
            https.setSSLSocketFactory(tls());
        }
        if (authenticator != null) {
            c.setAuthenticator(authenticator);
        }
        c.setRequestMethod(method);
        c.setRequestProperty("Accept", "*/*"); // instead of the HTML-minded list the JDK would send
        headers.forEach(c::setRequestProperty);
        if (body != null) {
            c.setDoOutput(true);
            c.setFixedLengthStreamingMode(body.length());
            try (InputStream in = body.open(); OutputStream out = c.getOutputStream()) {
                copy(in, out);
            } catch (RuntimeException sourceFailed) {
                // Content that failed its own check: the request must not complete with what was sent of it.
                c.disconnect();
                throw sourceFailed;
            }
        }
        int status = c.getResponseCode();
        if (status < 0) {
            c.disconnect();
            throw new IOException(method + " " + uri + ": the answer is not HTTP");
        }
        InputStream stream = status >= 400 ? c.getErrorStream() : c.getInputStream();
        if (stream == null || method.equals("HEAD")) {
            stream = stream == null ? InputStream.nullInputStream() : stream;
        } else if (c.getContentLengthLong() >= 0) {
            stream = new Complete(stream, c.getContentLengthLong(), method + " " + uri);
        }
        return new Response(method, uri, headers, status, headersOf(c), stream);
    }

    // One factory per engine: the JDK's connection cache reuses a kept-alive connection only for the same factory.
    private synchronized SSLSocketFactory tls() {
        if (tls == null) {
            tls = new WithParameters(tlsContext.getSocketFactory(), tlsParameters);
        }
        return tls;
    }

    private Proxy proxyFor(URI uri) {
        if (proxies == null) {
            return Proxy.NO_PROXY;
        }
        List<Proxy> chosen = proxies.select(uri);
        return chosen == null || chosen.isEmpty() ? Proxy.NO_PROXY : chosen.get(0); // as the HttpClient chooses
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buf = new byte[COPY_BUFFER];
        for (int n; (n = in.readNBytes(buf, 0, buf.length)) > 0; ) {
            out.write(buf, 0, n);
        }
    }

    // Header names compared case-insensitively, as HttpHeaders wants them unique; the status line left out.
    private static HttpHeaders headersOf(HttpURLConnection c) {
        Map<String, List<String>> merged = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        c.getHeaderFields().forEach((name, values) -> {
            if (name != null) {
                merged.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values);
            }
        });
        return HttpHeaders.of(merged, (name, value) -> true);
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
    }

    /**
     * A body that fails when the connection ends before Content-Length said, as the HttpClient's does: the
     * JDK's connection stream reports a plain end, which would pass for a short blob instead of a resumable break.
     */
    private static final class Complete extends FilterInputStream {
        private final String exchange;
        private long left;

        Complete(InputStream in, long length, String exchange) {
            super(in);
            this.left = length;
            this.exchange = exchange;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            counted(b < 0 ? -1 : 1);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            counted(n);
            return n;
        }

        private void counted(int n) throws EOFException {
            if (n < 0 && left > 0) {
                throw new EOFException(exchange + ": the connection ended " + left + " bytes before the body's end");
            }
            if (n > 0) {
                left -= n;
            }
        }
    }

    /** A response read from a connection, in the HttpClient's shape that the rest of the client reads. */
    private static final class Response implements HttpResponse<InputStream> {
        private final String method;
        private final URI uri;
        private final Map<String, String> requestHeaders;
        private final int status;
        private final HttpHeaders headers;
        private final InputStream body;

        Response(String method, URI uri, Map<String, String> requestHeaders, int status, HttpHeaders headers,
                 InputStream body) {
            this.method = method;
            this.uri = uri;
            this.requestHeaders = requestHeaders;
            this.status = status;
            this.headers = headers;
            this.body = body;
        }

        @Override
        public int statusCode() {
            return status;
        }

        @Override
        public HttpRequest request() {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody());
            requestHeaders.forEach(b::header);
            return b.build();
        }

        @Override
        public Optional<HttpResponse<InputStream>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public HttpHeaders headers() {
            return headers;
        }

        @Override
        public InputStream body() {
            return body;
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public URI uri() {
            return uri;
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }

    /** Applies the HttpClient's TLS parameters (protocols, cipher suites) to every socket it makes. */
    private static final class WithParameters extends SSLSocketFactory {
        private final SSLSocketFactory delegate;
        private final SSLParameters parameters;

        WithParameters(SSLSocketFactory delegate, SSLParameters parameters) {
            this.delegate = delegate;
            this.parameters = parameters;
        }

        private Socket configured(Socket s) {
            if (s instanceof SSLSocket ssl) {
                ssl.setSSLParameters(parameters);
            }
            return s;
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return parameters.getCipherSuites() != null ? parameters.getCipherSuites() : delegate.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }

        @Override
        public Socket createSocket() throws IOException {
            return configured(delegate.createSocket());
        }

        @Override
        public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
            return configured(delegate.createSocket(s, host, port, autoClose));
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return configured(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return configured(delegate.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return configured(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return configured(delegate.createSocket(address, port, localAddress, localPort));
        }
    }
}
