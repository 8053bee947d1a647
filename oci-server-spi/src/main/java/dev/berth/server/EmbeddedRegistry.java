package dev.berth.server;

import dev.berth.server.auth.AccessPolicy;
import dev.berth.server.auth.Authenticator;
import dev.berth.events.send.EndpointConfig;
import dev.berth.server.internal.http.Http11Server;
import dev.berth.server.internal.http.HttpLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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

    private EmbeddedRegistry(Http11Server server, Registry registry) {
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

    /** Stops listening, lets requests in flight finish (for up to five seconds), then closes the storage. */
    @Override
    public void close() {
        server.stopAccepting();
        registry.awaitIdle(Duration.ofSeconds(5));
        server.close();
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
        // access
        AccessPolicy accessPolicy;
        // deletes
        boolean deleteEnabled = true;

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
            this.accessPolicy = Objects.requireNonNull(value, "accessPolicy");
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
            this.notifications.add(Objects.requireNonNull(endpoint, "endpoint"));
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
            server.start(registry::handle);
            return new EmbeddedRegistry(server, registry);
        }

    }
}
