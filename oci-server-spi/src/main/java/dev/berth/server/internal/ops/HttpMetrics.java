package dev.berth.server.internal.ops;

import dev.berth.server.internal.Meters;
import dev.berth.server.internal.pipeline.Call;
import dev.berth.server.internal.pipeline.Handler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The HTTP meters of {@link Meters}: duration and count by method, route and status, bytes in and out by
 * method and route, requests in flight, finished blob uploads. Meters are looked up once per method, route and
 * status and kept in arrays, so a request costs a few array reads, two clock reads and the meters' own updates.
 */
public final class HttpMetrics implements Handler {
    // distribution's buckets (Prometheus' defaults), in seconds.
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};
    private static final String[] METHODS = {"GET", "HEAD", "PUT", "POST", "PATCH", "DELETE", "OPTIONS", "other"};
    private static final Route[] ROUTES = Route.values();

    private final Handler next;
    private final MeterRegistry registry;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Counter uploads;
    private final Counter redirects;
    private final Sizes[] sizes = new Sizes[METHODS.length * ROUTES.length];  // made on first use, as the meters below
    private final AtomicReferenceArray<StatusMeters[]> byStatus = new AtomicReferenceArray<>(METHODS.length * ROUTES.length);

    /**
     * @param registry where the meters go
     * @param next     the rest of the pipeline
     */
    public HttpMetrics(MeterRegistry registry, Handler next) {
        this.next = next;
        this.registry = registry;
        Gauge.builder(Meters.HTTP_IN_FLIGHT, inFlight, AtomicInteger::get).description("Requests being handled")
                .register(registry);
        uploads = Counter.builder(Meters.BLOB_UPLOADS).description("Finished blob uploads (mounts not counted)")
                .register(registry);
        redirects = Counter.builder(Meters.BLOB_REDIRECTS).description("Blob pulls redirected to the blob store")
                .register(registry);
    }

    @Override
    public void handle(Call call) throws IOException {
        long start = System.nanoTime();
        inFlight.incrementAndGet();
        MeteredExchange metered = new MeteredExchange(call.exchange());
        call.wrap(e -> metered);
        boolean failed = true;
        try {
            next.handle(call);
            failed = false;
        } finally {
            inFlight.decrementAndGet();
            record(metered, Route.of(call.path().kind()), failed, System.nanoTime() - start);
        }
    }

    private void record(MeteredExchange ex, Route route, boolean failed, long nanos) {
        int status = ex.responded() ? ex.status() : failed ? 500 : 0;
        int method = methodIndex(ex.method());
        int slot = method * ROUTES.length + route.ordinal();
        StatusMeters meters = statusMeters(slot, method, route, status);
        meters.duration.record(nanos, TimeUnit.NANOSECONDS);
        meters.count.increment();
        Sizes s = sizes(slot, method, route);
        s.in.record(ex.bytesIn());
        s.out.record(ex.bytesOut());
        // An upload ends in 201 to its PUT, or to a monolithic POST; a POST with mount= that links the blob is no upload.
        if (status == 201 && route == Route.UPLOADS && (method == 2 || method == 3 && !ex.rawQuery().contains("mount="))) {
            uploads.increment();
        }
        if (status == 307 && route == Route.BLOBS && method == 0) {
            redirects.increment();
        }
    }

    private StatusMeters statusMeters(int slot, int method, Route route, int status) {
        StatusMeters[] row = byStatus.get(slot);
        if (row == null) {
            byStatus.compareAndSet(slot, null, new StatusMeters[600]);
            row = byStatus.get(slot);
        }
        int index = status >= 100 && status < 600 ? status : 0;
        StatusMeters m = row[index];
        if (m == null) {
            // A race is harmless: Micrometer returns the meter already registered under the same name and tags, and
            // the record's final fields make it safe to publish through a plain array.
            Tags tags = Tags.of("method", METHODS[method], "route", route.label, "status", Integer.toString(status));
            m = new StatusMeters(
                    Timer.builder(Meters.HTTP_REQUEST_DURATION).tags(tags).serviceLevelObjectives(BUCKETS)
                            .description("Time from the request head to the end of the answer").register(registry),
                    Counter.builder(Meters.HTTP_REQUESTS).tags(tags).description("Requests answered").register(registry));
            row[index] = m;
        }
        return m;
    }

    private Sizes sizes(int slot, int method, Route route) {
        Sizes s = sizes[slot];
        if (s == null) {
            Tags tags = Tags.of("method", METHODS[method], "route", route.label);
            s = new Sizes(
                    DistributionSummary.builder(Meters.HTTP_REQUEST_SIZE).baseUnit(Meters.BYTES).tags(tags)
                            .description("Request body bytes").register(registry),
                    DistributionSummary.builder(Meters.HTTP_RESPONSE_SIZE).baseUnit(Meters.BYTES).tags(tags)
                            .description("Response body bytes").register(registry));
            sizes[slot] = s;
        }
        return s;
    }

    private static int methodIndex(String method) {
        return switch (method) {
            case "GET" -> 0;
            case "HEAD" -> 1;
            case "PUT" -> 2;
            case "POST" -> 3;
            case "PATCH" -> 4;
            case "DELETE" -> 5;
            case "OPTIONS" -> 6;
            default -> 7;
        };
    }

    private record StatusMeters(Timer duration, Counter count) {
    }

    private record Sizes(DistributionSummary in, DistributionSummary out) {
    }
}
