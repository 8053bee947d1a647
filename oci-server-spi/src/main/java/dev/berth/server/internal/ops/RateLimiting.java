package dev.berth.server.internal.ops;

import dev.berth.model.ErrorCode;
import dev.berth.server.RateLimit;
import dev.berth.server.http.RegistryExchange;
import dev.berth.server.internal.pipeline.Call;
import dev.berth.server.internal.pipeline.Handler;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Per-client rate limiting: a token bucket per client address ({@link RateLimit}), answered
 * {@code 429 TOOMANYREQUESTS} with {@code Retry-After} beyond it.
 *
 * <p>Each bucket is one {@link AtomicLong} (the generic cell rate algorithm: the time at which the bucket
 * would be full again), so a request costs a map lookup and a compare-and-set, no lock. A bucket whose time
 * has passed is full, the same as no bucket, so it may be forgotten: when more clients than
 * {@code maxClients} are tracked, full buckets go, then the least recently used, down to half.
 */
public final class RateLimiting implements Handler {
    static final int DEFAULT_MAX_CLIENTS = 100_000;

    private final Handler next;
    private final long interval;  // nanoseconds per request at the sustained rate
    private final long tolerance; // how far ahead of now a bucket's time may run: the burst
    private final LongSupplier clock;
    private final int maxClients;
    private final Map<Client, AtomicLong> buckets = new ConcurrentHashMap<>();

    /**
     * @param limit the rate and burst per client
     * @param next  the rest of the pipeline
     */
    public RateLimiting(RateLimit limit, Handler next) {
        this(limit, next, System::nanoTime, DEFAULT_MAX_CLIENTS);
    }

    RateLimiting(RateLimit limit, Handler next, LongSupplier clock, int maxClients) {
        this.next = next;
        this.interval = Math.max(1, (long) (TimeUnit.SECONDS.toNanos(1) / limit.requestsPerSecond()));
        this.tolerance = interval * (limit.burst() - 1L);
        this.clock = clock;
        this.maxClients = maxClients;
    }

    @Override
    public void handle(Call call) throws IOException {
        RegistryExchange ex = call.exchange();
        long wait = acquire(Client.of(ex.remoteAddress()));
        if (wait > 0) {
            long seconds = Math.max(1, (wait + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
            ex.setHeader("Retry-After", Long.toString(seconds));
            ErrorAnswer.send(ex, 429, ErrorCode.TOOMANYREQUESTS, "too many requests from this client; retry in " + seconds + " s");
            return;
        }
        next.handle(call);
    }

    /** @return 0 when the request may go, else how many nanoseconds until it would */
    long acquire(Client client) {
        long now = clock.getAsLong();
        AtomicLong bucket = buckets.get(client);
        if (bucket == null) {
            if (buckets.size() >= maxClients) {
                forgetSome(now);
            }
            bucket = buckets.computeIfAbsent(client, c -> new AtomicLong(now));
        }
        while (true) {
            long full = bucket.get();
            long from = full - now < 0 ? now : full; // a bucket full since long ago starts from now
            long ahead = from - now;
            if (ahead > tolerance) {
                return ahead - tolerance;
            }
            if (bucket.compareAndSet(full, from + interval)) {
                return 0;
            }
        }
    }

    int trackedClients() {
        return buckets.size();
    }

    // Full buckets first (nothing is lost by forgetting them), then the ones that would be full soonest.
    private synchronized void forgetSome(long now) {
        if (buckets.size() < maxClients) {
            return;
        }
        buckets.values().removeIf(b -> b.get() - now <= 0);
        int excess = buckets.size() - maxClients / 2;
        if (excess <= 0) {
            return;
        }
        List<Map.Entry<Client, AtomicLong>> entries = new ArrayList<>(buckets.entrySet());
        entries.sort((a, b) -> Long.compare(a.getValue().get(), b.getValue().get()));
        for (int i = 0; i < excess && i < entries.size(); i++) {
            buckets.remove(entries.get(i).getKey(), entries.get(i).getValue());
        }
    }

    /** A client as the limiter counts it: an IPv4 address, or the first 64 bits of an IPv6 one. */
    record Client(long high, long low) {
        static Client of(InetSocketAddress remote) {
            InetAddress address = remote == null ? null : remote.getAddress();
            if (address == null) {
                return new Client(-1, -1);
            }
            byte[] b = address.getAddress();
            if (address instanceof Inet6Address) {
                return new Client(toLong(Arrays.copyOf(b, 8)), 0x6);
            }
            return new Client(0, toLong(b));
        }

        private static long toLong(byte[] bytes) {
            long v = 0;
            for (byte x : bytes) {
                v = v << 8 | (x & 0xff);
            }
            return v;
        }
    }
}
