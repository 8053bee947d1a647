package dev.berth.examples.cli.config;

import java.util.List;
import java.util.Optional;

/**
 * Berth's own keys, which distribution does not have (and ignores in a file it reads).
 *
 * @param access    {@code access}
 * @param gc        {@code gc}
 * @param retention {@code retention}
 * @param quotas    {@code quotas}
 * @param cors      {@code cors}
 */
public record RegistryPolicies(Optional<AccessConfig> access, Optional<GcConfig> gc, List<RetentionRule> retention,
                               List<QuotaRule> quotas, Optional<CorsConfig> cors) {
    /** None of Berth's own keys. */
    public static final RegistryPolicies NONE = new RegistryPolicies(Optional.empty(), Optional.empty(), List.of(), List.of(),
            Optional.empty());

    /**
     * Copies the lists.
     *
     * @param access    who may do what
     * @param gc        online garbage collection
     * @param retention what to keep
     * @param quotas    limits per namespace
     * @param cors      cross-origin settings
     */
    public RegistryPolicies {
        retention = List.copyOf(retention);
        quotas = List.copyOf(quotas);
    }
}
