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
}
