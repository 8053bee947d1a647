package dev.berth.server.internal.pipeline;

import dev.berth.auth.Scope;

/**
 * Who sent a request, as authentication established it, and what they may do.
 * Authorization asks {@link #may} for the scope a route needs; the registry
 * asks it too for decisions beyond the path (a mount's source, the catalog).
 */
public interface Caller {
    /** The caller when the registry has no authentication: anonymous, allowed everything. */
    Caller UNRESTRICTED = new Caller() {
        @Override
        public String name() {
            return "";
        }

        @Override
        public boolean may(Scope scope) {
            return true;
        }
    };

    /** The caller without (valid) credentials when the registry requires them: allowed nothing. */
    Caller ANONYMOUS = new Caller() {
        @Override
        public String name() {
            return "";
        }

        @Override
        public boolean may(Scope scope) {
            return false;
        }
    };

    /** @return the user or token subject; empty for an anonymous caller */
    String name();

    /** @return whether no credentials came with the request */
    default boolean anonymous() {
        return name().isEmpty();
    }

    /**
     * @param scope a resource and the actions wanted on it
     * @return whether the caller may perform every one of them
     */
    boolean may(Scope scope);

    /**
     * @param scope a resource and the actions wanted on it
     * @return whether the credentials alone grant it (a token's scopes), whatever the access rules say; by default
     *         {@link #may}
     */
    default boolean credentialsGrant(Scope scope) {
        return may(scope);
    }

    /**
     * @param repository a repository in the store
     * @return whether the catalog shows it to this caller (who may list the catalog); by default every one
     */
    default boolean lists(String repository) {
        return true;
    }
}
