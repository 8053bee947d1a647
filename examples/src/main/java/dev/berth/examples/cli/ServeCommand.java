package dev.berth.examples.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.zaxxer.hikari.HikariDataSource;
import dev.berth.examples.cli.config.AuthConfig;
import dev.berth.examples.cli.config.ConfigException;
import dev.berth.examples.cli.config.DebugConfig;
import dev.berth.examples.cli.config.ServeConfig;
import dev.berth.examples.cli.config.ServeConfigFile;
import dev.berth.examples.cli.config.StorageConfig;
import dev.berth.model.OciException;
import dev.berth.server.EmbeddedRegistry;
import dev.berth.server.Storage;
import dev.berth.server.TokenAuth;
import dev.berth.server.auth.Htpasswd;
import dev.berth.server.auth.TlsMaterial;
import dev.berth.server.auth.TokenVerifier;
import dev.berth.server.spi.BlobStore;
import dev.berth.server.spi.MetadataStore;
import dev.berth.server.storage.fs.FileBlobStore;
import dev.berth.server.storage.fs.FileMetadataStore;
import dev.berth.server.storage.memory.InMemoryBlobStore;
import dev.berth.server.storage.memory.InMemoryMetadataStore;
import dev.berth.server.storage.s3.S3BlobStore;
import dev.berth.storage.jdbc.JdbcMetadataStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code berth serve}: runs the embedded registry until SIGINT or SIGTERM. */
final class ServeCommand implements Command {
    // How long an instance that died keeps the others from collecting; renewed well before, while it collects.
    private static final java.time.Duration GC_LEASE_TTL = java.time.Duration.ofMinutes(1);

    @Override
    public String name() {
        return "serve";
    }

    @Override
    public String synopsis() {
        return "serve [--config FILE] [--addr HOST:PORT] [--storage memory|DIR|s3://BUCKET[/PREFIX]?endpoint=URL&region=R]"
                + " [--metadata jdbc:URL] [--tls auto|CERT.pem,KEY.pem] [--htpasswd FILE]"
                + " [--token-realm URL --token-cert PEM [--token-issuer I] [--token-service S]] [--notify URL]... [--read-only]"
                + " [--cross-mount auto|off] [--sparse-indexes] [--debug-addr HOST:PORT] [--log-level trace|debug|info|warn|error|off]";
    }

    @Override
    public String summary() {
        return "run Berth's embedded registry (OCI distribution spec v1.1); the first line is 'listening on <base URL>';"
                + " an access log line per request on stderr (--log-level, default info); --config reads distribution's"
                + " config.yml (flags override it); stops cleanly on SIGINT/SIGTERM";
    }

    @Override
    public Set<String> valueOptions() {
        return Set.of("config", "addr", "storage", "metadata", "htpasswd", "notify", "tls", "token-realm", "token-cert", "token-issuer", "token-service",
                "cross-mount", "debug-addr", "log-level");
    }

    @Override
    public Set<String> flagOptions() {
        return Set.of("read-only", "sparse-indexes");
    }

    // The two choices the specification leaves to a registry that the OCI conformance suite depends on.
    @Override
    public List<OptionHelp> optionHelp() {
        return List.of(
                new OptionHelp("--config FILE", "distribution's config.yml (storage, delete, maintenance, auth, http, notifications,"
                        + " log) plus Berth's access, gc, retention, quotas and cors keys; REGISTRY_* environment variables"
                        + " override its keys as with distribution; its defaults are distribution's (deletes refused unless"
                        + " storage.delete.enabled); a key Berth does not support is an error naming it"),
                new OptionHelp("--cross-mount auto|off", "a mount request without from= links the blob from a repository the"
                        + " client may pull (auto), or starts an upload instead (off, the default, as distribution)"),
                new OptionHelp("--sparse-indexes", "accept an image index whose manifests are not all in the repository (a copy"
                        + " of some platforms); without it every manifest an index names must be there, as distribution checks"),
                new OptionHelp("--debug-addr HOST:PORT", "a second listener serving /metrics (Prometheus text) and"
                        + " /debug/health (JSON, 503 when storage or a notification queue is failing); :PORT listens on"
                        + " 127.0.0.1 only"),
                new OptionHelp("--log-level LEVEL", "trace, debug, info (the default: one access log line per request),"
                        + " warn (refused credentials and failures only), error or off"));
    }

    private static boolean automaticCrossMount(CommandLine line) {
        String mode = line.value("cross-mount").orElse("off");
        if (!mode.equals("auto") && !mode.equals("off")) {
            throw new UsageException("--cross-mount takes auto or off, not \"" + mode + "\"");
        }
        return mode.equals("auto");
    }

    // The issuer's certificate (PEM): its public key verifies the tokens.
    private static PublicKey certificateKey(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            List<? extends Certificate> certificates = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
            if (certificates.size() != 1) {
                throw new OciException("the token certificate " + pem + " holds " + certificates.size() + " certificates;"
                        + " Berth verifies tokens with the key of one issuer certificate");
            }
            return certificates.get(0).getPublicKey();
        } catch (IOException | CertificateException e) {
            throw new OciException("cannot read the token certificate " + pem + ": " + e.getMessage(), e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("berth-serve");
        } catch (IOException e) {
            throw new OciException("cannot create a directory for the TLS material: " + e.getMessage(), e);
        }
    }

    @Override
    public void run(CommandLine line, Output output) {
        line.requirePositionals(0, "");
        boolean crossMount = automaticCrossMount(line); // checked before any storage is opened
        Optional<java.net.InetSocketAddress> debugAddress = line.value("debug-addr")
                .map(addr -> Addresses.parse("--debug-addr", addr.startsWith(":") ? "127.0.0.1" + addr : addr));
        Optional<String> file = line.value("config");
        ServeConfig config = ServeSettings.withFlags(file.map(f -> ServeConfigFile.read(Path.of(f), System.getenv()))
                .orElseGet(ServeSettings::berthDefaults), line);
        ServeLogging.configure(config.log().level(), config.log().accessLog());
        config.notes().forEach(note -> System.err.println("berth serve: " + file.orElse("") + ": " + note));
        Optional<Path> root = config.storage().orElseThrow() instanceof StorageConfig.Filesystem f
                ? Optional.of(f.rootDirectory()) : Optional.empty();
        Optional<HikariDataSource> database = config.metadata().map(MetadataDatabase::pool);
        Storage storage = storage(config, database);
        EmbeddedRegistry.Builder builder = EmbeddedRegistry.builder().storage(storage).address(config.address().orElseThrow())
                .readOnly(config.readOnly()).deleteEnabled(config.deleteEnabled()).uploadExpiry(config.uploadExpiry())
                .automaticCrossMount(crossMount).sparseIndexes(line.flag("sparse-indexes"))
                // Where the bucket signs pull URLs (redirect=true, or a file without storage.redirect.disable).
                .blobRedirects(config.storage().orElseThrow() instanceof StorageConfig.S3 s3 && s3.options().redirect().isPresent());
        config.auth().ifPresent(auth -> {
            if (auth instanceof AuthConfig.Htpasswd h) {
                builder.authenticator(Htpasswd.load(h.path()));
            } else if (auth instanceof AuthConfig.Token t) {
                builder.tokenAuth(new TokenAuth(t.realm(), t.service(),
                        new TokenVerifier(t.issuer(), t.service(), certificateKey(t.rootCertBundle()), Clock.systemUTC())));
            }
        });
        config.notifications().forEach(builder::notify);
        ServePolicies.apply(file.orElse(""), config, builder);
        Optional<Path> generatedCa = Optional.empty();
        if (line.value("tls").filter(t -> t.equals("auto")).isPresent()) {
            GeneratedTls tls = GeneratedTls.fresh(root.orElseGet(ServeCommand::tempDir).resolve("tls"));
            builder.tls(tls.server());
            generatedCa = Optional.of(tls.caPem());
            System.err.println("berth serve: clients trust " + generatedCa.get() + " (skopeo: --dest-cert-dir with it as ca.crt;"
                    + " containerd and Kind: berth kind-config HOST:PORT --ca it)");
        }
        config.tls().ifPresent(t -> builder.tls(TlsMaterial.serverContext(t.certificate(), t.key())));
        if (storage.metadata() instanceof JdbcMetadataStore jdbc) {
            // The instances over one database take turns at scheduled garbage collection.
            String instance = instanceName();
            builder.jobLease(jdbc.lease().forInstance(instance, GC_LEASE_TTL));
            System.err.println("berth serve: scheduled garbage collection takes turns with the other instances over the"
                    + " database, this one as " + instance);
        }
        StorageConfig stored = config.storage().orElseThrow();
        String spec = stored instanceof StorageConfig.S3 s3 ? s3.spec() : root.map(Path::toString).orElse("memory");
        Optional<DebugConfig> fileDebug = config.debug();
        if (fileDebug.filter(d -> d.prometheus() && !d.prometheusPath().equals("/metrics")).isPresent()) {
            throw new ConfigException(file.orElse(""), List.of("http.debug.prometheus.path: Berth serves its metrics at /metrics"));
        }
        // The flag turns metrics on; the file, as distribution's, only with http.debug.prometheus.enabled.
        boolean metrics = debugAddress.isPresent() || fileDebug.map(DebugConfig::prometheus).orElse(false);
        debugAddress.or(() -> fileDebug.map(DebugConfig::address)).ifPresent(addr -> {
            builder.debugAddress(addr);
            if (metrics) {
                PrometheusMetrics.attachTo(builder);
            }
        });
        EmbeddedRegistry registry = builder.start();
        registry.debugUri().ifPresent(uri ->
                System.err.println("berth serve: metrics on " + uri + "/metrics, health on " + uri + "/debug/health"));
        com.fasterxml.jackson.databind.node.ObjectNode listening = JsonNodeFactory.instance.objectNode()
                .put("listening", registry.baseUri().toString()).put("storage", spec);
        generatedCa.ifPresent(ca -> listening.put("ca", ca.toString())); // what clients must trust, for scripts
        output.stream("listening on " + registry.baseUri(), listening);
        UntilStopped.await("berth-serve-stop", () -> {
            registry.close();
            database.ifPresent(HikariDataSource::close);
        });
    }

    // Blobs where --storage says; the manifests and tags beside them, or in the --metadata database, which
    // several instances over one bucket must share.
    private static Storage storage(ServeConfig config, Optional<HikariDataSource> database) {
        StorageConfig blobs = config.storage().orElseThrow();
        if (blobs instanceof StorageConfig.S3 && config.metadata().isEmpty()) {
            throw new UsageException("--storage s3://... keeps the blobs only: give --metadata jdbc:... (or metadata: in"
                    + " the config file) for the manifests and tags");
        }
        MetadataStore metadata = database.<MetadataStore>map(JdbcMetadataStore::open).orElseGet(() ->
                blobs instanceof StorageConfig.Filesystem f ? new FileMetadataStore(f.rootDirectory()) : new InMemoryMetadataStore());
        BlobStore blobStore = blobs instanceof StorageConfig.S3 s3 ? new S3BlobStore(s3.options())
                : blobs instanceof StorageConfig.Filesystem f ? new FileBlobStore(f.rootDirectory()) : new InMemoryBlobStore();
        return new Storage(blobStore, metadata);
    }

    // Unique per process: the host, the process id, and something random for a host whose process ids repeat
    // (containers all run as pid 1).
    static String instanceName() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "-" + ProcessHandle.current().pid() + "-"
                + Long.toHexString(new java.security.SecureRandom().nextLong() >>> 16);
    }
}
