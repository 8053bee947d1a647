package dev.berth.client;

import dev.berth.model.InvalidArgumentException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A registry's answer on {@code /v2/}: made with {@link #of(URI, String, Duration)} and, when the registry
 * announced one, {@link #withApiVersion(String)}.
 */
public final class Ping {
    private final URI baseUri;
    private final String apiVersion;
    private final String authScheme;
    private final Duration latency;

    private Ping(URI baseUri, String apiVersion, String authScheme, Duration latency) {
        this.baseUri = baseUri;
        this.apiVersion = apiVersion;
        this.authScheme = authScheme;
        this.latency = latency;
    }

    /**
     * @param baseUri    where the registry was reached, scheme included
     * @param authScheme how the request was authorised: {@code none}, {@code basic} or {@code bearer}
     * @param latency    the round trip of the final request
     * @return an answer that announced no API version
     * @throws InvalidArgumentException if a part is null, or {@code authScheme} is blank
     */
    public static Ping of(URI baseUri, String authScheme, Duration latency) {
        return new Ping(InvalidArgumentException.requireNonNull(baseUri, "baseUri"), null,
                InvalidArgumentException.requireNonBlank(authScheme, "authScheme"),
                InvalidArgumentException.requireNonNull(latency, "latency"));
    }

    /**
     * @param apiVersion the {@code Docker-Distribution-API-Version} it announced, e.g. {@code registry/2.0}
     * @return this answer, announcing that version
     * @throws InvalidArgumentException if {@code apiVersion} is null
     */
    public Ping withApiVersion(String apiVersion) {
        return new Ping(baseUri, InvalidArgumentException.requireNonNull(apiVersion, "apiVersion"), authScheme, latency);
    }

    /** @return where the registry was reached, scheme included */
    public URI baseUri() {
        return baseUri;
    }

    /** @return the {@code Docker-Distribution-API-Version} it announced, e.g. {@code registry/2.0}, if any */
    public Optional<String> apiVersion() {
        return Optional.ofNullable(apiVersion);
    }

    /** @return how the request was authorised: {@code none}, {@code basic} or {@code bearer} */
    public String authScheme() {
        return authScheme;
    }

    /** @return the round trip of the final request */
    public Duration latency() {
        return latency;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ping p && baseUri.equals(p.baseUri) && Objects.equals(apiVersion, p.apiVersion)
                && authScheme.equals(p.authScheme) && latency.equals(p.latency);
    }

    @Override
    public int hashCode() {
        return Objects.hash(baseUri, apiVersion, authScheme, latency);
    }

    @Override
    public String toString() {
        return "Ping[baseUri=" + baseUri + ", apiVersion=" + apiVersion + ", authScheme=" + authScheme + ", latency="
                + latency + "]";
    }
}
