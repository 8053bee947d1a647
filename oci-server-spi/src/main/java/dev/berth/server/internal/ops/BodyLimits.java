package dev.berth.server.internal.ops;

import dev.berth.model.ErrorCode;
import dev.berth.model.manifest.Manifest;
import dev.berth.server.http.RegistryExchange;
import dev.berth.server.internal.pipeline.Call;
import dev.berth.server.internal.pipeline.ForwardingExchange;
import dev.berth.server.internal.pipeline.Handler;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * How large a request body each route takes: a manifest up to {@link Manifest#MAX_BYTES}, blob uploads without
 * limit (blobs stream to storage), anything else {@value #SMALL} bytes (no other route reads a body). A
 * {@code Content-Length} above the limit is answered 413 before anything is read; a body without one (chunked)
 * is cut off where it passes the limit, and answered 413 if nothing was answered yet. Either way the connection
 * closes: the rest of the body is not read.
 */
public final class BodyLimits implements Handler {
    static final long SMALL = 64 * 1024;

    private final Handler next;

    /** @param next the rest of the pipeline */
    public BodyLimits(Handler next) {
        this.next = next;
    }

    static long limit(Route route) {
        return switch (route) {
            case UPLOADS -> Long.MAX_VALUE;
            case MANIFESTS -> Manifest.MAX_BYTES;
            default -> SMALL;
        };
    }

    @Override
    public void handle(Call call) throws IOException {
        RegistryExchange ex = call.exchange();
        Route route = Route.of(call.path().kind());
        long limit = limit(route);
        if (limit == Long.MAX_VALUE) {
            next.handle(call);
            return;
        }
        Optional<String> length = ex.requestHeader("Content-Length");
        if (length.isPresent()) {
            long declared = parseLength(length.get());
            if (declared > limit) {
                tooLarge(ex, route, "a request body of " + declared + " bytes", limit);
                return;
            }
            // Within the limit: the transport holds the body to its declared length.
            next.handle(call);
            return;
        }
        if (ex.requestHeader("Transfer-Encoding").isEmpty()) {
            next.handle(call); // no body at all
            return;
        }
        Limited limited = new Limited(ex, limit);
        call.wrap(e -> limited);
        try {
            next.handle(call);
        } catch (IOException e) {
            if (!limited.exceeded || ex.responded()) {
                throw e;
            }
        }
        // The stage that read the body may have taken the cut-off for a client gone away: it answered nothing.
        if (limited.exceeded && !ex.responded()) {
            tooLarge(ex, route, "the request body", limit);
        }
    }

    // An unreadable Content-Length is the transport's to refuse; here it is simply no reason to refuse.
    private static long parseLength(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void tooLarge(RegistryExchange ex, Route route, String what, long limit) throws IOException {
        ex.setHeader("Connection", "close");
        ErrorAnswer.send(ex, 413, ErrorCode.SIZE_INVALID, what + " exceeds the limit of " + limit + " bytes for "
                + ex.method() + " " + route.label);
    }

    /** The body exceeded its route's limit. */
    static final class BodyTooLargeException extends IOException {
        BodyTooLargeException(long limit) {
            super("request body exceeds " + limit + " bytes", null);
        }
    }

    /** The exchange with its body cut off past the limit. */
    private static final class Limited extends ForwardingExchange {
        private final long limit;
        private InputStream body;
        volatile boolean exceeded;

        Limited(RegistryExchange delegate, long limit) {
            super(delegate);
            this.limit = limit;
        }

        @Override
        public InputStream requestBody() {
            if (body == null) {
                body = new LimitedStream(delegate.requestBody());
            }
            return body;
        }

        private final class LimitedStream extends FilterInputStream {
            private long read;

            LimitedStream(InputStream in) {
                super(in);
            }

            @Override
            public int read() throws IOException {
                int b = in.read();
                if (b >= 0) {
                    count(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int off, int len) throws IOException {
                int n = in.read(buffer, off, len);
                if (n > 0) {
                    count(n);
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                long skipped = in.skip(n);
                count(skipped);
                return skipped;
            }

            private void count(long n) throws IOException {
                read += n;
                if (read > limit) {
                    exceeded = true;
                    throw new BodyTooLargeException(limit);
                }
            }
        }
    }
}
