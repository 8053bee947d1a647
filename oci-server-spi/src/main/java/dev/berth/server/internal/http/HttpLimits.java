package dev.berth.server.internal.http;

import java.time.Duration;

/**
 * What one client may cost the server. Every connection holds one thread, so
 * {@code maxConnections} bounds the server's threads; the deadlines bound how
 * long a connection may hold it without doing its share.
 *
 * @param maxConnections connections served at once; one more is answered 503 and closed
 * @param headTimeout    from the first byte of a request (or from accepting the connection, for its first
 *                       request; or from the start of a TLS handshake) until its head is complete
 * @param idleTimeout    how long a kept-alive connection may wait for its next request
 * @param ioTimeout      how long one read of a request body or one write of a response may block
 * @param maxHeadBytes   the request line and header fields together, CRLFs included
 * @param maxHeaderFields header fields in one request (trailers of a chunked body count too)
 */
public record HttpLimits(int maxConnections, Duration headTimeout, Duration idleTimeout, Duration ioTimeout,
                         int maxHeadBytes, int maxHeaderFields) {
    /**
     * The embedded registry's limits: 4,096 connections, 10 s for a request head or TLS handshake, 30 s idle
     * between requests, 60 s for a stalled read or write, 32 KiB of head (nginx's default total; a bearer token
     * of several KiB fits), 100 header fields.
     */
    public static HttpLimits defaults() {
        return new HttpLimits(4096, Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60), 32 * 1024, 100);
    }

    /** @throws IllegalArgumentException if a limit is not positive */
    public HttpLimits {
        if (maxConnections < 1 || maxHeadBytes < 64 || maxHeaderFields < 1) {
            throw new IllegalArgumentException("connection and header limits must be positive (head at least 64 bytes)");
        }
        for (Duration d : new Duration[] {headTimeout, idleTimeout, ioTimeout}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive, not " + d);
            }
        }
    }
}
