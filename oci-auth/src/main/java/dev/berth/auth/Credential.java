package dev.berth.auth;

import dev.berth.model.InvalidArgumentException;
import java.util.Objects;

/**
 * What a client presents to a registry. Secrets never appear in
 * {@link Object#toString()}.
 */
public sealed interface Credential {

    /** No credential: anonymous access, and anonymous token requests. */
    Credential ANONYMOUS = new Anonymous();

    /**
     * @param password the password, or a personal access token
     * @param username the user to log in as
     * @return a username and password (or personal access token used as one)
     */
    static Credential basic(String username, String password) {
        return new UsernamePassword(username, password);
    }

    /**
     * @param token the identity token, sent as the refresh token of the OAuth2 grant
     * @param username the user the token belongs to (often {@code <token>} as Docker stores it)
     * @return an identity (refresh) token, as {@code docker login} stores for some registries
     */
    static Credential identityToken(String username, String token) {
        return new IdentityToken(username, token);
    }

    /**
     * @param token the registry token, without the {@code Bearer} prefix
     * @return a registry token to send as is, as {@code Authorization: Bearer ...}
     */
    static Credential bearer(String token) {
        return new BearerToken(token);
    }

    /** Anonymous access. */
    record Anonymous() implements Credential {
        @Override
        public String toString() {
            return "anonymous";
        }
    }

    /**
     * Username and password.
     *
     * @param username the user
     * @param password the password; never shown
     */
    record UsernamePassword(String username, String password) implements Credential {
        /**
         * Checks the parts.
         *
         * @param username the user
         * @param password the password; never shown
         */
        public UsernamePassword {
            InvalidArgumentException.requireNonNull(username, "username");
            InvalidArgumentException.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "user " + username + " with password ****";
        }
    }

    /**
     * An OAuth2 refresh token, exchanged at the token endpoint.
     *
     * @param username the user it belongs to (may be empty or {@code <token>})
     * @param token    the token; never shown
     */
    record IdentityToken(String username, String token) implements Credential {
        /**
         * Checks the parts.
         *
         * @param username the user it belongs to (may be empty or {@code <token>})
         * @param token the token; never shown
         */
        public IdentityToken {
            InvalidArgumentException.requireNonNull(username, "username");
            InvalidArgumentException.requireNonNull(token, "token");
        }

        @Override
        public String toString() {
            return "identity token for " + (username.isEmpty() ? "?" : username) + " ****";
        }
    }

    /**
     * A registry token, sent as is.
     *
     * @param token the token; never shown
     */
    record BearerToken(String token) implements Credential {
        /**
         * Checks the token.
         *
         * @param token the token; never shown
         */
        public BearerToken {
            InvalidArgumentException.requireNonNull(token, "token");
        }

        @Override
        public String toString() {
            return "bearer token ****";
        }
    }
}
