package dev.berth.server.internal.access;

import dev.berth.auth.Scope;
import dev.berth.server.auth.AccessPolicy;
import dev.berth.server.internal.pipeline.Caller;
import java.util.Objects;
import java.util.Optional;

/**
 * The callers authentication hands on when an {@link AccessPolicy} decides
 * what they may do: a signed-in user, a request without credentials when
 * the policy grants anonymous actions at all, and a token's subject (allowed
 * what both the token and the policy grant).
 */
public final class PolicyCallers {
    private final AccessPolicy policy;
    private final Optional<Caller> anonymous;

    /** @param policy who may do what */
    public PolicyCallers(AccessPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.anonymous = policy.admitsAnonymous() ? Optional.of(new PolicyCaller("", policy)) : Optional.empty();
    }

    /**
     * @param user a user whose credentials were checked
     * @return the caller, allowed what the policy grants the user
     */
    public Caller signedIn(String user) {
        if (user.isEmpty()) {
            throw new IllegalArgumentException("a signed-in user has a name");
        }
        return new PolicyCaller(user, policy);
    }

    /** @return the caller for a request without credentials; empty when the policy wants every request signed in */
    public Optional<Caller> anonymous() {
        return anonymous;
    }

    /**
     * @param verified the subject of a verified token, allowed what the token grants
     * @return the caller allowed what both the token and the policy grant, and shown the catalog the policy shows
     */
    public Caller restrict(Caller verified) {
        return new TokenCaller(verified, policy);
    }

    private record PolicyCaller(String name, AccessPolicy policy) implements Caller {
        @Override
        public boolean may(Scope scope) {
            return policy.allows(name, scope);
        }

        @Override
        public boolean lists(String repository) {
            return policy.lists(name, repository);
        }

        @Override
        public String toString() {
            return name.isEmpty() ? "anonymous" : name;
        }
    }

    private record TokenCaller(Caller verified, AccessPolicy policy) implements Caller {
        @Override
        public String name() {
            return verified.name();
        }

        @Override
        public boolean anonymous() {
            return verified.anonymous();
        }

        @Override
        public boolean may(Scope scope) {
            return verified.may(scope) && policy.allows(verified.name(), scope);
        }

        @Override
        public boolean credentialsGrant(Scope scope) {
            return verified.may(scope);
        }

        @Override
        public boolean lists(String repository) {
            return policy.lists(verified.name(), repository);
        }

        @Override
        public String toString() {
            return verified.toString();
        }
    }
}
