package dev.berth.server;

import dev.berth.model.InvalidArgumentException;
import dev.berth.server.auth.AccessPolicy;
import dev.berth.server.auth.Authenticator;
import dev.berth.events.send.EndpointConfig;
import dev.berth.server.internal.http.Http11Server;
import dev.berth.server.internal.ops.DebugServer;
import io.micrometer.core.instrument.MeterRegistry;
import dev.berth.server.internal.http.HttpLimits;
import dev.berth.server.spi.JobLease;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

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
 *
 * <p>{@link Builder#build()} makes the same registry without the listener, a
 * {@link Registry} for a server of the application's own.
 */
public final class EmbeddedRegistry implements AutoCloseable {
    private final Http11Server server;
    private final Registry registry;
    private final DebugServer debug;

    private EmbeddedRegistry(Http11Server server, Registry registry, DebugServer debug) {
        this.debug = debug;
        this.server = server;
        this.registry = registry;
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
        return registry.storage();
    }

    /**
     * @return the debug listener's base URI ({@code /metrics}, {@code /debug/health}), when
     *         {@link Builder#debugAddress} set one
     */
    public Optional<URI> debugUri() {
        if (debug == null) {
            return Optional.empty();
        }
        InetSocketAddress a = debug.address();
        String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
        return Optional.of(URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort()));
    }

    /**
     * Collects garbage now, while the registry goes on serving (see {@link Registry#collectGarbage(boolean)}).
     *
     * @param dryRun true to report what would go and change nothing
     * @return what went (or would go)
     */
    public GcReport collectGarbage(boolean dryRun) {
        return registry.collectGarbage(dryRun);
    }

    /** Stops listening, lets requests in flight finish (for up to five seconds), then closes the storage. */
    @Override
    public void close() {
        server.stopAccepting();
        registry.awaitIdle(Duration.ofSeconds(5));
        server.close();
        if (debug != null) {
            debug.close();
        }
        registry.close();
    }

    /**
     * Configures a registry: {@link #start} runs it behind Berth's own HTTP/1.1
     * server, {@link #build} makes a {@link Registry} for another server to
     * hand requests to. The listener's options ({@link #address},
     * {@link #tls}) are {@code start}'s alone.
     */
    public static final class Builder {
        // Package-private: Registry reads the options it builds from.
        Storage storage;
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", 0);
        Duration uploadExpiry = Duration.ofHours(1);
        Authenticator authenticator;
        boolean readOnly;
        final List<EndpointConfig> notifications = new ArrayList<>();
        SSLContext tls;
        TokenAuth tokenAuth;
        boolean automaticCrossMount;
        boolean sparseIndexes;
        boolean blobRedirects;
        // access
        AccessPolicy accessPolicy;
        // deletes
        boolean deleteEnabled = true;
        // Operations: metrics, the debug listener, limits, headers, CORS.
        MeterRegistry meterRegistry;
        Supplier<String> prometheusScrape;
        InetSocketAddress debugAddress;
        RateLimit rateLimit;
        CorsPolicy cors;
        Map<String, List<String>> responseHeaders = Map.of();
        // ---- storage lifecycle (helper gc)
        GcSettings gc = GcSettings.defaults();
        List<RetentionPolicy> retention = List.of();
        List<Quota> quotas = List.of();
        JobLease jobLease = JobLease.local();

        private Builder() {
        }

        /**
         * @param value where blobs and metadata are kept
         * @return this builder, with the storage (default: in memory)
         */
        public Builder storage(Storage value) {
            this.storage = InvalidArgumentException.requireNonNull(value, "value");
            return this;
        }

        /**
         * @param value the address and port to listen on
         * @return this builder, with the address to listen on (default 127.0.0.1, port 0 for a free one)
         */
        public Builder address(InetSocketAddress value) {
            this.address = InvalidArgumentException.requireNonNull(value, "value");
            return this;
        }

        /**
         * @param value the longest an upload session may stay idle; positive
         * @return this builder, discarding upload sessions idle for longer than this (default one hour)
         */
        public Builder uploadExpiry(Duration value) {
            this.uploadExpiry = InvalidArgumentException.requireNonNull(value, "value");
            return this;
        }

        /**
         * @param value checks each request's Basic credentials
         * @return this builder, requiring Basic credentials on every request (e.g. an {@code Htpasswd} file)
         */
        public Builder authenticator(Authenticator value) {
            this.authenticator = InvalidArgumentException.requireNonNull(value, "value");
            return this;
        }

        /**
         * @param value the server TLS context, holding the registry's certificate and key
         * @return this builder, serving HTTPS with this server context (see
         *         {@code dev.berth.server.auth.TlsMaterial}); without it the registry speaks plain HTTP
         */
        public Builder tls(SSLContext value) {
            this.tls = InvalidArgumentException.requireNonNull(value, "value");
            return this;
        }

        /**
         * @param value the token issuer's realm and service, and how to verify its tokens
         * @return this builder, requiring bearer tokens from an external issuer, as distribution's {@code auth: token}
         */
        public Builder tokenAuth(TokenAuth value) {
            this.tokenAuth = InvalidArgumentException.requireNonNull(value, "value");
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
         * @param value true to send clients to the blob store for blob pulls where it offers a URL
         * @return this builder, answering a blob {@code GET} with {@code 307 Temporary Redirect} to
         *         {@link dev.berth.server.spi.BlobStore#redirectFor} (an S3 store's pre-signed URL, for one) when
         *         {@code true}, as distribution does by default; authentication, access rules and pull events
         *         apply as to a blob served, and {@code HEAD} and stores without a URL are served as before.
         *         Default {@code false}: the registry streams every blob itself, for clients that can reach only
         *         the registry
         */
        public Builder blobRedirects(boolean value) {
            this.blobRedirects = value;
            return this;
        }

        // ---- access (per-repository rules)

        /**
         * @param value who may do what on which repositories, for htpasswd users and token subjects
         * @return this builder, deciding each request by the policy: a user without the access gets 403
         *         {@code DENIED} (with tokens, also what the token grants), a request without credentials passes
         *         for the policy's anonymous actions and is asked to authenticate (401) for anything else, and the
         *         catalog lists only the repositories the caller may pull. Without it, every authenticated user
         *         may do everything. Needs {@link #authenticator} or {@link #tokenAuth}.
         */
        public Builder accessPolicy(AccessPolicy value) {
            this.accessPolicy = InvalidArgumentException.requireNonNull(value, "value");
            return this;
        }

        // ---- deletes (distribution's storage.delete.enabled)

        /**
         * @param value false to refuse deleting manifests, tags and blobs
         * @return this builder, answering every manifest, tag and blob delete with 405 UNSUPPORTED when
         *         {@code false}, as distribution does unless {@code storage.delete.enabled: true}; default
         *         {@code true}. Cancelling an upload is not a delete and stays allowed.
         */
        public Builder deleteEnabled(boolean value) {
            this.deleteEnabled = value;
            return this;
        }

        // ----

        /**
         * @param endpoint where to POST the events, and how
         * @return this builder, notifying an endpoint of pushes, pulls, mounts and deletes, as distribution does
         */
        public Builder notify(EndpointConfig endpoint) {
            this.notifications.add(InvalidArgumentException.requireNonNull(endpoint, "endpoint"));
            return this;
        }

        // ---- operations: metrics, the debug listener, limits, headers, CORS

        /**
         * @param value the application's meter registry (Prometheus, OTLP, JMX, Spring Boot's, ...)
         * @return this builder, publishing the registry's meters there: request durations by method, route and
         *         status ({@code registry_http_request_duration_seconds} in Prometheus), bytes in and out,
         *         requests in flight, finished blob uploads, stored bytes, notification events, garbage collection
         */
        public Builder meterRegistry(MeterRegistry value) {
            this.meterRegistry = InvalidArgumentException.requireNonNull(value, "value");
            return this;
        }

        /**
         * @param value the meters in Prometheus text, e.g. {@code prometheusRegistry::scrape} of a
         *              {@code PrometheusMeterRegistry} also given to {@link #meterRegistry}
         * @return this builder, answering {@code /metrics} on the {@link #debugAddress} with that text
         */
        public Builder prometheusScrape(Supplier<String> value) {
            this.prometheusScrape = InvalidArgumentException.requireNonNull(value, "value");
            return this;
        }

        /**
         * @param value where the debug listener listens, e.g. 127.0.0.1 and port 5001 (0 for a free port)
         * @return this builder, serving {@code /metrics} (see {@link #prometheusScrape}) and {@code /debug/health}
         *         (JSON: {@code status} and one entry per check, storage and notifications; 503 when down) on a
         *         listener of their own, as distribution's {@code http.debug.addr}; {@link #start}'s alone
         */
        public Builder debugAddress(InetSocketAddress value) {
            this.debugAddress = InvalidArgumentException.requireNonNull(value, "value");
            return this;
        }

        /**
         * @param value the requests per second and burst allowed per client address
         * @return this builder, answering requests beyond the limit {@code 429 TOOMANYREQUESTS} with {@code Retry-After}
         */
        public Builder rateLimit(RateLimit value) {
            this.rateLimit = InvalidArgumentException.requireNonNull(value, "value");
            return this;
        }

        /**
         * @param value which web origins may call the registry, and how
         * @return this builder, answering CORS preflights before authentication and adding CORS headers to answers
         *         for the allowed origins (none for others)
         */
        public Builder cors(CorsPolicy value) {
            this.cors = InvalidArgumentException.requireNonNull(value, "value");
            return this;
        }

        /**
         * @param value header names, each with its values, as distribution's {@code http.headers}
         * @return this builder, adding these headers to every answer ({@code X-Content-Type-Options: nosniff} is
         *         always sent; a header of that name here replaces it)
         * @throws IllegalArgumentException if a header has a blank name or no value
         */
        public Builder responseHeaders(Map<String, List<String>> value) {
            Map<String, List<String>> copy = new LinkedHashMap<>();
            InvalidArgumentException.requireNonNull(value, "value").forEach((name, values) -> {
                if (name == null || name.isBlank() || values == null || values.isEmpty()) {
                    throw new IllegalArgumentException("response header \"" + name + "\" needs a name and at least one value");
                }
                copy.put(name, List.copyOf(values));
            });
            this.responseHeaders = Collections.unmodifiableMap(copy);
            return this;
        }

        // ---- storage lifecycle (helper gc)

        /**
         * @param value when and how to collect garbage while serving
         * @return this builder, with these settings (default {@link GcSettings#defaults()}: on demand only, one hour's grace)
         */
        public Builder garbageCollection(GcSettings value) {
            this.gc = InvalidArgumentException.requireNonNull(value, "value");
            return this;
        }

        /**
         * @param value the policies, the first matching a repository applies to it
         * @return this builder, applying the policies at the start of every garbage collection (default none: keep all)
         */
        public Builder retention(List<RetentionPolicy> value) {
            this.retention = List.copyOf(InvalidArgumentException.requireNonNull(value, "value"));
            return this;
        }

        /**
         * @param value the lease that instances over the same storage share, such as oci-storage-jdbc's
         *              {@code JdbcLease.forInstance(name, ttl)}
         * @return this builder, running scheduled garbage collection only while holding the lease's job
         *         {@code "gc"}: of several instances, one at a time collects, the others skip their turn (default
         *         {@link JobLease#local()}: this registry alone)
         */
        public Builder jobLease(JobLease value) {
            this.jobLease = InvalidArgumentException.requireNonNull(value, "value");
            return this;
        }

        /**
         * @param value the namespaces' limits
         * @return this builder, refusing pushes beyond the quotas with 403 DENIED (default none)
         */
        public Builder quotas(List<Quota> value) {
            this.quotas = List.copyOf(InvalidArgumentException.requireNonNull(value, "value"));
            return this;
        }


        /**
         * The registry without a listener, for a server of the application's
         * own (a servlet container through {@code RegistryServlet}, or any
         * {@link dev.berth.server.http.RegistryExchange} implementation). The
         * options {@link #address} and {@link #tls} are not
         * used. Events name as their source the {@code Host} of the request.
         *
         * @return the registry, answering requests given to {@link Registry#handle}; the caller closes it
         * @throws IllegalStateException if both htpasswd and token authentication are set, or an access policy and
         *         neither
         */
        public Registry build() {
            return new Registry(this, null);
        }

        /**
         * The registry behind Berth's own HTTP/1.1 server (HTTPS with {@link #tls}).
         *
         * @return the running registry
         * @throws UncheckedIOException if the address cannot be bound
         * @throws IllegalStateException if both htpasswd and token authentication are set, or an access policy and
         *         neither
         */
        public EmbeddedRegistry start() {
            Http11Server server;
            try {
                // Not the JDK's server: it never answers a TLS probe (which stalls clients that try HTTPS first),
                // and a few hundred connections sending half a request head stop its HTTPS variant answering anyone.
                server = tls != null ? Http11Server.tls(address, tls, HttpLimits.defaults())
                        : Http11Server.plain(address, HttpLimits.defaults());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot listen on " + address + ": " + e.getMessage(), e);
            }
            InetSocketAddress visible = server.address();
            Registry registry;
            try {
                registry = new Registry(this, visible.getHostString() + ":" + visible.getPort());
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            DebugServer debug = null;
            if (debugAddress != null) {
                try {
                    debug = DebugServer.start(debugAddress, prometheusScrape, registry.health());
                } catch (IOException e) {
                    server.close();
                    registry.close();
                    throw new UncheckedIOException("cannot listen on the debug address " + debugAddress + ": " + e.getMessage(), e);
                }
            }
            server.start(registry::handle);
            return new EmbeddedRegistry(server, registry, debug);
        }

    }
}
