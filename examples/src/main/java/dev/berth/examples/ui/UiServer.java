package dev.berth.examples.ui;

import com.sun.net.httpserver.HttpServer;
import dev.berth.auth.vault.CredentialVault;
import dev.berth.client.registries.RegistryEntry;
import dev.berth.client.registries.RegistrySet;
import dev.berth.client.tags.TagDetailsCache;
import dev.berth.events.store.EventStore;
import dev.berth.events.store.JdbcEventStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * {@code berth ui}: the registry browser. Serves the page at {@code /}, its
 * REST API under {@code /api/v1} and registry webhooks at {@code /api/v1/events}
 * and {@code /plugins/registry/events}, on the JDK's HTTP server.
 *
 * <pre>{@code
 * try (UiServer ui = UiServer.builder().address(new InetSocketAddress("127.0.0.1", 0)).configDir(dir).build()) {
 *     ui.start();
 *     URI page = ui.uri();
 * }
 * }</pre>
 *
 * <p>The config directory holds {@code registries.json} (passwords encrypted
 * with the key in {@code vault.key}, or {@code $BERTH_VAULT_KEY}), CA
 * certificates in {@code ca/}, {@code audit.log}, the events database
 * {@code events.db} unless another store is given, and {@code admin-password}
 * when a login is required.
 */
public final class UiServer implements AutoCloseable {
    /** The largest API request body, in bytes: a registry form is far smaller. */
    public static final int MAX_BODY = 256 * 1024;

    private final HttpServer http;
    private final ExecutorService executor;
    private final RegistrySet registries;
    private final ConnectionStatuses statuses;
    private final EventStore events;
    private final boolean ownsEvents;
    private final PullJobs pulls;
    private final BrowseApi browse;
    private final AdminLogin login;
    private boolean started;

    private UiServer(Builder b) throws IOException {
        Clock clock = Clock.systemUTC();
        String key = System.getenv("BERTH_VAULT_KEY");
        CredentialVault vault = key != null && !key.isBlank() ? CredentialVault.fromBase64Key(key)
                : CredentialVault.fromKeyFile(b.configDir.resolve("vault.key"));
        this.registries = RegistrySet.builder().file(b.configDir.resolve("registries.json")).vault(vault)
                .cacheTtl(b.cacheTtl).build();
        this.ownsEvents = b.eventStore == null;
        this.events = ownsEvents ? JdbcEventStore.open("jdbc:sqlite:" + b.configDir.resolve("events.db")) : b.eventStore;
        boolean loginRequired = b.loginRequired != null ? b.loginRequired : !b.address.getAddress().isLoopbackAddress();
        this.login = loginRequired ? AdminLogin.required(b.configDir, b.adminPassword, clock) : AdminLogin.notRequired();
        AuditLog audit = new AuditLog(b.configDir.resolve("audit.log"), clock);
        // Kept on disk: after a restart, a date sort reads each manifest again but no configuration.
        TagDetailsCache tagDetails = TagDetailsCache.persistent(b.configDir.resolve("tag-details.tsv"), 50_000);
        this.browse = new BrowseApi(registries, tagDetails, audit, b.cacheTtl, clock);
        this.statuses = new ConnectionStatuses(clock);
        RegistriesApi registriesApi = new RegistriesApi(registries, statuses, events, audit, b.configDir.resolve("ca"),
                browse::invalidate);
        EventsApi eventsApi = new EventsApi(registries, events, b.includePulls, browse::invalidate);
        this.pulls = new PullJobs(registries, audit, browse::invalidate);
        SessionApi sessions = new SessionApi(login, audit);
        ApiRoutes routes = new ApiRoutes(sessions, registriesApi, browse, eventsApi, new SearchApi(registries), pulls,
                new AuditApi(audit));
        this.http = HttpServer.create(b.address, 64);
        this.executor = Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "berth-ui");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(executor);
        http.createContext("/", new UiHandler(routes, new StaticFiles(b.staticRoot), sessions, loginRequired, MAX_BODY));
    }

    /** @return a builder: 127.0.0.1:8080, no config directory yet, SQLite events, pulls ignored */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts answering; the address is bound already, by {@link Builder#build()}. The saved registries are tested
     * meanwhile, so that the list shows their status right after a restart.
     */
    public synchronized void start() {
        if (!started) {
            http.start();
            started = true;
            executor.execute(this::testSavedRegistries);
        }
    }

    // A test the page asked for meanwhile (a save, the Test button) is newer: it stays.
    private void testSavedRegistries() {
        for (RegistryEntry entry : registries.list()) {
            if (statuses.of(entry.name()).isEmpty()) {
                try {
                    statuses.recordIfAbsent(registries.test(entry.name()));
                } catch (RuntimeException removedMeanwhile) {
                    // removed while tested: nothing to show
                }
            }
        }
    }

    /** @return the page's address, such as {@code http://127.0.0.1:8080/} */
    public URI uri() {
        InetSocketAddress a = http.getAddress();
        String host = a.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + a.getPort() + "/");
    }

    /** @return the registries the UI shows; a program may add its own (dev-registry adds itself) */
    public RegistrySet registries() {
        return registries;
    }

    /** @return whether admin actions need a login (when listening beyond loopback, unless set otherwise) */
    public boolean loginRequired() {
        return login.required();
    }

    /** @return the admin password if this start generated it into the config directory, to be shown once */
    public Optional<String> generatedAdminPassword() {
        return login.generatedPassword();
    }

    /** Stops answering, waits for running pulls to stop, and releases the registries and the events store. */
    @Override
    public synchronized void close() {
        if (started) {
            http.stop(0);
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pulls.close();
        browse.close();
        registries.close();
        if (ownsEvents) {
            events.close();
        }
    }

    /** Configures a {@link UiServer}. */
    public static final class Builder {
        private InetSocketAddress address = new InetSocketAddress("127.0.0.1", 8080);
        private Path configDir;
        private EventStore eventStore;
        private boolean includePulls;
        private Duration cacheTtl = Duration.ofMinutes(1);
        private Boolean loginRequired;
        private String adminPassword;
        private String staticRoot = StaticFiles.ROOT;

        private Builder() {
        }

        // Tests serve a page of their own, so that they do not depend on the page's files.
        Builder staticRoot(String value) {
            this.staticRoot = value;
            return this;
        }

        /**
         * @param value where to listen; port 0 for a free one
         * @return this builder
         */
        public Builder address(InetSocketAddress value) {
            this.address = Objects.requireNonNull(value, "address");
            return this;
        }

        /**
         * @param value the directory of registries.json, the vault key, the audit log and the default events.db
         * @return this builder
         */
        public Builder configDir(Path value) {
            this.configDir = Objects.requireNonNull(value, "configDir");
            return this;
        }

        /**
         * @param value where webhook events are kept (the caller closes it); default SQLite {@code DIR/events.db}
         * @return this builder
         */
        public Builder eventStore(EventStore value) {
            this.eventStore = Objects.requireNonNull(value, "eventStore");
            return this;
        }

        /**
         * @param value true to keep pull events too (KubeDash ignores them by default)
         * @return this builder
         */
        public Builder includePulls(boolean value) {
            this.includePulls = value;
            return this;
        }

        /**
         * @param value how long catalogs, tag lists and detail answers are served from the cache (FR-IMG-05);
         *              zero for no cache
         * @return this builder (default one minute)
         */
        public Builder cacheTtl(Duration value) {
            this.cacheTtl = Objects.requireNonNull(value, "cacheTtl");
            return this;
        }

        /**
         * @param value whether admin actions need a login; by default they do exactly when the address is not a
         *              loopback address (tests force it on while listening on 127.0.0.1)
         * @return this builder
         */
        public Builder loginRequired(boolean value) {
            this.loginRequired = value;
            return this;
        }

        /**
         * @param value the admin password; by default the one in {@code DIR/admin-password}, generated there on
         *              the first start that needs a login
         * @return this builder
         */
        public Builder adminPassword(String value) {
            this.adminPassword = Objects.requireNonNull(value, "adminPassword");
            return this;
        }

        /**
         * Opens the registries, the events store and binds the address.
         *
         * @return the server, not answering until {@link UiServer#start()}
         * @throws IllegalStateException if no config directory was given
         * @throws UncheckedIOException  if the address cannot be bound
         */
        public UiServer build() {
            if (configDir == null) {
                throw new IllegalStateException("a UI needs a config directory: configDir(...)");
            }
            try {
                return new UiServer(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot listen on " + address + ": " + e.getMessage(), e);
            }
        }
    }
}
