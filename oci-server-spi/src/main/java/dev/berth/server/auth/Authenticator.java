package dev.berth.server.auth;

/**
 * Checks a username and password on the server side; {@link Htpasswd} is one.
 * The registry calls it on every request with Basic credentials, so an
 * implementation should answer repeated valid credentials cheaply, and a
 * refusal in the same time whether or not the user exists.
 */
@FunctionalInterface
public interface Authenticator {
    /**
     * @param username the user
     * @param password the password
     * @return whether they match
     */
    boolean authenticate(String username, String password);
}
