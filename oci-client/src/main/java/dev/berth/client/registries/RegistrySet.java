package dev.berth.client.registries;

import dev.berth.auth.Credential;
import dev.berth.auth.RegistryAuthenticator;
import dev.berth.auth.vault.CredentialVault;
import dev.berth.auth.vault.Secret;
import dev.berth.auth.vault.VaultException;
import dev.berth.client.RegistryClient;
import dev.berth.client.RetryPolicy;
import dev.berth.client.internal.BoundedParallel;
import dev.berth.model.Reference;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registries an application knows by name — what a registry browser lists
 * in its sidebar — with their settings and passwords, a {@link RegistryClient}
 * for each, connection testing, search across catalogs, and a TTL cache of
 * catalogs and tag lists.
 *
 * <p>Kept in a JSON file when one is given: settings in clear, passwords
 * encrypted with AES-256-GCM by a {@link CredentialVault} (from a key file, an
 * environment variable, or a passphrase). Every change is saved at once.
 *
 * <pre>{@code
 * RegistrySet registries = RegistrySet.builder()
 *         .file(Path.of("registries.json"))
 *         .vault(CredentialVault.fromKeyFile(Path.of("registries.key")))
 *         .build();
 * registries.add(RegistryEntry.of("corp", "registry.corp.example").withUsername("ci"), new Secret(password));
 * ConnectionReport report = registries.test("corp");          // reachable? credentials accepted? why not?
 * SearchResult found = registries.search("nginx");            // every registry, at most 4 at a time
 * List<String> tags = registries.tags("corp", "team/app");    // cached for a minute
 * }</pre>
 *
 * <p>Thread-safe. Clients are built on first use and rebuilt when their entry
 * changes; registries with the same TLS settings share one JDK HTTP client.
 * {@link #close()} releases them all.
 */
public final class RegistrySet implements AutoCloseable {
    private final Map<String, StoredRegistry> registries = new LinkedHashMap<>(); // guarded by this
    private final Map<String, RegistryClient> clients = new ConcurrentHashMap<>();
    private final Optional<RegistrySetFile> file;
    private final SharedHttpClients http;
    private final TtlCache<String, List<String>> catalogs;
    private final TtlCache<TagListKey, List<String>> tagLists;
    private final BoundedParallel parallel;
    private final RepositorySearch search;
    private final RetryPolicy retry;
    private final Duration requestTimeout;
    private final Duration testTimeout;
    private final String userAgent;

    private record TagListKey(String registry, String repository) {
    }

    private RegistrySet(Builder b) {
        this.file = b.file == null ? Optional.empty()
                : Optional.of(RegistrySetFile.open(b.file, b.vault, b.passphrase));
        this.http = new SharedHttpClients(b.connectTimeout);
        this.catalogs = new TtlCache<>(b.cacheTtl, b.clock);
        this.tagLists = new TtlCache<>(b.cacheTtl, b.clock);
        this.parallel = new BoundedParallel(b.searchConcurrency, "berth-registries");
        this.search = new RepositorySearch(parallel);
        this.retry = b.retry;
        this.requestTimeout = b.requestTimeout;
        this.testTimeout = b.testTimeout;
        this.userAgent = b.userAgent;
        file.ifPresent(f -> f.loaded().forEach(s -> registries.put(s.entry().name(), s)));
    }

    /** @return a builder: no file, catalogs cached for a minute, four registries searched at a time */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param file  the registries file; created on the first change if missing
     * @param vault encrypts and decrypts the passwords in it
     * @return the set kept in {@code file}
     * @throws VaultException if the vault's key does not open the file
     */
    public static RegistrySet open(Path file, CredentialVault vault) {
        return builder().file(file).vault(vault).build();
    }

    /** @return a set that lives in memory only */
    public static RegistrySet inMemory() {
        return builder().build();
    }

    // ---------------------------------------------------------------- the registries

    /**
     * Adds a registry, or replaces the one of the same name (its cached client and listings are dropped).
     *
     * @param entry    its settings
     * @param password its password, or null to use it anonymously; needs {@link RegistryEntry#username()}
     */
    public synchronized void add(RegistryEntry entry, Secret password) {
        Objects.requireNonNull(entry, "entry");
        if (password != null && entry.username().isEmpty()) {
            throw new IllegalArgumentException("registry " + entry.name() + ": a password needs a username");
        }
        StoredRegistry previous = registries.put(entry.name(), new StoredRegistry(entry, Optional.ofNullable(password)));
        try {
            save();
        } catch (RuntimeException e) {
            restore(entry.name(), previous);
            throw e;
        }
        if (previous != null) {
            http.forget(previous.entry());
        }
        forget(entry.name());
    }

    /**
     * Changes the settings of a registry and keeps its password, as an edit form whose password field was left
     * empty does: the password stays unless the entry no longer has a user, which makes it anonymous.
     *
     * @param entry the new settings, under the name of a registry in this set
     * @throws NoSuchElementException if there is no registry of that name
     */
    public synchronized void edit(RegistryEntry entry) {
        Objects.requireNonNull(entry, "entry");
        StoredRegistry current = stored(entry.name());
        add(entry, entry.username().isPresent() ? current.password().orElse(null) : null);
    }

    /**
     * Adds a registry used anonymously, or replaces the one of the same name.
     *
     * @param entry the registry: its name, address and settings
     */
    public void add(RegistryEntry entry) {
        add(entry, null);
    }

    /**
     * @param name the registry's name in this set
     * @return true if there was a registry of that name
     */
    public synchronized boolean remove(String name) {
        StoredRegistry previous = registries.remove(name);
        if (previous == null) {
            return false;
        }
        try {
            save();
        } catch (RuntimeException e) {
            restore(name, previous);
            throw e;
        }
        forget(name);
        return true;
    }

    /**
     * @param name the registry's name in this set
     * @return the registry of that name
     */
    public synchronized Optional<RegistryEntry> get(String name) {
        return Optional.ofNullable(registries.get(name)).map(StoredRegistry::entry);
    }

    /** @return every registry, in the order they were first added */
    public synchronized List<RegistryEntry> list() {
        return registries.values().stream().map(StoredRegistry::entry).toList();
    }

    /**
     * @param name the registry's name in this set
     * @return true if a password is kept for that registry (it is never shown back)
     */
    public synchronized boolean hasPassword(String name) {
        return stored(name).password().isPresent();
    }

    /** @return the file the set is kept in, if any */
    public Optional<Path> file() {
        return file.map(RegistrySetFile::path);
    }

    // ---------------------------------------------------------------- clients and connection tests

    /**
     * @param name the registry's name in this set
     * @return the client for that registry, built on first use with its settings and credentials
     * @throws NoSuchElementException   if there is no registry of that name
     * @throws IllegalArgumentException if its CA file cannot be read
     */
    public RegistryClient client(String name) {
        return clients.computeIfAbsent(name, n -> newClient(stored(n), retry, requestTimeout));
    }

    /**
     * Pings the registry with a fresh client (no retries, no cached token, {@link Builder#testTimeout} per
     * request), so that the answer reflects the settings and credentials as they are now.
     *
     * @param name the registry's name in this set
     * @return what the ping found: reachable or not, authenticated or not, and how long it took
     * @throws NoSuchElementException if there is no registry of that name
     */
    public ConnectionReport test(String name) {
        StoredRegistry s = stored(name);
        return ConnectionTester.test(name, () -> newClient(s, RetryPolicy.NONE, testTimeout));
    }

    /**
     * Tests every registry, at most as many at a time as searches ask.
     *
     * @return the reports, in list order
     */
    public List<ConnectionReport> testAll() {
        List<RegistryEntry> all = list();
        List<ConnectionReport> reports = new ArrayList<>();
        List<BoundedParallel.Outcome<ConnectionReport>> outcomes = parallel.map(all, e -> test(e.name()));
        for (BoundedParallel.Outcome<ConnectionReport> o : outcomes) {
            if (o.failure() != null) {
                throw o.failure(); // a registry removed while testing: nothing else throws
            }
            reports.add(o.value());
        }
        return reports;
    }

    // Built on the shared HTTP clients, so a client owns nothing: one left behind by a changed entry needs no closing.
    private RegistryClient newClient(StoredRegistry s, RetryPolicy retryPolicy, Duration timeout) {
        RegistryEntry e = s.entry();
        Credential credential = s.credential();
        // Insecure is the entry's host alone: token endpoints elsewhere get the verifying client.
        RegistryAuthenticator.Builder auth = RegistryAuthenticator.builder().credentials(registry -> Optional.of(credential))
                .httpClient(http.forEntry(e.withInsecure(false))).userAgent(userAgent);
        if (e.insecure()) {
            auth.insecureRegistry(e.host()).insecureHttpClient(http.forEntry(e));
        }
        return RegistryClient.builder(e.address())
                .httpClient(http.forEntry(e))
                .insecure(e.insecure())
                .authenticator(auth.build())
                .retry(retryPolicy)
                .requestTimeout(timeout)
                .userAgent(userAgent)
                .build();
    }

    // ---------------------------------------------------------------- listings, cached

    /**
     * @param name the registry's name in this set
     * @return the registry's repositories, from the cache while fresh
     * @throws NoSuchElementException if there is no registry of that name
     */
    public List<String> repositories(String name) {
        stored(name);
        return catalogs.get(name, () -> client(name).catalog().toList());
    }

    /**
     * @param repository the repository's name within the registry, such as {@code library/alpine}
     * @param name the registry's name in this set
     * @return the repository's tags, from the cache while fresh
     * @throws NoSuchElementException if there is no registry of that name
     */
    public List<String> tags(String name, String repository) {
        stored(name);
        Reference.requireValidRepository(repository);
        return tagLists.get(new TagListKey(name, repository), () -> client(name).tags(repository).toList());
    }

    /**
     * {@link #repositories(String)}, saying whether the answer came from the cache, for a browser that shows
     * it and offers a refresh.
     *
     * @param name    the registry's name in this set
     * @param refresh true to ask the registry even if a fresh catalog is cached (the answer is cached again)
     * @return the registry's repositories, and whether they came from the cache
     * @throws NoSuchElementException if there is no registry of that name
     */
    public CachedList repositories(String name, boolean refresh) {
        stored(name);
        TtlCache.Lookup<List<String>> l = catalogs.lookup(name, refresh, () -> client(name).catalog().toList());
        return new CachedList(l.value(), l.hit());
    }

    /**
     * {@link #tags(String, String)}, saying whether the answer came from the cache.
     *
     * @param name       the registry's name in this set
     * @param repository the repository's name within the registry
     * @param refresh    true to ask the registry even if a fresh tag list is cached (the answer is cached again)
     * @return the repository's tags, and whether they came from the cache
     * @throws NoSuchElementException if there is no registry of that name
     */
    public CachedList tags(String name, String repository, boolean refresh) {
        stored(name);
        Reference.requireValidRepository(repository);
        TtlCache.Lookup<List<String>> l = tagLists.lookup(new TagListKey(name, repository), refresh,
                () -> client(name).tags(repository).toList());
        return new CachedList(l.value(), l.hit());
    }

    /**
     * Drops what is cached about one repository of a registry: its tag list, and the registry's catalog (a push
     * may have made the repository, a deletion emptied it). For a webhook event or a deletion the application made.
     *
     * @param name       the registry's name in this set
     * @param repository the repository's name within the registry
     */
    public void invalidate(String name, String repository) {
        catalogs.invalidateIf(name::equals);
        tagLists.invalidateIf(k -> k.registry().equals(name) && k.repository().equals(repository));
    }

    /**
     * Drops the cached catalog and tag lists of one registry, e.g. after a push the application made.
     *
     * @param name the registry's name in this set
     */
    public void invalidate(String name) {
        catalogs.invalidateIf(name::equals);
        tagLists.invalidateIf(k -> k.registry().equals(name));
    }

    // ---------------------------------------------------------------- search

    /**
     * Finds repositories whose name contains {@code text}, ignoring case, in every registry's catalog (cached).
     * A registry that cannot be searched is reported in {@link SearchResult#failures()}; the others still count.
     *
     * @param text the text repository names must contain, in any case
     * @return the matching repositories of every registry, and the registries that could not be searched
     */
    public SearchResult search(String text) {
        return search.search(Objects.requireNonNull(text, "text"), list(), this::repositories);
    }

    /**
     * {@link #search(String)} in one registry.
     *
     * @param name the registry's name in this set
     * @param text the text repository names must contain, in any case
     * @return the matching repositories of that registry, or why it could not be searched
     * @throws NoSuchElementException if there is no registry of that name
     */
    public SearchResult search(String text, String name) {
        return search.search(Objects.requireNonNull(text, "text"), List.of(stored(name).entry()), this::repositories);
    }

    /**
     * Closes the clients handed out by {@link #client} and releases the shared HTTP clients and their threads.
     * The set's entries and file stay as they are; afterwards its clients' requests fail with
     * {@link IllegalStateException}. Idempotent.
     */
    @Override
    public void close() {
        clients.values().forEach(RegistryClient::close);
        clients.clear();
        http.close();
    }

    // ---------------------------------------------------------------- internals

    private synchronized StoredRegistry stored(String name) {
        StoredRegistry s = registries.get(name);
        if (s == null) {
            throw new NoSuchElementException("no registry named \"" + name + "\"; known: " + registries.keySet());
        }
        return s;
    }

    private void save() {
        file.ifPresent(f -> f.save(List.copyOf(registries.values())));
    }

    private void restore(String name, StoredRegistry previous) {
        if (previous == null) {
            registries.remove(name);
        } else {
            registries.put(name, previous);
        }
    }

    private void forget(String name) {
        clients.remove(name);
        invalidate(name);
    }

    /** Configures a {@link RegistrySet}. */
    public static final class Builder {
        private Path file;
        private CredentialVault vault;
        private char[] passphrase;
        private Duration cacheTtl = Duration.ofMinutes(1);
        private Clock clock = Clock.systemUTC();
        private int searchConcurrency = 4;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(60);
        private Duration testTimeout = Duration.ofSeconds(10);
        private RetryPolicy retry = RetryPolicy.DEFAULT;
        private String userAgent = "berth/0.1";

        private Builder() {
        }

        /**
         * @param value the JSON file the set is kept in
         * @return this builder, keeping the set in this JSON file (read now if it exists); needs a vault or passphrase
         */
        public Builder file(Path value) {
            this.file = Objects.requireNonNull(value, "file");
            return this;
        }

        /**
         * @param value the vault that encrypts and decrypts stored passwords
         * @return this builder, encrypting passwords with this vault (e.g. {@link CredentialVault#fromKeyFile})
         */
        public Builder vault(CredentialVault value) {
            this.vault = Objects.requireNonNull(value, "vault");
            return this;
        }

        /**
         * @param value the passphrase the key is derived from
         * @return this builder, encrypting passwords with a key derived from a passphrase (PBKDF2-HMAC-SHA256,
         *         salt kept in the file); the array is copied, so the caller may clear it, and the copy is
         *         cleared by {@link #build()}
         */
        public Builder passphrase(char[] value) {
            this.passphrase = Objects.requireNonNull(value, "passphrase").clone();
            return this;
        }

        /**
         * @param value how long a cached catalog or tag list is used; zero or positive
         * @return this builder, keeping catalogs and tag lists this long (default one minute; zero: no cache)
         */
        public Builder cacheTtl(Duration value) {
            this.cacheTtl = Objects.requireNonNull(value, "cacheTtl");
            return this;
        }

        /**
         * @param value the clock cache entries expire against
         * @return this builder, telling cache time by this clock (for tests)
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * @param value the most registries asked at once; at least 1
         * @return this builder, asking at most this many registries at a time when searching or testing (default 4)
         */
        public Builder searchConcurrency(int value) {
            this.searchConcurrency = value;
            return this;
        }

        /**
         * @param value the connect timeout; positive
         * @return this builder, with the longest wait for a connection (default 10 s)
         */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = Objects.requireNonNull(value, "connectTimeout");
            return this;
        }

        /**
         * @param value the response-headers timeout; positive
         * @return this builder, with the longest wait for a response's headers (default 60 s)
         */
        public Builder requestTimeout(Duration value) {
            this.requestTimeout = Objects.requireNonNull(value, "requestTimeout");
            return this;
        }

        /**
         * @param value the connection test's timeout; positive
         * @return this builder, with the longest wait for the answer of a connection test (default 10 s)
         */
        public Builder testTimeout(Duration value) {
            this.testTimeout = Objects.requireNonNull(value, "testTimeout");
            return this;
        }

        /**
         * @param value how the clients retry failed requests
         * @return this builder, with the clients' retries (default {@link RetryPolicy#DEFAULT}; tests never retry)
         */
        public Builder retry(RetryPolicy value) {
            this.retry = Objects.requireNonNull(value, "retry");
            return this;
        }

        /**
         * @param value the User-Agent header of every client's requests
         * @return this builder, with the clients' User-Agent
         */
        public Builder userAgent(String value) {
            this.userAgent = Objects.requireNonNull(value, "userAgent");
            return this;
        }

        /**
         * @return the set, read from its file if it has one
         * @throws VaultException if the key or passphrase does not open the file
         */
        public RegistrySet build() {
            if (file != null && (vault == null) == (passphrase == null)) {
                throw new IllegalStateException("a registries file needs either a vault or a passphrase to keep passwords in");
            }
            if (file == null && (vault != null || passphrase != null)) {
                throw new IllegalStateException("a vault or passphrase is only for a registries file: set file(...) too");
            }
            try {
                return new RegistrySet(this);
            } finally {
                if (passphrase != null) {
                    Arrays.fill(passphrase, '\0');
                }
            }
        }
    }
}
