package dev.berth.auth;

import dev.berth.model.InvalidArgumentException;
import dev.berth.auth.internal.CredentialHelper;
import dev.berth.auth.internal.DockerConfigFile;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The credential providers Berth ships, and the default chain:
 * {@link #environment()}, then {@code REGISTRY_AUTH_FILE} (podman, skopeo),
 * then Docker's {@code config.json} with its helpers.
 *
 * <pre>{@code
 * CredentialProvider credentials = CredentialProviders.chain(
 *         CredentialProviders.of("localhost:5000", Credential.basic("ci", token)),
 *         CredentialProviders.defaults());
 * }</pre>
 */
public final class CredentialProviders {
    /** Environment variable with the username for {@link #environment()}. */
    public static final String ENV_USERNAME = "BERTH_REGISTRY_USERNAME";
    /** Environment variable with the password for {@link #environment()}. */
    public static final String ENV_PASSWORD = "BERTH_REGISTRY_PASSWORD";
    /** Optional environment variable naming the one registry the variables are for. */
    public static final String ENV_REGISTRY = "BERTH_REGISTRY";

    private CredentialProviders() {
    }

    /**
     * @param credential what to log in to that registry with
     * @param registry the registry's host, with its port if not 443, such as {@code ghcr.io}
     * @return a provider that knows one registry's credential
     */
    public static CredentialProvider of(String registry, Credential credential) {
        String host = InvalidArgumentException.requireNonBlank(registry, "registry").toLowerCase(Locale.ROOT);
        InvalidArgumentException.requireNonNull(credential, "credential");
        return r -> r.toLowerCase(Locale.ROOT).equals(host) ? Optional.of(credential) : Optional.empty();
    }

    /**
     * @param providers the providers to ask, in order
     * @return the first provider's answer that is not empty
     */
    public static CredentialProvider chain(CredentialProvider... providers) {
        if (Arrays.stream(InvalidArgumentException.requireNonNull(providers, "providers")).anyMatch(Objects::isNull)) {
            throw new InvalidArgumentException("providers", "must not hold null");
        }
        List<CredentialProvider> list = List.of(providers);
        return registry -> {
            for (CredentialProvider p : list) {
                Optional<Credential> c = p.credentialFor(registry);
                if (c.isPresent()) {
                    return c;
                }
            }
            return Optional.empty();
        };
    }

    /**
     * @return credentials from {@value #ENV_USERNAME} and {@value #ENV_PASSWORD},
     *         for the registry in {@value #ENV_REGISTRY} or, if that is unset, for any
     */
    public static CredentialProvider environment() {
        return environment(System.getenv());
    }

    /**
     * @param env the environment variables to read, by name
     * @return {@link #environment()} over the given variables, for tests and embedding
     */
    public static CredentialProvider environment(Map<String, String> env) {
        InvalidArgumentException.requireNonNull(env, "env");
        return registry -> {
            String user = env.get(ENV_USERNAME);
            String password = env.get(ENV_PASSWORD);
            String only = env.get(ENV_REGISTRY);
            if (user == null || password == null || (only != null && !only.equalsIgnoreCase(registry))) {
                return Optional.empty();
            }
            return Optional.of(Credential.basic(user, password));
        };
    }

    /**
     * @param file the {@code config.json} or {@code auth.json} to read; a missing file gives no credentials
     * @return credentials from a Docker {@code config.json} or podman {@code auth.json} file
     */
    public static CredentialProvider dockerConfig(Path file) {
        InvalidArgumentException.requireNonNull(file, "file");
        DockerConfigFile config = new DockerConfigFile(file, CredentialHelper.systemPath());
        return config::credentialFor;
    }

    /** @return Docker's configuration: {@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json} */
    public static CredentialProvider dockerConfig() {
        return dockerConfig(dockerConfigPath(System.getenv()));
    }

    /**
     * @return podman's and skopeo's {@code auth.json}: {@code $REGISTRY_AUTH_FILE}, else
     *         {@code $XDG_RUNTIME_DIR/containers/auth.json}
     */
    public static CredentialProvider authFile() {
        Map<String, String> env = System.getenv();
        String explicit = env.get("REGISTRY_AUTH_FILE");
        if (explicit != null && !explicit.isEmpty()) {
            return dockerConfig(Path.of(explicit));
        }
        String runtime = env.get("XDG_RUNTIME_DIR");
        return runtime == null || runtime.isEmpty() ? r -> Optional.empty()
                : dockerConfig(Path.of(runtime, "containers", "auth.json"));
    }

    /** @return the default chain: environment, podman's auth file, Docker's config */
    public static CredentialProvider defaults() {
        return chain(environment(), authFile(), dockerConfig());
    }

    static Path dockerConfigPath(Map<String, String> env) {
        String dir = env.get("DOCKER_CONFIG");
        if (dir != null && !dir.isEmpty()) {
            return Path.of(dir, "config.json");
        }
        return Path.of(System.getProperty("user.home"), ".docker", "config.json");
    }
}
