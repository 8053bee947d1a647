package dev.berth.server;

import dev.berth.model.internal.ServerDefaults;
import dev.berth.server.auth.Authenticator;
import dev.berth.events.send.EndpointConfig;
import dev.berth.events.send.EventSender;
import dev.berth.server.internal.EventEmitter;
import dev.berth.server.internal.HttpApi;
import dev.berth.server.internal.http.AccessLog;
import dev.berth.server.internal.http.Http11Server;
import dev.berth.server.internal.http.HttpLimits;
import dev.berth.server.internal.RegistryService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import dev.berth.server.internal.gc.ContentGuard;
import dev.berth.server.internal.gc.Lifecycle;
import dev.berth.server.internal.gc.OnlineCollector;
import dev.berth.server.internal.gc.PullTimes;
import dev.berth.server.internal.gc.Quotas;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A distribution-spec registry that an application starts in-process: on
 * 127.0.0.1 and a free port by default, in memory or on disk.
 *
 * <pre>{@code
 * try (EmbeddedRegistry registry = EmbeddedRegistry.builder().storage(Storage.filesystem(dir)).start()) {
 *     URI base = registry.baseUri();          // http://127.0.0.1:41234
 *     String host = registry.hostPort();      // for image references: 127.0.0.1:41234/team/app:1.0
 * }
 * }</pre>
 */
public final class EmbeddedRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRegistry.class);

    private final Http11Server server;
    private final HttpApi api;
    private final ExecutorService executor;
    private final boolean ownsExecutor;
    private final ScheduledExecutorService janitor;
    private final Storage storage;
    private final EventEmitter events;
    private final OnlineCollector collector;
    private final ScheduledExecutorService gcSchedule; // null when collection is on demand only

    private EmbeddedRegistry(Http11Server server, HttpApi api, ExecutorService executor,
                             boolean ownsExecutor, ScheduledExecutorService janitor, Storage storage, EventEmitter events,
                             OnlineCollector collector, ScheduledExecutorService gcSchedule) {
        this.events = events;
        this.collector = collector;
        this.gcSchedule = gcSchedule;
        this.server = server;
        this.api = api;
        this.executor = executor;
        this.ownsExecutor = ownsExecutor;
        this.janitor = janitor;
        this.storage = storage;
    }

    /** @return a builder: in-memory storage on 127.0.0.1 and a free port */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the base URI, e.g. {@code http://127.0.0.1:41234}, or {@code https://...} with TLS */
    public URI baseUri() {
        return URI.create((server.isTls() ? "https://" : "http://") + hostPort());
    }

    private InetSocketAddress publicAddress() {
        return server.address();
    }

    /** @return {@code host:port} as image references name the registry */
    public String hostPort() {
        InetSocketAddress a = publicAddress();
        String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    /** @return the port listened on */
    public int port() {
        return publicAddress().getPort();
    }

    /** @return the storage behind the registry */
    public Storage storage() {
        return storage;
    }

    /**
     * Collects garbage now, while the registry goes on serving: applies the {@linkplain Builder#retention retention
     * policies}, marks what tags reach, sweeps unreferenced blobs older than the {@linkplain GcSettings#grace() grace
     * period}. Pushes are not stalled and never lose what they rely on. A run on the schedule and this one take turns.
     *
     * @param dryRun true to report what would go and change nothing
     * @return what went (or would go)
     */
    public GcReport collectGarbage(boolean dryRun) {
        return collector.collect(dryRun);
    }

    /** Stops listening, lets requests in flight finish (for up to five seconds), then closes the storage. */
    @Override
    public void close() {
        server.stopAccepting();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (api.activeRequests() > 0 && System.nanoTime() < end) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        server.close();

        janitor.shutdownNow();
        if (gcSchedule != null) {
            gcSchedule.shutdownNow();
            try {
                gcSchedule.awaitTermination(5, TimeUnit.SECONDS); // a collection in progress stops before the stores close
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (ownsExecutor) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        events.close();
        storage.close();
    }

    /** Configures an {@link EmbeddedRegistry}. */
    public static final class Builder {
        private Storage storage;
        private InetSocketAddress address = new InetSocketAddress("127.0.0.1", 0);
        private ExecutorService executor;
        private Duration uploadExpiry = Duration.ofHours(1);
        private Authenticator authenticator;
        private boolean readOnly;
        private final List<EndpointConfig> notifications = new ArrayList<>();
        private SSLContext tls;
        private TokenAuth tokenAuth;
        private boolean automaticCrossMount;
        private boolean sparseIndexes;
        // ---- storage lifecycle (helper gc)
        private GcSettings gc = GcSettings.defaults();
        private List<RetentionPolicy> retention = List.of();
        private List<Quota> quotas = List.of();

        private Builder() {
        }

        /**
         * @param value where blobs and metadata are kept
         * @return this builder, with the storage (default: in memory)
         */
        public Builder storage(Storage value) {
            this.storage = Objects.requireNonNull(value, "storage");
            return this;
        }

        /**
         * @param value the address and port to listen on
         * @return this builder, with the address to listen on (default 127.0.0.1, port 0 for a free one)
         */
        public Builder address(InetSocketAddress value) {
            this.address = Objects.requireNonNull(value, "address");
            return this;
        }

        /**
         * @param value the executor that runs the requests
         * @return this builder, with the executor requests run on (default: a bounded pool the registry owns)
         */
        public Builder executor(ExecutorService value) {
            this.executor = Objects.requireNonNull(value, "executor");
            return this;
        }

        /**
         * @param value the longest an upload session may stay idle; positive
         * @return this builder, discarding upload sessions idle for longer than this (default one hour)
         */
        public Builder uploadExpiry(Duration value) {
            this.uploadExpiry = Objects.requireNonNull(value, "uploadExpiry");
            return this;
        }

        /**
         * @param value checks each request's Basic credentials
         * @return this builder, requiring Basic credentials on every request (e.g. an {@code Htpasswd} file)
         */
        public Builder authenticator(Authenticator value) {
            this.authenticator = Objects.requireNonNull(value, "authenticator");
            return this;
        }

        /**
         * @param value the server TLS context, holding the registry's certificate and key
         * @return this builder, serving HTTPS with this server context (see
         *         {@code dev.berth.server.auth.TlsMaterial}); without it the registry speaks plain HTTP
         */
        public Builder tls(SSLContext value) {
            this.tls = Objects.requireNonNull(value, "tls");
            return this;
        }

        /**
         * @param value the token issuer's realm and service, and how to verify its tokens
         * @return this builder, requiring bearer tokens from an external issuer, as distribution's {@code auth: token}
         */
        public Builder tokenAuth(TokenAuth value) {
            this.tokenAuth = Objects.requireNonNull(value, "tokenAuth");
            return this;
        }

        /**
         * @param value true to refuse every write
         * @return this builder, refusing every write with 405 UNSUPPORTED when {@code true}
         */
        public Builder readOnly(boolean value) {
            this.readOnly = value;
            return this;
        }

        /**
         * @param value true to mount without {@code from} from any repository the caller may pull
         * @return this builder, letting a mount without {@code from} link the blob from any repository the
         *         caller may pull when {@code true} (default {@code false}: the client uploads it, as with distribution)
         */
        public Builder automaticCrossMount(boolean value) {
            this.automaticCrossMount = value;
            return this;
        }

        /**
         * @param value true to accept indexes with children missing from the repository
         * @return this builder, accepting indexes whose children are not all in the repository (what copying
         *         some platforms of an index leaves) when {@code true}; default {@code false}: every child must be
         *         there, as distribution checks ({@code validation.manifests.indexes.platforms} in distribution 3)
         */
        public Builder sparseIndexes(boolean value) {
            this.sparseIndexes = value;
            return this;
        }

        /**
         * @param endpoint where to POST the events, and how
         * @return this builder, notifying an endpoint of pushes, pulls, mounts and deletes, as distribution does
         */
        public Builder notify(EndpointConfig endpoint) {
            this.notifications.add(Objects.requireNonNull(endpoint, "endpoint"));
            return this;
        }

        // ---- storage lifecycle (helper gc)

        /**
         * @param value when and how to collect garbage while serving
         * @return this builder, with these settings (default {@link GcSettings#defaults()}: on demand only, one hour's grace)
         */
        public Builder garbageCollection(GcSettings value) {
            this.gc = Objects.requireNonNull(value, "garbageCollection");
            return this;
        }

        /**
         * @param value the policies, the first matching a repository applies to it
         * @return this builder, applying the policies at the start of every garbage collection (default none: keep all)
         */
        public Builder retention(List<RetentionPolicy> value) {
            this.retention = List.copyOf(value);
            return this;
        }

        /**
         * @param value the namespaces' limits
         * @return this builder, refusing pushes beyond the quotas with 403 DENIED (default none)
         */
        public Builder quotas(List<Quota> value) {
            this.quotas = List.copyOf(value);
            return this;
        }

        /**
         * @return the running registry
         * @throws UncheckedIOException if the address cannot be bound
         */
        public EmbeddedRegistry start() {
            if (authenticator != null && tokenAuth != null) {
                throw new IllegalStateException("choose htpasswd or token authentication, not both");
            }
            Storage s = storage != null ? storage : Storage.inMemory();
            boolean owns = executor == null;
            ExecutorService pool = owns ? defaultPool() : executor;
            Http11Server server;
            try {
                // Not the JDK's server: it never answers a TLS probe (which stalls clients that try HTTPS first),
                // and a few hundred connections sending half a request head stop its HTTPS variant answering anyone.
                server = tls != null ? Http11Server.tls(address, tls, HttpLimits.defaults())
                        : Http11Server.plain(address, HttpLimits.defaults());
            } catch (IOException e) {
                if (owns) {
                    pool.shutdownNow();
                }
                throw new UncheckedIOException("cannot listen on " + address + ": " + e.getMessage(), e);
            }
            InetSocketAddress visible = server.address();
            List<EventSender> senders = new ArrayList<>();
            notifications.forEach(n -> senders.add(new EventSender(n)));
            EventEmitter events = new EventEmitter(senders, visible.getHostString() + ":" + visible.getPort());
            Clock clock = Clock.systemUTC();
            boolean readsPulls = retention.stream().anyMatch(p -> p.pulledWithin().isPresent());
            Lifecycle lifecycle = new Lifecycle(new ContentGuard(), new Quotas(quotas, s.blobs(), s.metadata()),
                    readsPulls ? new PullTimes(clock) : null, clock);
            OnlineCollector collector = new OnlineCollector(s.blobs(), s.metadata(), lifecycle.guard(), gc, retention,
                    lifecycle.pulls() != null ? lifecycle.pulls() : new PullTimes(clock), lifecycle.quotas(), clock);
            HttpApi api = new HttpApi(new RegistryService(s.blobs(), s.metadata(),
                    new RegistryService.Rules(automaticCrossMount, sparseIndexes), lifecycle), authenticator, tokenAuth,
                    readOnly, events);
            server.start(new AccessLog(api, EventEmitter.ACTOR), pool);
            ScheduledExecutorService janitor = Executors.newSingleThreadScheduledExecutor(ServerDefaults.daemonThreads("berth-registry-janitor"));
            long every = Math.max(1, Math.min(uploadExpiry.toSeconds(), 600));
            janitor.scheduleWithFixedDelay(() -> {
                try {
                    int expired = s.blobs().expireUploads(uploadExpiry);
                    if (expired > 0) {
                        LOG.info("expired {} idle upload sessions", expired);
                    }
                    lifecycle.guard().forgetUsesBefore(clock.instant().minus(gc.grace()));
                } catch (RuntimeException e) {
                    LOG.warn("expiring upload sessions failed: {}", e.getMessage());
                }
            }, every, every, TimeUnit.SECONDS);
            ScheduledExecutorService gcSchedule = null;
            if (gc.scheduled() && !readOnly) {
                // Its own thread: a long collection must not hold up upload expiry.
                ScheduledExecutorService gcThread = Executors.newSingleThreadScheduledExecutor(
                        ServerDefaults.daemonThreads("berth-registry-gc"));
                long period = gc.interval().toMillis();
                gcThread.scheduleWithFixedDelay(() -> {
                    try {
                        collector.collect(false);
                    } catch (RuntimeException e) {
                        LOG.warn("garbage collection failed: {}", e.toString());
                    }
                }, period, period, TimeUnit.MILLISECONDS);
                gcSchedule = gcThread;
            }
            return new EmbeddedRegistry(server, api, pool, owns, janitor, s, events, collector, gcSchedule);
        }

        private static ExecutorService defaultPool() {
            // Blocking I/O per request: grow to 256 threads under load, shrink when idle.
            return new ThreadPoolExecutor(8, 256, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                    ServerDefaults.daemonThreads("berth-registry"), new ThreadPoolExecutor.CallerRunsPolicy());
        }

    }
}
