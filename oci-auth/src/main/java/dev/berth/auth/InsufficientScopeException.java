package dev.berth.auth;

/** The registry wants a scope the token endpoint would not grant, e.g. push on a read-only repository. */
public class InsufficientScopeException extends AuthenticationException {
    /** The scope the registry asked for and the token did not grant. */
    private final String scope;

    /**
     * @param scope   the scope the registry asked for, e.g. {@code repository:team/app:pull,push}
     * @param message what happened
     */
    public InsufficientScopeException(String scope, String message) {
        super(message, 401);
        this.scope = scope;
    }

    /** @return the scope the registry asked for */
    public String scope() {
        return scope;
    }
}
