package dev.berth.examples.cli;

import dev.berth.events.send.EndpointConfig;
import dev.berth.examples.cli.config.AuthConfig;
import dev.berth.examples.cli.config.LogConfig;
import dev.berth.examples.cli.config.RegistryPolicies;
import dev.berth.examples.cli.config.ServeConfig;
import dev.berth.examples.cli.config.S3Storage;
import dev.berth.examples.cli.config.StorageConfig;
import dev.berth.examples.cli.config.TlsFiles;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code berth serve} runs with: the {@code --config} file's settings
 * (or, without one, Berth's documented defaults), then each flag given
 * overriding the file.
 */
final class ServeSettings {
    private static final List<String> LEVELS = List.of("trace", "debug", "info", "warn", "error", "off");

    /** Without {@code --config}: in memory on 127.0.0.1:5000, deletes allowed, idle uploads gone after an hour. */
    static ServeConfig berthDefaults() {
        return new ServeConfig(Optional.of(new StorageConfig.InMemory()), Optional.empty(), true, Duration.ofHours(1), false, Optional.empty(),
                Optional.of(new InetSocketAddress("127.0.0.1", 5000)), Optional.empty(), Map.of(), Optional.empty(), List.of(),
                new LogConfig("info", true), RegistryPolicies.NONE, List.of());
    }

    /**
     * @param config what the file (or the defaults) says
     * @param line   the command line, whose flags win
     * @return the settings with the flags applied; {@code --tls auto} is left to the caller (it needs the storage)
     * @throws UsageException on a flag value that cannot be used, or when storage or address is given by neither
     */
    static ServeConfig withFlags(ServeConfig config, CommandLine line) {
        Optional<StorageConfig> storage = line.value("storage").map(ServeSettings::storage).or(config::storage);
        if (storage.isEmpty()) {
            throw new UsageException("the config file names no storage (storage.filesystem or storage.inmemory); give one"
                    + " there or --storage");
        }
        Optional<InetSocketAddress> address = line.value("addr").map(Addresses::parse).or(config::address);
        if (address.isEmpty()) {
            throw new UsageException("the config file has no http.addr; give one there or --addr");
        }
        Optional<TlsFiles> tls = line.value("tls").filter(t -> !t.equals("auto")).map(ServeSettings::tlsFiles).or(config::tls);
        if (line.value("tls").filter(t -> t.equals("auto")).isPresent()) {
            tls = Optional.empty();
        }
        List<EndpointConfig> notifications = line.valuesOf("notify").isEmpty() ? config.notifications()
                : line.valuesOf("notify").stream().map(ServeSettings::endpoint).toList();
        String level = line.value("log-level").orElse(config.log().level());
        if (!LEVELS.contains(level.toLowerCase(java.util.Locale.ROOT))) {
            throw new UsageException("--log-level takes one of " + String.join(", ", LEVELS) + ", not \"" + level + "\"");
        }
        Optional<String> metadata = line.value("metadata").or(config::metadata);
        metadata.filter(url -> !url.startsWith("jdbc:")).ifPresent(url -> {
            throw new UsageException("--metadata takes a JDBC URL (jdbc:postgresql://HOST/DATABASE?user=U&password=P), not \""
                    + url + "\"");
        });
        return new ServeConfig(storage, metadata, config.deleteEnabled(), config.uploadExpiry(), config.readOnly() || line.flag("read-only"),
                auth(config.auth(), line), address, tls, config.headers(), config.debug(), notifications,
                new LogConfig(level, config.log().accessLog()), config.policies(), config.notes());
    }

    private static StorageConfig storage(String spec) {
        if (spec.startsWith("s3://")) {
            try {
                return S3Storage.fromSpec(spec);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        return spec.equals("memory") ? new StorageConfig.InMemory() : new StorageConfig.Filesystem(Path.of(spec));
    }

    private static TlsFiles tlsFiles(String spec) {
        String[] files = spec.split(",");
        if (files.length != 2 || files[0].isBlank() || files[1].isBlank()) {
            throw new UsageException("--tls takes \"auto\" or CERT.pem,KEY.pem (the certificate chain, then its key)");
        }
        for (String f : files) {
            if (!java.nio.file.Files.isReadable(Path.of(f))) {
                throw new UsageException("--tls: cannot read " + f);
            }
        }
        return new TlsFiles(Path.of(files[0]), Path.of(files[1]));
    }

    private static EndpointConfig endpoint(String url) {
        URI uri = URI.create(url);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new UsageException("--notify needs an http(s) URL, not \"" + url + "\"");
        }
        return EndpointConfig.of(uri.getHost() + uri.getPath(), uri);
    }

    // An authentication flag replaces whatever the file says about authentication.
    private static Optional<AuthConfig> auth(Optional<AuthConfig> fromFile, CommandLine line) {
        if (line.value("token-realm").isPresent() != line.value("token-cert").isPresent()) {
            throw new UsageException("--token-realm and --token-cert go together");
        }
        if (line.value("token-realm").isPresent()) {
            if (line.value("htpasswd").isPresent()) {
                throw new UsageException("choose --htpasswd or --token-realm, not both");
            }
            String service = line.value("token-service").orElse("berth-registry");
            return Optional.of(new AuthConfig.Token(line.value("token-realm").get(), service,
                    line.value("token-issuer").orElse("berth-token-issuer"), Path.of(line.value("token-cert").get())));
        }
        if (line.value("htpasswd").isPresent()) {
            return Optional.of(new AuthConfig.Htpasswd("berth", Path.of(line.value("htpasswd").get())));
        }
        return fromFile;
    }

    private ServeSettings() {
    }
}
