package dev.berth.client;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * A registry's answer on {@code /v2/}.
 *
 * @param baseUri    where the registry was reached, scheme included
 * @param apiVersion the {@code Docker-Distribution-API-Version} it announced, e.g. {@code registry/2.0}
 * @param authScheme how the request was authorised: {@code none}, {@code basic} or {@code bearer}
 * @param latency    the round trip of the final request
 */
public record Ping(URI baseUri, Optional<String> apiVersion, String authScheme, Duration latency) {
}
