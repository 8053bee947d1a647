package dev.berth.client.registries;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link RegistrySet#test(String)}: whether the registry answered, whether
 * it accepted the configured credentials (or anonymous access), and if not, why.
 *
 * @param name          the registry's name in the set
 * @param reachable     true if an HTTP answer came, even a refusal
 * @param authenticated true if {@code /v2/} answered 200 with the configured credentials, or without any
 * @param baseUri       where the registry answered, scheme included, when known
 * @param apiVersion    the {@code Docker-Distribution-API-Version} it announced
 * @param authScheme    how the successful request was authorised: {@code none}, {@code basic} or {@code bearer}
 * @param latency       the round trip of the final {@code /v2/} request, or the time until the failure
 * @param failure       why the registry cannot be used, empty if it can
 * @param detail        a sentence for the user: what answered, or what went wrong (never a secret)
 */
public record ConnectionReport(String name, boolean reachable, boolean authenticated, Optional<URI> baseUri,
                               Optional<String> apiVersion, Optional<String> authScheme, Duration latency,
                               Optional<ConnectionFailure> failure, String detail) {

    /**
     * Checks that nothing is null.
     *
     * @param name the registry's name in the set
     * @param reachable true if an HTTP answer came, even a refusal
     * @param authenticated true if {@code /v2/} answered 200 with the configured credentials, or without any
     * @param baseUri where the registry answered, scheme included, when known
     * @param apiVersion the {@code Docker-Distribution-API-Version} it announced
     * @param authScheme how the successful request was authorised: {@code none}, {@code basic} or {@code bearer}
     * @param latency the round trip of the final {@code /v2/} request, or the time until the failure
     * @param failure why the registry cannot be used, empty if it can
     * @param detail a sentence for the user: what answered, or what went wrong (never a secret)
     */
    public ConnectionReport {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(baseUri, "baseUri");
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(authScheme, "authScheme");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(detail, "detail");
    }

    /** @return true if the registry can be used as configured */
    public boolean ok() {
        return failure.isEmpty();
    }
}
