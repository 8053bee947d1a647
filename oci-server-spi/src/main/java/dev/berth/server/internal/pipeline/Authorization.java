package dev.berth.server.internal.pipeline;

import dev.berth.auth.Scope;
import java.io.IOException;

/**
 * Lets a request on only if its caller may do what its route needs: every
 * API path, {@code /v2/} included (clients probe it), needs credentials unless
 * an access policy let the anonymous caller in, and the route's scope (pull,
 * push, delete, catalog) must be granted. A request without credentials, or
 * an anonymous one the policy does not allow the scope, gets the challenge
 * that says how to authenticate; an authenticated caller without the access
 * gets the scheme's refusal (Basic: 403 {@code DENIED}; a token: 401
 * {@code insufficient_scope}, as distribution answers), unless the token
 * grants the scope and only the access rules refuse it: 403 {@code DENIED}.
 */
public final class Authorization implements Handler {
    private final Challenge challenge;
    private final Handler next;

    /**
     * @param challenge how to ask for credentials and refuse
     * @param next      the stage allowed requests go on to
     */
    public Authorization(Challenge challenge, Handler next) {
        this.challenge = challenge;
        this.next = next;
    }

    @Override
    public void handle(Call call) throws IOException {
        Scope scope = call.path().requiredScope(call.exchange().method());
        Caller caller = call.caller();
        // An anonymous caller other than ANONYMOUS was let in by an access policy: /v2/ and what it may do pass.
        boolean refused = scope == null ? caller == Caller.ANONYMOUS : !caller.may(scope);
        if (refused) {
            // Credentials that grant the scope were refused by the access rules: another token would not help.
            throw caller.anonymous() ? challenge.unauthenticated(scope)
                    : caller.credentialsGrant(scope) ? challenge.denied(scope) : challenge.insufficient(scope);
        }
        next.handle(call);
    }
}
