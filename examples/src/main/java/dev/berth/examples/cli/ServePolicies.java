package dev.berth.examples.cli;

import dev.berth.examples.cli.config.AccessConfig;
import dev.berth.examples.cli.config.ConfigException;
import dev.berth.examples.cli.config.CorsConfig;
import dev.berth.examples.cli.config.ServeConfig;
import dev.berth.server.CorsPolicy;
import dev.berth.server.EmbeddedRegistry;
import dev.berth.server.auth.AccessPolicy;
import dev.berth.server.auth.AccessPolicyException;
import java.util.ArrayList;
import java.util.List;

/**
 * Berth's own keys of a serve configuration ({@code access}, {@code cors}, ...) and {@code http.headers} turned into
 * the registry's options. The file's records were checked when it was read;
 * what only the registry's own types can check is reported naming the key.
 */
final class ServePolicies {
    private ServePolicies() {
    }

    /**
     * @param file    the configuration file, for errors
     * @param config  the configuration
     * @param builder the registry to configure
     * @throws ConfigException naming the key whose value the registry refuses
     */
    static void apply(String file, ServeConfig config, EmbeddedRegistry.Builder builder) {
        config.policies().access().ifPresent(access -> builder.accessPolicy(accessPolicy(file, access)));
        if (!config.headers().isEmpty()) {
            builder.responseHeaders(config.headers());
        }
        config.policies().cors().ifPresent(cors -> builder.cors(corsPolicy(file, cors)));
    }

    static CorsPolicy corsPolicy(String file, CorsConfig cors) {
        CorsPolicy policy = CorsPolicy.allowing(cors.origins().toArray(String[]::new)).withCredentials(cors.credentials());
        try {
            if (!cors.methods().isEmpty()) {
                policy = policy.withMethods(cors.methods());
            }
            if (!cors.headers().isEmpty()) {
                policy = policy.withHeaders(cors.headers());
            }
            if (!cors.expose().isEmpty()) {
                policy = policy.withExpose(cors.expose());
            }
            return policy;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file, List.of("cors: " + e.getMessage()));
        }
    }

    static AccessPolicy accessPolicy(String file, AccessConfig access) {
        List<AccessPolicy.Rule> rules = new ArrayList<>();
        for (int i = 0; i < access.rules().size(); i++) {
            AccessConfig.Rule r = access.rules().get(i);
            try {
                rules.add(new AccessPolicy.Rule(r.repositories(), r.users(), List.copyOf(r.actions())));
            } catch (AccessPolicyException e) {
                throw new ConfigException(file, List.of("access.rules[" + i + "]: " + e.getMessage()));
            }
        }
        try {
            return AccessPolicy.of(access.admins(), access.anonymous(), rules);
        } catch (AccessPolicyException e) {
            throw new ConfigException(file, List.of("access: " + e.getMessage()));
        }
    }
}
