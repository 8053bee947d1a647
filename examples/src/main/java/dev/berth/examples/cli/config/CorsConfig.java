package dev.berth.examples.cli.config;

import java.util.List;

/**
 * Berth's {@code cors} key, for a registry UI in a browser. Lists the file leaves out are empty.
 *
 * @param origins     allowed origins ({@code http://localhost:8080}), or {@code *}
 * @param credentials whether the browser may send credentials
 * @param methods     allowed methods
 * @param headers     allowed request headers
 * @param expose      response headers the page may read, such as {@code Docker-Content-Digest}
 */
public record CorsConfig(List<String> origins, boolean credentials, List<String> methods, List<String> headers,
                         List<String> expose) {
    /**
     * Copies the lists.
     *
     * @param origins     allowed origins
     * @param credentials whether credentials are allowed
     * @param methods     allowed methods
     * @param headers     allowed request headers
     * @param expose      exposed response headers
     */
    public CorsConfig {
        origins = List.copyOf(origins);
        methods = List.copyOf(methods);
        headers = List.copyOf(headers);
        expose = List.copyOf(expose);
    }
}
