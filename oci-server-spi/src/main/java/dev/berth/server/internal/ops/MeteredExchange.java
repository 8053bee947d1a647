package dev.berth.server.internal.ops;

import dev.berth.server.http.RegistryExchange;
import dev.berth.server.internal.pipeline.CountingOutputStream;
import dev.berth.server.internal.pipeline.ForwardingExchange;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** An exchange that counts the body bytes read from the request and written to the response. */
final class MeteredExchange extends ForwardingExchange {
    private long read;
    private CountingOutputStream sent; // null until a body goes out
    private InputStream body;

    MeteredExchange(RegistryExchange delegate) {
        super(delegate);
    }

    long bytesIn() {
        return read;
    }

    long bytesOut() {
        return sent == null ? 0 : sent.count();
    }

    @Override
    public InputStream requestBody() {
        if (body == null) {
            body = new FilterInputStream(delegate.requestBody()) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    if (b >= 0) {
                        read++;
                    }
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    if (n > 0) {
                        read += n;
                    }
                    return n;
                }
            };
        }
        return body;
    }

    @Override
    public OutputStream respond(int status, long length) throws IOException {
        OutputStream target = delegate.respond(status, length);
        if (method().equals("HEAD")) {
            return target; // the transport discards what is written: nothing goes out
        }
        sent = new CountingOutputStream(target);
        return sent;
    }
}
