package dev.berth.server.internal.pipeline;

import dev.berth.auth.Scope;
import dev.berth.server.internal.ApiPath;
import java.io.IOException;

/**
 * Lets a request on only if its caller may do what its route needs: every
 * API path, {@code /v2/} included (clients probe it), needs credentials, and
 * the route's scope (pull, push, delete, catalog) must be granted. A request
 * without credentials gets the challenge that says how to authenticate; an
 * authenticated caller without the access gets the scheme's refusal (for a
 * token: 401 {@code insufficient_scope}, as distribution answers).
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
        Scope scope = ApiPath.parse(call.exchange().rawPath()).requiredScope(call.exchange().method());
        Caller caller = call.caller();
        if (caller.anonymous()) {
            throw challenge.unauthenticated(scope);
        }
        if (scope != null && !caller.may(scope)) {
            throw challenge.insufficient(scope);
        }
        next.handle(call);
    }
}
