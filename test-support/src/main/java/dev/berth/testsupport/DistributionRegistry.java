package dev.berth.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Debian's {@code docker-registry} (distribution 2.8) started on 127.0.0.1 and
 * a free port, with filesystem storage in a temporary directory and, as asked,
 * notifications, htpasswd auth or token auth. Stopped, with its process, on
 * {@link #close()}.
 *
 * <pre>{@code
 * try (DistributionRegistry registry = DistributionRegistry.builder(dir).htpasswd(file).start()) { ... }
 * }</pre>
 */
public final class DistributionRegistry implements AutoCloseable {
    /** Where Debian installs distribution. */
    public static final Path BINARY = Path.of("/usr/bin/docker-registry");

    private final Process process;
    private final int port;
    private final Path log;

    private DistributionRegistry(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** @return a builder working in {@code dir} (config, storage, log) */
    public static Builder builder(Path dir) {
        return new Builder(dir);
    }

    /** @return a free TCP port on the loopback interface */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** @return {@code 127.0.0.1:PORT}, for image references */
    public String hostPort() {
        return "127.0.0.1:" + port;
    }

    /** @return {@code http://127.0.0.1:PORT} */
    public String baseUrl() {
        return "http://" + hostPort();
    }

    /** @return the registry's log so far */
    public String log() throws IOException {
        return Files.readString(log);
    }

    private void awaitReady(Duration bound) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long end = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IOException("docker-registry exited: " + log());
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/v2/")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200 || r.statusCode() == 401) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(50);
        }
        throw new IOException("docker-registry did not answer within " + bound + ": " + log());
    }

    @Override
    public void close() {
        Processes.stop(process);
    }

    private static void yamlList(StringBuilder config, String key, List<String> values) {
        if (!values.isEmpty()) {
            config.append(key).append(": [");
            for (int i = 0; i < values.size(); i++) {
                config.append(i == 0 ? "" : ", ").append('"').append(values.get(i)).append('"');
            }
            config.append("]\n");
        }
    }

    /** Configures one registry. */
    public static final class Builder {
        private final Path dir;
        private URI notifyUrl;
        private String notifySecret;
        private boolean notifyReferences;
        private List<String> notifyIgnoredMediaTypes = List.of();
        private List<String> notifyIgnoreMediaTypes = List.of();
        private List<String> notifyIgnoreActions = List.of();
        private Path htpasswd;
        private String tokenRealm;
        private String tokenService;
        private String tokenIssuer;
        private Path tokenRootCerts;

        private Builder(Path dir) {
            this.dir = dir;
        }

        /** @return this builder, notifying {@code url}, sending {@code Authorization: secret} if not null */
        public Builder notifications(URI url, String secret) {
            this.notifyUrl = url;
            this.notifySecret = secret;
            return this;
        }

        /**
         * Sets {@code notifications.events.includereferences: true}: manifest events then carry
         * {@code target.references}, the descriptors the manifest refers to.
         *
         * @return this builder
         */
        public Builder notificationReferences() {
            this.notifyReferences = true;
            return this;
        }

        /**
         * Sets the endpoint's {@code ignoredmediatypes} (the older key for ignoring target media types).
         *
         * @return this builder
         */
        public Builder notificationIgnoredMediaTypes(List<String> mediaTypes) {
            this.notifyIgnoredMediaTypes = List.copyOf(mediaTypes);
            return this;
        }

        /**
         * Sets the endpoint's {@code ignore.mediatypes} and {@code ignore.actions}. In 2.8 the actions are
         * only ignored when at least one media type is listed too.
         *
         * @return this builder
         */
        public Builder notificationIgnore(List<String> mediaTypes, List<String> actions) {
            this.notifyIgnoreMediaTypes = List.copyOf(mediaTypes);
            this.notifyIgnoreActions = List.copyOf(actions);
            return this;
        }

        /** @return this builder, with htpasswd (bcrypt) authentication */
        public Builder htpasswd(Path file) {
            this.htpasswd = file;
            return this;
        }

        /** @return this builder, with token authentication against an external issuer */
        public Builder token(String realm, String service, String issuer, Path rootCertBundle) {
            this.tokenRealm = realm;
            this.tokenService = service;
            this.tokenIssuer = issuer;
            this.tokenRootCerts = rootCertBundle;
            return this;
        }

        /** @return the running registry, answering on {@code /v2/} */
        public DistributionRegistry start() throws IOException, InterruptedException {
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
            if (htpasswd != null) {
                config.append("auth:\n  htpasswd:\n    realm: berth-test\n    path: ").append(htpasswd).append('\n');
            } else if (tokenRealm != null) {
                config.append("auth:\n  token:\n    realm: ").append(tokenRealm).append('\n')
                        .append("    service: ").append(tokenService).append('\n')
                        .append("    issuer: ").append(tokenIssuer).append('\n')
                        .append("    rootcertbundle: ").append(tokenRootCerts).append('\n');
            }
            if (notifyUrl != null) {
                config.append("notifications:\n");
                if (notifyReferences) {
                    config.append("  events:\n    includereferences: true\n");
                }
                config.append("  endpoints:\n    - name: berth\n      url: ").append(notifyUrl).append('\n');
                if (notifySecret != null) {
                    config.append("      headers:\n        Authorization: [\"").append(notifySecret).append("\"]\n");
                }
                config.append("      timeout: 1s\n      threshold: 3\n      backoff: 1s\n");
                yamlList(config, "      ignoredmediatypes", notifyIgnoredMediaTypes);
                if (!notifyIgnoreMediaTypes.isEmpty() || !notifyIgnoreActions.isEmpty()) {
                    config.append("      ignore:\n");
                    yamlList(config, "        mediatypes", notifyIgnoreMediaTypes);
                    yamlList(config, "        actions", notifyIgnoreActions);
                }
            }
            Files.createDirectories(dir);
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
    }
}
