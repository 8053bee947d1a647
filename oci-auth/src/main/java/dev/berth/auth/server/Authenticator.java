package dev.berth.auth.server;

/** Checks a username and password on the server side; {@link Htpasswd} is one. */
@FunctionalInterface
public interface Authenticator {
    /**
     * @param username the user
     * @param password the password
     * @return whether they match
     */
    boolean authenticate(String username, String password);
}
