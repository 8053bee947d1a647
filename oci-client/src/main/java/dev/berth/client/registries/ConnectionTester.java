package dev.berth.client.registries;

import dev.berth.client.Ping;
import dev.berth.client.RegistryClient;
import dev.berth.model.OciException;
import dev.berth.model.RegistryException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** Pings one registry and turns what happened into a {@link ConnectionReport}. */
final class ConnectionTester {
    private static final String API_VERSION_HEADER = "Docker-Distribution-API-Version";

    private ConnectionTester() {
    }

    /** @param clients builds the client to test; a failure to build it (an unreadable CA file) is reported too */
    static ConnectionReport test(String name, Supplier<RegistryClient> clients) {
        long start = System.nanoTime();
        RegistryClient client;
        try {
            client = clients.get();
        } catch (IllegalArgumentException e) {
            return failed(name, false, Optional.empty(), since(start), ConnectionFailure.TLS, FailureClassifier.describe(e));
        }
        try {
            return test(name, client, start);
        } finally {
            client.close();
        }
    }

    private static ConnectionReport test(String name, RegistryClient client, long start) {
        try {
            Ping ping = client.ping();
            if (ping.apiVersion().isEmpty()) {
                // Every distribution-spec registry in the wild sends it; a web server that answers 200 on any path does not.
                return failed(name, true, Optional.of(ping.baseUri()), ping.latency(), ConnectionFailure.NOT_A_REGISTRY,
                        ping.baseUri().resolve("/v2/") + " answers 200 without " + API_VERSION_HEADER + ": not a registry");
            }
            return ConnectionReport.usable(name, ping,
                    "registry " + ping.apiVersion().get() + " at " + ping.baseUri() + ", auth " + ping.authScheme());
        } catch (RegistryException e) {
            Duration elapsed = since(start);
            Optional<URI> base = knownBase(client);
            if (e.status() == 404) {
                return failed(name, true, base, elapsed, ConnectionFailure.NOT_A_REGISTRY,
                        "/v2/ answers 404: not a registry, or not at this address (" + FailureClassifier.describe(e) + ")");
            }
            return failed(name, true, base, elapsed, FailureClassifier.classify(e), FailureClassifier.describe(e));
        } catch (OciException e) {
            return failed(name, FailureClassifier.answered(e), FailureClassifier.answered(e) ? knownBase(client) : Optional.empty(),
                    since(start), FailureClassifier.classify(e), FailureClassifier.describe(e));
        }
    }

    private static ConnectionReport failed(String name, boolean reachable, Optional<URI> base, Duration latency,
                                           ConnectionFailure failure, String detail) {
        ConnectionReport report = ConnectionReport.failed(name, reachable, latency, failure, detail);
        return base.map(report::withBaseUri).orElse(report);
    }

    // After an HTTP answer the scheme is settled, so asking sends nothing.
    private static Optional<URI> knownBase(RegistryClient client) {
        try {
            return Optional.of(client.baseUri());
        } catch (OciException e) {
            return Optional.empty();
        }
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
