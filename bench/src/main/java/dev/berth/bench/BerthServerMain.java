package dev.berth.bench;

import dev.berth.examples.cli.BufferedStderr;
import dev.berth.server.CorsPolicy;
import dev.berth.server.EmbeddedRegistry;
import dev.berth.server.RateLimit;
import dev.berth.server.Storage;
import dev.berth.server.auth.AccessPolicy;
import dev.berth.server.auth.Htpasswd;
import dev.berth.server.auth.TlsMaterial;
import dev.berth.server.internal.pipeline.AccessLog;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Berth's registry in its own process, as distribution runs in its own: prints its base URL, serves until killed.
 * With {@code --tls CA_FILE} it serves HTTPS with generated material and writes the CA's PEM there first. With
 * {@code --every-stage} every stage a platform turns on is on: htpasswd (user {@code bench}, password
 * {@code bench}), access rules, Prometheus metrics with a debug listener, a rate limit no benchmark reaches,
 * CORS, response headers and the access log. Without it the access log keeps to refused credentials and
 * failures, as {@code berth serve} with distribution's {@code log.accesslog.disabled: true}: it is one of the
 * stages, and nginx, the limit the manifest GET line is read against, logs nothing either.
 */
public final class BerthServerMain {
    private BerthServerMain() {
    }

    /** @param args the storage directory, then optionally {@code --tls CA_FILE} or {@code --every-stage} */
    public static void main(String[] args) throws Exception {
        BufferedStderr.install(); // its access log goes out as berth serve's does
        Path dir = Path.of(args[0]);
        List<String> options = List.of(args).subList(1, args.length);
        if (!options.contains("--every-stage")) {
            // Read by slf4j-simple when the first logger is made, so set before anything logs.
            System.setProperty("org.slf4j.simpleLogger.log." + AccessLog.LOGGER, "warn");
        }
        EmbeddedRegistry.Builder builder = EmbeddedRegistry.builder().storage(Storage.filesystem(dir));
        if (options.size() == 2 && options.get(0).equals("--tls")) {
            TlsMaterial tls = TlsMaterial.generate(List.of());
            Files.writeString(Path.of(options.get(1)), tls.caPem());
            builder.tls(tls.serverContext());
        }
        if (options.contains("--every-stage")) {
            Path users = Files.writeString(Files.createDirectories(dir).resolve("bench.htpasswd"), Htpasswd.line("bench", "bench") + "\n");
            PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            builder.authenticator(Htpasswd.load(users))
                    .accessPolicy(AccessPolicy.builder().rule(List.of("bench/**"), List.of("bench"), List.of("pull", "push", "delete"))
                            .build())
                    .meterRegistry(prometheus).prometheusScrape(prometheus::scrape)
                    .debugAddress(new InetSocketAddress("127.0.0.1", 0))
                    .rateLimit(new RateLimit(10_000_000, 10_000_000))
                    .cors(CorsPolicy.allowing("http://localhost:8080"))
                    .responseHeaders(Map.of("Strict-Transport-Security", List.of("max-age=63072000")));
        }
        EmbeddedRegistry registry = builder.start();
        System.out.println(registry.baseUri());
        System.out.flush();
        Thread.currentThread().join();
    }
}
