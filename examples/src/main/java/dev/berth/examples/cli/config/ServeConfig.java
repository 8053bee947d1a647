package dev.berth.examples.cli.config;

import dev.berth.events.send.EndpointConfig;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@code config.yml} asks of {@code berth serve}, validated. Absent
 * values are those the file does not give and distribution has no default
 * for (the storage, the address); the command line may supply them.
 *
 * @param storage       {@code storage.filesystem}, {@code storage.inmemory} or {@code storage.s3}
 * @param metadata      Berth's {@code metadata}: a JDBC URL for the manifests and tags, which instances over one
 *                      bucket share; without it they are kept beside filesystem blobs, or in memory
 * @param deleteEnabled {@code storage.delete.enabled} (distribution's default: false)
 * @param uploadExpiry  {@code storage.maintenance.uploadpurging.age}: upload sessions idle this long are purged
 *                      (distribution's default 168h)
 * @param readOnly      {@code storage.maintenance.readonly.enabled}
 * @param auth          {@code auth.htpasswd} or {@code auth.token}
 * @param address       {@code http.addr}
 * @param tls           {@code http.tls}
 * @param headers       {@code http.headers}: added to every response
 * @param debug         {@code http.debug}
 * @param notifications {@code notifications.endpoints}, those not {@code disabled}
 * @param log           {@code log}
 * @param policies      Berth's own keys
 * @param notes         keys accepted that Berth has no need of, each with why, for the operator to read at start
 */
public record ServeConfig(Optional<StorageConfig> storage, Optional<String> metadata, boolean deleteEnabled, Duration uploadExpiry, boolean readOnly,
                          Optional<AuthConfig> auth, Optional<InetSocketAddress> address, Optional<TlsFiles> tls,
                          Map<String, List<String>> headers, Optional<DebugConfig> debug, List<EndpointConfig> notifications,
                          LogConfig log, RegistryPolicies policies, List<String> notes) {
    /** distribution's {@code storage.maintenance.uploadpurging.age} default. */
    public static final Duration DEFAULT_UPLOAD_EXPIRY = Duration.ofHours(168);

    /**
     * Copies the collections.
     *
     * @param storage       where content is kept
     * @param metadata      the JDBC URL of the metadata, if not beside the blobs
     * @param deleteEnabled whether deletes are allowed
     * @param uploadExpiry  how long an idle upload lives
     * @param readOnly      whether every write is refused
     * @param auth          how clients authenticate
     * @param address       where to listen
     * @param tls           the certificate and key
     * @param headers       extra response headers
     * @param debug         the debug listener
     * @param notifications the event endpoints
     * @param log           the log settings
     * @param policies      Berth's own keys
     * @param notes         accepted keys that change nothing, with why
     */
    public ServeConfig {
        headers = Map.copyOf(headers);
        notifications = List.copyOf(notifications);
        notes = List.copyOf(notes);
    }
}
