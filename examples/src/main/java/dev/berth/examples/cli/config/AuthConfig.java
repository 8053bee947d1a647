package dev.berth.examples.cli.config;

import java.nio.file.Path;

/** How clients authenticate: {@code auth.htpasswd} or {@code auth.token}. */
public sealed interface AuthConfig {
    /**
     * @param realm the realm distribution names in its Basic challenge (Berth's challenge names {@code berth})
     * @param path  the htpasswd file (bcrypt entries)
     */
    record Htpasswd(String realm, Path path) implements AuthConfig {
    }

    /**
     * @param realm          the token issuer's URL, sent in the Bearer challenge
     * @param service        the service the tokens are issued for (their audience)
     * @param issuer         the issuer the tokens must name
     * @param rootCertBundle the issuer's certificate (PEM), whose key verifies the tokens
     */
    record Token(String realm, String service, String issuer, Path rootCertBundle) implements AuthConfig {
    }
}
