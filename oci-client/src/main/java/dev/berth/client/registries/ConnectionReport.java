package dev.berth.client.registries;

import dev.berth.client.Ping;
import dev.berth.model.InvalidArgumentException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link RegistrySet#test(String)}: whether the registry answered, whether
 * it accepted the configured credentials (or anonymous access), and if not, why. Made with
 * {@link #usable(String, Ping, String)} or {@link #failed(String, boolean, Duration, ConnectionFailure, String)};
 * what is not known reads back empty.
 */
public final class ConnectionReport {
    private final String name;
    private final boolean reachable;
    private final boolean authenticated;
    private final URI baseUri;
    private final String apiVersion;
    private final String authScheme;
    private final Duration latency;
    private final ConnectionFailure failure;
    private final String detail;

    private ConnectionReport(String name, boolean reachable, boolean authenticated, URI baseUri, String apiVersion,
                             String authScheme, Duration latency, ConnectionFailure failure, String detail) {
        this.name = InvalidArgumentException.requireNonNull(name, "name");
        this.reachable = reachable;
        this.authenticated = authenticated;
        this.baseUri = baseUri;
        this.apiVersion = apiVersion;
        this.authScheme = authScheme;
        this.latency = InvalidArgumentException.requireNonNull(latency, "latency");
        this.failure = failure;
        this.detail = InvalidArgumentException.requireNonNull(detail, "detail");
    }

    /**
     * @param name   the registry's name in the set
     * @param ping   its answer on {@code /v2/} with the configured credentials, or without any
     * @param detail a sentence for the user: what answered (never a secret)
     * @return a report of a registry that answered and accepted the credentials
     * @throws InvalidArgumentException if a part is null
     */
    public static ConnectionReport usable(String name, Ping ping, String detail) {
        InvalidArgumentException.requireNonNull(ping, "ping");
        return new ConnectionReport(name, true, true, ping.baseUri(), ping.apiVersion().orElse(null), ping.authScheme(),
                ping.latency(), null, detail);
    }

    /**
     * @param name      the registry's name in the set
     * @param reachable true if an HTTP answer came, even a refusal
     * @param latency   the time until the failure
     * @param failure   why the registry cannot be used
     * @param detail    a sentence for the user: what went wrong (never a secret)
     * @return a report of a registry that cannot be used, without a known base URI
     * @throws InvalidArgumentException if a part is null
     */
    public static ConnectionReport failed(String name, boolean reachable, Duration latency, ConnectionFailure failure,
                                          String detail) {
        return new ConnectionReport(name, reachable, false, null, null, null, latency,
                InvalidArgumentException.requireNonNull(failure, "failure"), detail);
    }

    /**
     * @param baseUri where the registry answered, scheme included
     * @return this report, with that base URI
     * @throws InvalidArgumentException if {@code baseUri} is null
     */
    public ConnectionReport withBaseUri(URI baseUri) {
        return new ConnectionReport(name, reachable, authenticated,
                InvalidArgumentException.requireNonNull(baseUri, "baseUri"), apiVersion, authScheme, latency, failure,
                detail);
    }

    /** @return the registry's name in the set */
    public String name() {
        return name;
    }

    /** @return true if an HTTP answer came, even a refusal */
    public boolean reachable() {
        return reachable;
    }

    /** @return true if {@code /v2/} answered 200 with the configured credentials, or without any */
    public boolean authenticated() {
        return authenticated;
    }

    /** @return where the registry answered, scheme included, when known */
    public Optional<URI> baseUri() {
        return Optional.ofNullable(baseUri);
    }

    /** @return the {@code Docker-Distribution-API-Version} it announced, if any */
    public Optional<String> apiVersion() {
        return Optional.ofNullable(apiVersion);
    }

    /** @return how the successful request was authorised: {@code none}, {@code basic} or {@code bearer}; empty on failure */
    public Optional<String> authScheme() {
        return Optional.ofNullable(authScheme);
    }

    /** @return the round trip of the final {@code /v2/} request, or the time until the failure */
    public Duration latency() {
        return latency;
    }

    /** @return why the registry cannot be used, empty if it can */
    public Optional<ConnectionFailure> failure() {
        return Optional.ofNullable(failure);
    }

    /** @return a sentence for the user: what answered, or what went wrong (never a secret) */
    public String detail() {
        return detail;
    }

    /** @return true if the registry can be used as configured */
    public boolean ok() {
        return failure == null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectionReport r && name.equals(r.name) && reachable == r.reachable
                && authenticated == r.authenticated && Objects.equals(baseUri, r.baseUri)
                && Objects.equals(apiVersion, r.apiVersion) && Objects.equals(authScheme, r.authScheme)
                && latency.equals(r.latency) && failure == r.failure && detail.equals(r.detail);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, reachable, authenticated, baseUri, apiVersion, authScheme, latency, failure, detail);
    }

    @Override
    public String toString() {
        return "ConnectionReport[name=" + name + ", reachable=" + reachable + ", authenticated=" + authenticated
                + ", baseUri=" + baseUri + ", apiVersion=" + apiVersion + ", authScheme=" + authScheme + ", latency="
                + latency + ", failure=" + failure + ", detail=" + detail + "]";
    }
}
