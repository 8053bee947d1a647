package dev.berth.auth.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.auth.Credential;
import dev.berth.auth.CredentialHelperException;
import dev.berth.model.internal.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Docker {@code config.json} or podman {@code auth.json}: {@code credHelpers}
 * per registry first, then credentials stored in {@code auths}, then the
 * {@code credsStore} default helper. Read on every lookup, so a new
 * {@code docker login} is seen at once.
 */
public final class DockerConfigFile {
    /** The key Docker uses for Docker Hub in config files and helpers. */
    public static final String DOCKER_HUB_KEY = "https://index.docker.io/v1/";
    private static final Set<String> DOCKER_HUB_HOSTS = Set.of("docker.io", "index.docker.io", "registry-1.docker.io",
            "registry.hub.docker.com");

    private final Path file;
    private final List<Path> helperPath;

    /**
     * @param file       the configuration file; a missing file knows no credentials
     * @param helperPath where credential helpers are looked for (normally PATH)
     */
    public DockerConfigFile(Path file, List<Path> helperPath) {
        this.file = file;
        this.helperPath = List.copyOf(helperPath);
    }

    /** @return the credential for {@code registry}, if the file or its helpers have one */
    public Optional<Credential> credentialFor(String registry) {
        ObjectNode root;
        try {
            root = Json.readObject(Files.readAllBytes(file), file.toString());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new CredentialHelperException("cannot read " + file + ": " + e.getMessage());
        }
        String host = hostOf(registry);
        String serverUrl = DOCKER_HUB_HOSTS.contains(host) ? DOCKER_HUB_KEY : host;
        Optional<String> helper = matching(root.path("credHelpers"), host).map(JsonNode::asText);
        if (helper.isPresent()) {
            return new CredentialHelper(helper.get(), file + " credHelpers", helperPath).get(serverUrl);
        }
        Optional<JsonNode> entry = matching(root.path("auths"), host);
        if (entry.isPresent()) {
            Optional<Credential> stored = fromAuthEntry(entry.get(), registry);
            if (stored.isPresent()) {
                return stored;
            }
        }
        String store = root.path("credsStore").asText("");
        if (!store.isEmpty()) {
            return new CredentialHelper(store, file + " credsStore", helperPath).get(serverUrl);
        }
        return Optional.empty();
    }

    private Optional<Credential> fromAuthEntry(JsonNode entry, String registry) {
        String identityToken = entry.path("identitytoken").asText("");
        String username = entry.path("username").asText("");
        String password = entry.path("password").asText("");
        String auth = entry.path("auth").asText("");
        if (!auth.isEmpty()) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new CredentialHelperException("the \"auth\" entry for " + registry + " in " + file + " is not base64");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw new CredentialHelperException("the \"auth\" entry for " + registry + " in " + file
                        + " is not base64 of username:password");
            }
            username = decoded.substring(0, colon);
            password = decoded.substring(colon + 1);
        }
        if (!identityToken.isEmpty()) {
            return Optional.of(Credential.identityToken(username, identityToken));
        }
        if (!username.isEmpty() || !password.isEmpty()) {
            return Optional.of(Credential.basic(username, password));
        }
        return Optional.empty();
    }

    private static Optional<JsonNode> matching(JsonNode map, String host) {
        if (!map.isObject()) {
            return Optional.empty();
        }
        boolean hub = DOCKER_HUB_HOSTS.contains(host);
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String keyHost = hostOf(e.getKey());
            if (keyHost.equals(host) || (hub && DOCKER_HUB_HOSTS.contains(keyHost))) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }

    /** @return the host[:port] of a key such as {@code https://index.docker.io/v1/}, lower case */
    static String hostOf(String key) {
        String k = key.trim().toLowerCase(Locale.ROOT);
        int scheme = k.indexOf("://");
        if (scheme >= 0) {
            k = k.substring(scheme + 3);
        }
        int slash = k.indexOf('/');
        return slash >= 0 ? k.substring(0, slash) : k;
    }
}
