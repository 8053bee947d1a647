package dev.berth.examples.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.berth.server.auth.Htpasswd;
import dev.berth.server.auth.TlsMaterial;
import dev.berth.server.auth.TokenVerifier;
import dev.berth.server.TokenAuth;
import dev.berth.events.send.EndpointConfig;
import dev.berth.server.EmbeddedRegistry;
import dev.berth.server.Storage;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/** {@code berth serve}: runs the embedded registry until SIGINT or SIGTERM. */
final class ServeCommand implements Command {
    @Override
    public String name() {
        return "serve";
    }

    @Override
    public String synopsis() {
        return "serve [--addr HOST:PORT] [--storage memory|DIR] [--tls auto|CERT.pem,KEY.pem] [--htpasswd FILE]"
                + " [--token-realm URL --token-cert PEM [--token-issuer I] [--token-service S]] [--notify URL]... [--read-only]"
                + " [--cross-mount auto|off] [--sparse-indexes] [--debug-addr HOST:PORT] [--log-level trace|debug|info|warn|error|off]";
    }

    @Override
    public String summary() {
        return "run Berth's embedded registry (OCI distribution spec v1.1); the first line is 'listening on <base URL>';"
                + " an access log line per request on stderr (--log-level, default info); stops cleanly on SIGINT/SIGTERM";
    }

    @Override
    public Set<String> valueOptions() {
        return Set.of("addr", "storage", "htpasswd", "notify", "tls", "token-realm", "token-cert", "token-issuer", "token-service",
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
    private static java.security.PublicKey certificateKey(Path pem) {
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(pem)) {
            return java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in).getPublicKey();
        } catch (java.io.IOException | java.security.cert.CertificateException e) {
            throw new dev.berth.model.OciException("cannot read the token certificate " + pem + ": " + e.getMessage(), e);
        }
    }

    private static Path tempDir() {
        try {
            return java.nio.file.Files.createTempDirectory("berth-serve");
        } catch (java.io.IOException e) {
            throw new dev.berth.model.OciException("cannot create a directory for the TLS material: " + e.getMessage(), e);
        }
    }

    @Override
    public void run(CommandLine line, Output output) {
        line.requirePositionals(0, "");
        boolean crossMount = automaticCrossMount(line); // checked before any storage is opened
        Optional<java.net.InetSocketAddress> debugAddress = line.value("debug-addr")
                .map(addr -> Addresses.parse("--debug-addr", addr.startsWith(":") ? "127.0.0.1" + addr : addr));
        ServeLogging.configure(line.value("log-level").orElse("info"));
        String spec = line.value("storage").orElse("memory");
        Storage storage = spec.equals("memory") ? Storage.inMemory() : Storage.filesystem(Path.of(spec));
        EmbeddedRegistry.Builder builder = EmbeddedRegistry.builder().storage(storage)
                .address(Addresses.parse(line.value("addr").orElse("127.0.0.1:5000"))).readOnly(line.flag("read-only"))
                .automaticCrossMount(crossMount).sparseIndexes(line.flag("sparse-indexes"));
        line.value("htpasswd").ifPresent(file -> builder.authenticator(Htpasswd.load(Path.of(file))));
        if (line.value("token-realm").isPresent() != line.value("token-cert").isPresent()) {
            throw new UsageException("--token-realm and --token-cert go together");
        }
        if (line.value("token-realm").isPresent()) {
            if (line.value("htpasswd").isPresent()) {
                throw new UsageException("choose --htpasswd or --token-realm, not both");
            }
            builder.tokenAuth(new TokenAuth(line.value("token-realm").get(), line.value("token-service").orElse("berth-registry"),
                    new TokenVerifier(line.value("token-issuer").orElse("berth-token-issuer"),
                            line.value("token-service").orElse("berth-registry"),
                            certificateKey(Path.of(line.value("token-cert").get())), java.time.Clock.systemUTC())));
        }
        for (String url : line.valuesOf("notify")) {
            URI uri = URI.create(url);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new UsageException("--notify needs an http(s) URL, not \"" + url + "\"");
            }
            builder.notify(EndpointConfig.of(uri.getHost() + uri.getPath(), uri));
        }
        Optional<String> tls = line.value("tls");
        if (tls.isPresent() && tls.get().equals("auto")) {
            TlsMaterial material = TlsMaterial.generate(List.of());
            Path dir = spec.equals("memory") ? tempDir() : Path.of(spec);
            try {
                material.writePem(dir.resolve("tls"));
            } catch (java.io.IOException e) {
                throw new dev.berth.model.OciException("cannot write the TLS material: " + e.getMessage(), e);
            }
            builder.tls(material.serverContext());
            System.err.println("berth serve: clients trust " + dir.resolve("tls/ca.pem") + " (skopeo: --dest-cert-dir with it as ca.crt)");
        } else if (tls.isPresent()) {
            String[] files = tls.get().split(",");
            if (files.length != 2 || files[0].isBlank() || files[1].isBlank()) {
                throw new UsageException("--tls takes \"auto\" or CERT.pem,KEY.pem (the certificate chain, then its key)");
            }
            for (String f : files) {
                if (!java.nio.file.Files.isReadable(Path.of(f))) {
                    throw new UsageException("--tls: cannot read " + f);
                }
            }
            builder.tls(TlsMaterial.serverContext(Path.of(files[0]), Path.of(files[1])));
        }
        debugAddress.ifPresent(addr -> {
            // Only with the debug listener: without a scrape the meters would cost every request for nothing.
            PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            builder.meterRegistry(prometheus).prometheusScrape(prometheus::scrape).debugAddress(addr);
        });
        EmbeddedRegistry registry = builder.start();
        registry.debugUri().ifPresent(uri ->
                System.err.println("berth serve: metrics on " + uri + "/metrics, health on " + uri + "/debug/health"));
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            registry.close();
            stopped.countDown();
        }, "berth-serve-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        output.stream("listening on " + registry.baseUri(), JsonNodeFactory.instance.objectNode()
                .put("listening", registry.baseUri().toString()).put("storage", spec));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            // Stopped from inside the JVM (a program running the CLI in-process): close now, leave no hook behind.
            stopInProcess(hook, registry);
            Thread.currentThread().interrupt();
        }
    }

    private static void stopInProcess(Thread hook, EmbeddedRegistry registry) {
        boolean removed;
        try {
            removed = Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            removed = false; // the hook is running and closes the registry itself
        }
        if (removed) {
            registry.close();
        }
    }
}
