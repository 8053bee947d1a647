package dev.berth.server.auth;

import dev.berth.auth.Scope;
import java.util.Set;

/**
 * Decides which of the requested actions a subject may perform. Granting
 * fewer actions than asked is normal: the token carries the intersection and
 * the registry refuses what is missing.
 */
@FunctionalInterface
public interface Authorizer {
    /**
     * @param subject   the authenticated user, or an empty string for anonymous
     * @param requested the scope asked for
     * @return the actions granted on that resource, possibly none
     */
    Set<String> grant(String subject, Scope requested);

    /** @return an authorizer that grants every action to authenticated users and pull to anonymous ones */
    static Authorizer authenticatedFullAnonymousPull() {
        return (subject, requested) -> {
            if (!subject.isEmpty()) {
                return requested.actions();
            }
            return requested.actions().contains("pull") ? Set.of("pull") : Set.of();
        };
    }
}
