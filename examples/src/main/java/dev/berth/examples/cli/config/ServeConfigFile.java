package dev.berth.examples.cli.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.berth.events.send.EndpointConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads distribution's {@code config.yml} (version 0.1, as distribution 2.8
 * reads it) plus Berth's own keys into a {@link ServeConfig}. Every key is
 * either applied, accepted with a note saying why Berth needs nothing for it,
 * or named in the {@link ConfigException}; all problems of a file come in one
 * exception. {@code REGISTRY_*} environment variables override keys as
 * distribution's do ({@code REGISTRY_HTTP_ADDR} sets {@code http.addr}).
 */
public final class ServeConfigFile {
    private static final YAMLMapper YAML = YAMLMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
    private static final Set<String> STORAGE_SETTINGS = Set.of("delete", "maintenance", "cache", "redirect");
    private static final Set<String> EVENT_ACTIONS = Set.of("pull", "push", "mount", "delete");

    private final ConfigProblems problems = new ConfigProblems();
    private final List<String> notes = new ArrayList<>();

    private ServeConfigFile() {
    }

    /**
     * @param file        the {@code config.yml}
     * @param environment the process environment, whose {@code REGISTRY_*} variables override keys of the file
     * @return the validated configuration
     * @throws ConfigException naming every unknown key and unusable value
     */
    public static ServeConfig read(Path file, Map<String, String> environment) {
        JsonNode root;
        try {
            root = YAML.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ConfigException(file.toString(), List.of(e instanceof java.nio.file.NoSuchFileException
                    ? "no such file" : "not readable as YAML: " + e.getMessage().lines().findFirst().orElse("")));
        }
        if (root == null || root.isMissingNode()) {
            root = YAML.createObjectNode();
        }
        if (!root.isObject()) {
            throw new ConfigException(file.toString(), List.of("must be a YAML map of keys, as distribution's config.yml"));
        }
        ServeConfigFile reader = new ServeConfigFile();
        EnvironmentOverrides.apply((com.fasterxml.jackson.databind.node.ObjectNode) root, environment, reader.problems);
        ServeConfig config = reader.read(new ConfigNode(root, "", reader.problems));
        reader.problems.unknownKeys(root);
        reader.problems.throwIfAny(file.toString());
        return config;
    }

    private ServeConfig read(ConfigNode root) {
        Optional<String> version = root.string("version");
        if (version.isEmpty()) {
            problems.add("version", "missing; distribution's config.yml starts with version: 0.1");
        } else if (!version.get().equals("0.1")) {
            problems.add("version", "\"" + version.get() + "\" is not a version Berth reads; it reads 0.1, as distribution 2.8");
        }
        LogConfig log = log(root);
        // distribution takes a driver without settings written as a value too: storage: inmemory
        Optional<String> named = root.isValue("storage") ? root.string("storage") : Optional.empty();
        ConfigNode storage = named.isPresent() ? root.absent("storage") : root.section("storage");
        Optional<StorageConfig> store = storageDriver(named, storage);
        boolean deleteEnabled = storage.section("delete").bool("enabled").orElse(false);
        ConfigNode maintenance = storage.section("maintenance");
        Duration uploadExpiry = uploadPurging(maintenance.section("uploadpurging"));
        boolean readOnly = maintenance.section("readonly").bool("enabled").orElse(false);
        cache(storage.section("cache"));
        if (!(store.orElse(null) instanceof StorageConfig.S3)) {
            storage.section("redirect").bool("disable").ifPresent(d -> notes.add("storage.redirect.disable: the"
                    + " filesystem and inmemory drivers serve blobs themselves, as in distribution"));
        }
        Optional<AuthConfig> auth = auth(root.section("auth"));
        ConfigNode http = root.section("http");
        Optional<InetSocketAddress> address = http.string("addr").flatMap(a -> address(http.pathOf("addr"), a));
        http(http);
        Optional<TlsFiles> tls = tls(http.section("tls"));
        Map<String, List<String>> headers = http.headers("headers");
        Optional<DebugConfig> debug = debug(http.section("debug"));
        List<EndpointConfig> endpoints = notifications(root.section("notifications"));
        RegistryPolicies policies = new RegistryPoliciesReader(problems).read(root);
        Optional<String> metadata = root.string("metadata");
        metadata.filter(url -> !url.startsWith("jdbc:")).ifPresent(url -> problems.add("metadata", "a JDBC URL"
                + " (jdbc:postgresql://HOST/DATABASE?user=U&password=P), not \"" + url + "\""));
        return new ServeConfig(store, metadata.filter(url -> url.startsWith("jdbc:")), deleteEnabled, uploadExpiry, readOnly, auth, address, tls, headers, debug, endpoints,
                log, policies, notes);
    }

    // ---- log

    private LogConfig log(ConfigNode root) {
        ConfigNode log = root.section("log");
        Optional<String> level = log.string("level");
        Optional<String> deprecated = root.string("loglevel"); // distribution's older spelling, read when log.level is absent
        String path = level.isPresent() ? log.pathOf("level") : "loglevel";
        String chosen = level.or(() -> deprecated).orElse("info").toLowerCase(java.util.Locale.ROOT);
        if (!List.of("error", "warn", "info", "debug").contains(chosen)) {
            problems.add(path, "\"" + chosen + "\" is not a level; one of error, warn, info, debug");
            chosen = "info";
        }
        log.string("formatter").ifPresent(f -> {
            if (f.equals("json") || f.equals("logstash")) {
                problems.add(log.pathOf("formatter"), f + " is not supported: Berth logs text lines");
            } else if (!f.equals("text")) {
                problems.add(log.pathOf("formatter"), "\"" + f + "\" is not a formatter; text, json or logstash");
            }
        });
        boolean accessLog = !log.section("accesslog").bool("disabled").orElse(false);
        return new LogConfig(chosen, accessLog);
    }

    // ---- storage

    private Optional<StorageConfig> storageDriver(Optional<String> named, ConfigNode storage) {
        List<String> drivers = new ArrayList<>();
        named.ifPresent(drivers::add);
        for (String key : storage.keys()) {
            if (!STORAGE_SETTINGS.contains(key)) {
                drivers.add(key);
            }
        }
        if (drivers.size() > 1) {
            problems.add("storage", "name exactly one storage driver, not " + String.join(", ", drivers));
            drivers.forEach(storage::accept);
            return Optional.empty();
        }
        if (drivers.isEmpty()) {
            return Optional.empty();
        }
        String driver = drivers.get(0);
        if (driver.equals("inmemory")) {
            storage.section("inmemory");
            return Optional.of(new StorageConfig.InMemory());
        }
        if (driver.equals("filesystem")) {
            ConfigNode fs = storage.section("filesystem");
            String rootDirectory = fs.string("rootdirectory").orElse("/var/lib/registry");
            fs.integer("maxthreads").ifPresent(n -> notes.add("storage.filesystem.maxthreads: Berth bounds its request"
                    + " threads itself"));
            return Optional.of(new StorageConfig.Filesystem(Path.of(rootDirectory)));
        }
        if (driver.equals("s3")) {
            // As distribution: redirects to pre-signed URLs unless storage.redirect.disable is true.
            boolean redirect = !storage.section("redirect").bool("disable").orElse(false);
            return S3Storage.fromConfig(storage.section("s3"), redirect, problems, notes);
        }
        if (named.isPresent()) {
            problems.add("storage", "\"" + driver + "\" is not supported: " + "Berth's --config stores on the filesystem,"
                    + " in memory or in S3");
        }
        return Optional.empty(); // an unknown driver key is named with the other unknown keys
    }

    private Duration uploadPurging(ConfigNode purging) {
        if (!purging.bool("enabled").orElse(true)) {
            problems.add(purging.pathOf("enabled"), "false is not supported: Berth always purges abandoned uploads; set a"
                    + " longer age to keep them");
        }
        if (purging.bool("dryrun").orElse(false)) {
            problems.add(purging.pathOf("dryrun"), "true is not supported: Berth has no dry run of upload purging");
        }
        Duration age = purging.duration("age").orElse(ServeConfig.DEFAULT_UPLOAD_EXPIRY);
        if (age.isZero()) {
            problems.add(purging.pathOf("age"), "must be longer than 0");
            age = ServeConfig.DEFAULT_UPLOAD_EXPIRY;
        }
        purging.duration("interval").ifPresent(i -> notes.add("storage.maintenance.uploadpurging.interval: Berth looks"
                + " for abandoned uploads every 10 minutes at most"));
        return age;
    }

    private void cache(ConfigNode cache) {
        cache.string("blobdescriptor").ifPresent(kind -> {
            if (kind.equals("inmemory") || kind.equals("redis")) {
                notes.add("storage.cache.blobdescriptor: not needed, Berth's metadata store answers blob lookups itself");
            } else {
                problems.add(cache.pathOf("blobdescriptor"), "\"" + kind + "\" is not a cache; inmemory or redis");
            }
        });
    }

    // ---- auth

    private Optional<AuthConfig> auth(ConfigNode auth) {
        List<String> kinds = auth.keys();
        if (kinds.size() > 1) {
            problems.add("auth", "name exactly one kind of authentication, not " + String.join(", ", kinds));
            kinds.forEach(auth::accept);
            return Optional.empty();
        }
        if (auth.has("htpasswd")) {
            ConfigNode htpasswd = auth.section("htpasswd");
            String realm = htpasswd.string("realm").orElse("berth");
            if (!realm.equals("berth")) {
                notes.add("auth.htpasswd.realm: Berth's Basic challenge names the realm \"berth\" (clients do not look at it)");
            }
            return htpasswd.required("path").flatMap(p -> readable(htpasswd.pathOf("path"), p))
                    .map(p -> new AuthConfig.Htpasswd(realm, p));
        }
        if (auth.has("token")) {
            ConfigNode token = auth.section("token");
            Optional<String> realm = token.required("realm");
            Optional<String> service = token.required("service");
            Optional<String> issuer = token.required("issuer");
            Optional<Path> bundle = token.required("rootcertbundle").flatMap(p -> readable(token.pathOf("rootcertbundle"), p));
            if (token.bool("autoredirect").orElse(false)) {
                problems.add(token.pathOf("autoredirect"), "true is not supported: Berth's challenge names the realm as given");
            }
            if (realm.isPresent() && service.isPresent() && issuer.isPresent() && bundle.isPresent()) {
                return Optional.of(new AuthConfig.Token(realm.get(), service.get(), issuer.get(), bundle.get()));
            }
        }
        return Optional.empty();
    }

    // ---- http

    private void http(ConfigNode http) {
        http.string("net").ifPresent(net -> {
            if (!net.equals("tcp")) {
                problems.add(http.pathOf("net"), "\"" + net + "\" is not supported: Berth listens on TCP");
            }
        });
        http.string("host").ifPresent(h -> notes.add("http.host: not needed, Berth's Location headers are relative"));
        http.string("secret").ifPresent(s -> notes.add("http.secret: not needed, Berth keeps upload state on the server"));
        http.bool("relativeurls").ifPresent(r -> notes.add("http.relativeurls: Berth's Location headers are always relative"));
        http.section("http2").bool("disabled").ifPresent(d -> notes.add("http.http2.disabled: Berth speaks HTTP/1.1 only"));
    }

    private Optional<TlsFiles> tls(ConfigNode tls) {
        tls.string("minimumtls").ifPresent(v -> {
            if (!v.equals("tls1.2")) {
                problems.add(tls.pathOf("minimumtls"), "\"" + v + "\" is not supported: Berth accepts TLS 1.2 and later, as the"
                        + " JVM does (tls1.2)");
            }
        });
        if (!tls.has("certificate") && !tls.has("key")) {
            return Optional.empty();
        }
        Optional<Path> certificate = tls.required("certificate").flatMap(p -> readable(tls.pathOf("certificate"), p));
        Optional<Path> key = tls.required("key").flatMap(p -> readable(tls.pathOf("key"), p));
        return certificate.isPresent() && key.isPresent() ? Optional.of(new TlsFiles(certificate.get(), key.get())) : Optional.empty();
    }

    private Optional<DebugConfig> debug(ConfigNode debug) {
        ConfigNode prometheus = debug.section("prometheus");
        boolean enabled = prometheus.bool("enabled").orElse(false);
        String path = prometheus.string("path").orElse("/metrics");
        if (!path.startsWith("/")) {
            problems.add(prometheus.pathOf("path"), "\"" + path + "\" must start with /");
        }
        Optional<InetSocketAddress> address = debug.string("addr").flatMap(a -> address(debug.pathOf("addr"), a));
        if (address.isEmpty() && enabled && !debug.has("addr")) {
            problems.add(prometheus.pathOf("enabled"), "needs http.debug.addr, where the metrics are served");
        }
        return address.map(a -> new DebugConfig(a, enabled, path));
    }

    // distribution's form: HOST:PORT, or :PORT for every interface
    private Optional<InetSocketAddress> address(String path, String text) {
        int colon = text.lastIndexOf(':');
        String host = colon < 0 ? "" : text.substring(0, colon);
        String port = colon < 0 ? "" : text.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (colon < 0 || !port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535) {
            problems.add(path, "\"" + text + "\" is not an address; HOST:PORT or :PORT, e.g. :5000");
            return Optional.empty();
        }
        return Optional.of(host.isEmpty() ? new InetSocketAddress(Integer.parseInt(port))
                : new InetSocketAddress(host, Integer.parseInt(port)));
    }

    // ---- notifications

    private List<EndpointConfig> notifications(ConfigNode notifications) {
        if (notifications.section("events").bool("includereferences").orElse(false)) {
            problems.add("notifications.events.includereferences", "true is not supported: Berth's events carry no references");
        }
        List<EndpointConfig> endpoints = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (ConfigNode e : notifications.sections("endpoints")) {
            Optional<String> name = e.required("name");
            boolean disabled = e.bool("disabled").orElse(false);
            Optional<URI> url = e.required("url").flatMap(u -> httpUrl(e.pathOf("url"), u));
            Map<String, List<String>> headers = e.headers("headers");
            Duration timeout = e.duration("timeout").orElse(Duration.ZERO);
            int threshold = e.integer("threshold").orElse(0);
            if (threshold < 0) {
                problems.add(e.pathOf("threshold"), "must not be negative");
            }
            Duration backoff = e.duration("backoff").orElse(Duration.ZERO);
            Set<String> mediaTypes = new LinkedHashSet<>(e.strings("ignoredmediatypes"));
            ConfigNode ignore = e.section("ignore");
            mediaTypes.addAll(ignore.strings("mediatypes"));
            List<String> actions = ignore.strings("actions");
            for (String a : actions) {
                if (!EVENT_ACTIONS.contains(a)) {
                    problems.add(ignore.pathOf("actions"), "\"" + a + "\" is not an event action; pull, push, mount or delete");
                }
            }
            name.filter(n -> !names.add(n)).ifPresent(n -> problems.add(e.pathOf("name"), "\"" + n + "\" names two endpoints"));
            if (name.isPresent() && url.isPresent() && !disabled) {
                endpoints.add(new EndpointConfig(name.get(), url.get(), headers, timeout, Math.max(0, threshold), backoff, mediaTypes,
                        actions.stream().map(dev.berth.events.EventAction::of).collect(java.util.stream.Collectors.toSet()), 0));
            }
        }
        return endpoints;
    }

    private Optional<URI> httpUrl(String path, String text) {
        try {
            URI uri = new URI(text);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return Optional.of(uri);
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        problems.add(path, "\"" + text + "\" is not an http(s) URL");
        return Optional.empty();
    }

    // ---- shared

    private Optional<Path> readable(String path, String file) {
        if (!Files.isReadable(Path.of(file))) {
            problems.add(path, "cannot read " + file);
            return Optional.empty();
        }
        return Optional.of(Path.of(file));
    }

}
