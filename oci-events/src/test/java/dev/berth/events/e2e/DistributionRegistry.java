package dev.berth.events.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code docker-registry} (distribution 2.8) started on 127.0.0.1 and
 * a free port, with filesystem storage in a temporary directory and, if given,
 * a notification endpoint. Stopped, with its process, on {@link #close()}.
 */
final class DistributionRegistry implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/docker-registry");

    private final Process process;
    private final int port;
    private final Path log;

    private DistributionRegistry(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * @param dir         working directory for config, storage and log
     * @param notifyUrl   the events endpoint, or null for none
     * @param secret      the Authorization header value distribution sends, or null
     */
    static DistributionRegistry start(Path dir, URI notifyUrl, String secret) throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: install Debian's docker-registry package"
                    + " (.ci/run does) to run the tests against distribution 2.8");
        }
        int port = freePort();
        StringBuilder config = new StringBuilder()
                .append("version: 0.1\n")
                .append("log:\n  level: warn\n  accesslog:\n    disabled: true\n")
                .append("storage:\n  filesystem:\n    rootdirectory: ").append(dir.resolve("data")).append('\n')
                .append("  delete:\n    enabled: true\n")
                .append("http:\n  addr: 127.0.0.1:").append(port).append('\n');
        if (notifyUrl != null) {
            config.append("notifications:\n  endpoints:\n    - name: berth\n      url: ").append(notifyUrl).append('\n');
            if (secret != null) {
                config.append("      headers:\n        Authorization: [\"").append(secret).append("\"]\n");
            }
            config.append("      timeout: 1s\n      threshold: 3\n      backoff: 1s\n");
        }
        Path file = dir.resolve("config.yml");
        Files.writeString(file, config);
        Path log = dir.resolve("registry.log");
        Process process = new ProcessBuilder(BINARY.toString(), "serve", file.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        DistributionRegistry registry = new DistributionRegistry(process, port, log);
        try {
            registry.awaitReady(Duration.ofSeconds(30));
        } catch (IOException | RuntimeException e) {
            registry.close();
            throw e;
        }
        return registry;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void awaitReady(Duration bound) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long end = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IOException("docker-registry exited: " + Files.readString(log));
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/v2/")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(50);
        }
        throw new IOException("docker-registry did not answer within " + bound + ": " + Files.readString(log));
    }

    /** @return host:port, for image references */
    String hostPort() {
        return "127.0.0.1:" + port;
    }

    String baseUrl() {
        return "http://" + hostPort();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
