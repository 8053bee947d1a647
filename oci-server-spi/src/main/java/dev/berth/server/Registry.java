package dev.berth.server;

import dev.berth.events.send.EventSender;
import dev.berth.model.internal.ServerDefaults;
import dev.berth.server.http.RegistryExchange;
import dev.berth.server.internal.HttpApi;
import dev.berth.server.internal.RegistryService;
import dev.berth.server.auth.AccessPolicy;
import dev.berth.server.internal.access.PolicyCallers;
import dev.berth.server.internal.pipeline.AccessLog;
import dev.berth.server.internal.pipeline.ApiErrors;
import dev.berth.server.internal.pipeline.Authentication;
import dev.berth.server.internal.pipeline.Authorization;
import dev.berth.server.internal.pipeline.Call;
import dev.berth.server.internal.pipeline.Challenge;
import dev.berth.server.internal.pipeline.EventEmitter;
import dev.berth.server.internal.pipeline.Events;
import dev.berth.server.internal.pipeline.Handler;
import dev.berth.server.internal.pipeline.ReadOnly;
import dev.berth.server.internal.ops.Health;
import dev.berth.server.internal.ops.NotificationEndpoint;
import dev.berth.server.internal.ops.NotificationMeters;
import dev.berth.server.internal.ops.Operations;
import dev.berth.server.internal.ops.StorageMeters;
import dev.berth.server.internal.ops.TimedStorage;
import dev.berth.server.internal.Meters;
import dev.berth.server.internal.gc.ContentGuard;
import dev.berth.server.internal.gc.Lifecycle;
import dev.berth.server.internal.gc.OnlineCollector;
import dev.berth.server.internal.gc.PullTimes;
import dev.berth.server.internal.gc.Quotas;
import dev.berth.server.spi.BlobTouches;
import dev.berth.server.spi.JobLease;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry without a listener of its own: the distribution API, its
 * authentication, notifications and storage, answering whatever
 * {@link RegistryExchange} a server hands it. {@link EmbeddedRegistry} runs one
 * behind Berth's own HTTP/1.1 server; the servlet adapter
 * ({@code dev.berth.server.servlet.RegistryServlet}) runs one inside a servlet
 * container; an application with its own server implements
 * {@code RegistryExchange} once and calls {@link #handle}.
 *
 * <pre>{@code
 * try (Registry registry = EmbeddedRegistry.builder().storage(Storage.filesystem(dir)).build()) {
 *     server.onRequest(exchange -> registry.handle(exchange)); // every request under /v2/
 * }
 * }</pre>
 *
 * <p>It owns its storage, its notification senders, the janitor thread
 * that expires idle upload sessions and the garbage collector's schedule;
 * {@link #close} stops them.
 */
public final class Registry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Registry.class);
    private static final Duration DRAIN = Duration.ofSeconds(5);
    private static final String GC_JOB = "gc";

    private final Storage storage;
    private final EventEmitter events;
    private final ScheduledExecutorService janitor;
    private final Handler pipeline;
    private final Health health;
    private final AtomicInteger active = new AtomicInteger();
    private final Lifecycle lifecycle;
    private final GcSettings gc;
    private final JobLease gcLease;
    private final OnlineCollector collector;
    private final Meters.GcMeters gcMeters;
    private final ScheduledExecutorService gcSchedule; // null when collection is on demand only
    private volatile boolean closed;

    /**
     * @param settings   the builder's options
     * @param sourceAddr the {@code host:port} events name as their source; null when the registry has no listener
     *                   of its own (then each request's {@code Host})
     */
    Registry(EmbeddedRegistry.Builder settings, String sourceAddr) {
        if (settings.authenticator != null && settings.tokenAuth != null) {
            throw new IllegalStateException("choose htpasswd or token authentication, not both");
        }
        if (settings.accessPolicy != null && settings.authenticator == null && settings.tokenAuth == null) {
            throw new IllegalStateException("an access policy needs users: set an authenticator (htpasswd) or tokenAuth");
        }
        this.storage = settings.storage != null ? settings.storage : Storage.inMemory();
        List<EventSender> senders = new ArrayList<>();
        List<NotificationEndpoint> endpoints = new ArrayList<>();
        settings.notifications.forEach(n -> {
            EventSender sender = new EventSender(n);
            senders.add(sender);
            endpoints.add(new NotificationEndpoint(n, sender));
        });
        this.events = new EventEmitter(senders, sourceAddr);
        // What the registry calls; storage() stays the caller's own stores.
        Storage stores = settings.meterRegistry == null ? storage : TimedStorage.wrap(storage, settings.meterRegistry);
        this.health = new Health(stores.blobs(), stores.metadata(), endpoints);
        if (settings.meterRegistry != null) {
            StorageMeters.register(stores.blobs(), settings.meterRegistry);
            NotificationMeters.register(endpoints, settings.meterRegistry);
        }
        Clock clock = Clock.systemUTC();
        // Pull times are recorded only when a retention policy reads them.
        boolean readsPulls = settings.retention.stream().anyMatch(p -> p.pulledWithin().isPresent());
        PullTimes pulls = new PullTimes(clock);
        BlobTouches touches = stores.metadata().blobTouches().orElseGet(BlobTouches::local);
        this.lifecycle = new Lifecycle(new ContentGuard(), new Quotas(settings.quotas, stores.blobs(), stores.metadata()),
                readsPulls ? pulls : null, touches, clock);
        this.gc = settings.gc;
        this.gcLease = settings.jobLease;
        this.gcMeters = Meters.gc(settings.meterRegistry);
        this.collector = new OnlineCollector(stores.blobs(), stores.metadata(), lifecycle.guard(), touches, settings.gc,
                settings.retention, pulls, lifecycle.quotas(), clock);
        RegistryService service = new RegistryService(stores.blobs(), stores.metadata(),
                new RegistryService.Rules(settings.automaticCrossMount, settings.sparseIndexes, settings.deleteEnabled,
                        settings.blobRedirects), lifecycle);
        this.pipeline = pipeline(settings, service, events);
        this.janitor = Executors.newSingleThreadScheduledExecutor(ServerDefaults.daemonThreads("berth-registry-janitor"));
        Duration expiry = settings.uploadExpiry;
        long every = Math.max(1, Math.min(expiry.toSeconds(), 600));
        janitor.scheduleWithFixedDelay(() -> expireUploads(expiry), every, every, TimeUnit.SECONDS);
        this.gcSchedule = settings.gc.scheduled() && !settings.readOnly ? scheduleGc(settings.gc.interval()) : null;
    }

    // Its own thread: a long collection must not hold up upload expiry.
    private ScheduledExecutorService scheduleGc(Duration interval) {
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(ServerDefaults.daemonThreads("berth-registry-gc"));
        long period = interval.toMillis();
        thread.scheduleWithFixedDelay(() -> {
            try {
                collectGarbageUnderLease();
            } catch (RuntimeException e) {
                LOG.warn("garbage collection failed: {}", e.toString());
            }
        }, period, period, TimeUnit.MILLISECONDS);
        return thread;
    }

    // Of the instances sharing the lease, one runs; the others count a skip and try again at their next turn.
    private void collectGarbageUnderLease() {
        if (!gcLease.tryAcquire(GC_JOB)) {
            gcMeters.skipped();
            return;
        }
        try {
            record(collector.collect(false, () -> gcLease.renew(GC_JOB)));
        } finally {
            gcLease.release(GC_JOB);
        }
    }

    /**
     * Collects garbage now, while the registry goes on serving: applies the retention policies
     * ({@link EmbeddedRegistry.Builder#retention}), marks the manifests tags reach (and, unless
     * {@link GcSettings#deleteUntagged()}, every other manifest too) and the blobs they reference, then sweeps the
     * unreferenced blobs older than the {@linkplain GcSettings#grace() grace period}. Pushes are not stalled and
     * never lose what they rely on, on this instance or any other over the same storage. A scheduled run and this
     * one take turns. This one runs whoever holds the {@linkplain EmbeddedRegistry.Builder#jobLease lease}: it is
     * safe beside another instance's run, as each blob's deletion is claimed. A read-only registry collects only
     * when asked here, never on the schedule.
     *
     * @param dryRun true to report what would go and change nothing
     * @return what went (or would go)
     */
    public GcReport collectGarbage(boolean dryRun) {
        GcReport report = collector.collect(dryRun);
        if (!dryRun) {
            record(report);
        }
        return report;
    }

    private void record(GcReport report) {
        gcMeters.run(report.took(), report.bytesFreed(), report.blobsDeleted().size(), report.manifestsDeleted().size());
    }

    // Outermost first: the access log sees every answer, errors included; then the operator's stages (headers,
    // metrics, CORS preflights before authentication, rate limit, body limits), which answer their own refusals;
    // errors are answered in one place around every stage that can refuse; events go out only for requests that
    // got through and succeeded.
    private static Handler pipeline(EmbeddedRegistry.Builder settings, RegistryService service, EventEmitter events) {
        Handler api = new HttpApi(service);
        if (settings.readOnly) {
            api = new ReadOnly(api);
        }
        if (settings.authenticator != null) {
            AccessPolicy policy = settings.accessPolicy != null ? settings.accessPolicy : AccessPolicy.everyAuthenticatedUser();
            api = Authentication.basic(settings.authenticator, new PolicyCallers(policy),
                    new Authorization(Challenge.basic(), api));
        } else if (settings.tokenAuth != null) {
            Authorization authorization = new Authorization(Challenge.bearer(settings.tokenAuth), api);
            api = settings.accessPolicy != null
                    ? Authentication.bearer(settings.tokenAuth, new PolicyCallers(settings.accessPolicy), authorization)
                    : Authentication.bearer(settings.tokenAuth, authorization);
        }
        if (events.active()) {
            api = new Events(events, api);
        }
        Operations operations = new Operations(settings.meterRegistry, settings.cors, settings.rateLimit,
                settings.responseHeaders);
        return new AccessLog(operations.around(new ApiErrors(api)));
    }

    private void expireUploads(Duration expiry) {
        try {
            int expired = storage.blobs().expireUploads(expiry);
            if (expired > 0) {
                LOG.info("expired {} idle upload sessions", expired);
            }
            lifecycle.touches().forgetTouchedBefore(lifecycle.clock().instant().minus(gc.grace()));
        } catch (RuntimeException e) {
            LOG.warn("expiring upload sessions failed: {}", e.getMessage());
        }
    }

    /**
     * Answers one request of the distribution API (paths under {@code /v2/};
     * anything else is answered 404 with the specification's error body).
     * Returns once the response is complete, or the client went away.
     *
     * @param exchange the request and its response, as the server delivered them
     * @throws IOException if the client went away in a way the server must know of
     * @throws IllegalStateException if the registry is closed
     */
    public void handle(RegistryExchange exchange) throws IOException {
        if (closed) {
            throw new IllegalStateException("the registry is closed");
        }
        active.incrementAndGet();
        try {
            pipeline.handle(new Call(exchange));
        } finally {
            active.decrementAndGet();
        }
    }

    /** @return the storage behind the registry */
    public Storage storage() {
        return storage;
    }

    /** @return the storage and notification checks, as the debug listener's {@code /debug/health} reports them */
    Health health() {
        return health;
    }

    /** Waits (up to {@code limit}) until no request is being handled. */
    void awaitIdle(Duration limit) {
        long end = System.nanoTime() + limit.toNanos();
        while (active.get() > 0 && System.nanoTime() < end) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Refuses new requests, lets those in flight finish (for up to five
     * seconds), then stops the janitor, flushes and stops the notification
     * senders and closes the storage.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        awaitIdle(DRAIN);
        janitor.shutdownNow();
        if (gcSchedule != null) {
            gcSchedule.shutdownNow();
            try {
                gcSchedule.awaitTermination(5, TimeUnit.SECONDS); // a collection in progress stops before the stores close
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        events.close();
        storage.close();
    }
}
