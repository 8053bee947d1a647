package dev.berth.examples.cli;

import dev.berth.examples.cli.config.AccessConfig;
import dev.berth.examples.cli.config.ConfigException;
import dev.berth.examples.cli.config.CorsConfig;
import dev.berth.examples.cli.config.QuotaRule;
import dev.berth.examples.cli.config.RetentionRule;
import dev.berth.examples.cli.config.ServeConfig;
import dev.berth.server.CorsPolicy;
import dev.berth.server.EmbeddedRegistry;
import dev.berth.server.GcSettings;
import dev.berth.server.Quota;
import dev.berth.server.RetentionPolicy;
import dev.berth.server.auth.AccessPolicy;
import dev.berth.server.auth.AccessPolicyException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Berth's own keys of a serve configuration ({@code access}, {@code cors}, {@code gc}, {@code retention}, {@code quotas}) and {@code http.headers} turned into
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
        config.policies().gc().ifPresent(gc -> builder.garbageCollection(refusedAs(file, "gc",
                () -> new GcSettings(gc.interval(), gc.grace(), gc.untagged()))));
        List<RetentionPolicy> retention = new ArrayList<>();
        for (int i = 0; i < config.policies().retention().size(); i++) {
            RetentionRule r = config.policies().retention().get(i);
            retention.add(refusedAs(file, "retention[" + i + "]", () -> retentionPolicy(r)));
        }
        builder.retention(retention);
        List<Quota> quotas = new ArrayList<>();
        for (int i = 0; i < config.policies().quotas().size(); i++) {
            QuotaRule q = config.policies().quotas().get(i);
            quotas.add(refusedAs(file, "quotas[" + i + "]", () -> new Quota(q.namespace(), q.bytes().orElse(Long.MAX_VALUE),
                    q.repositories().orElse(Integer.MAX_VALUE))));
        }
        builder.quotas(quotas);
    }

    private static RetentionPolicy retentionPolicy(RetentionRule rule) {
        RetentionPolicy policy = RetentionPolicy.forRepositories(rule.repositories()).keepTags(rule.tags());
        if (rule.newest().isPresent()) {
            policy = policy.keepNewest(rule.newest().getAsInt());
        }
        if (rule.pulledWithin().isPresent()) {
            policy = policy.keepPulledWithin(rule.pulledWithin().get());
        }
        if (rule.untaggedFor().isPresent()) {
            policy = policy.keepUntaggedFor(rule.untaggedFor().get());
        }
        return policy;
    }

    // What the registry's own types refuse (beyond what reading the file checked), named by its key.
    private static <T> T refusedAs(String file, String key, Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file, List.of(key + ": " + e.getMessage()));
        }
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
