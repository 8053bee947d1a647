package dev.berth.auth;

import java.util.Optional;

/**
 * Finds the credential for a registry. Providers are chained with
 * {@link CredentialProviders#chain}: the first that knows the registry wins.
 */
@FunctionalInterface
public interface CredentialProvider {
    /**
     * @param registry host with optional port, e.g. {@code ghcr.io} or {@code localhost:5000};
     *                 {@code docker.io} for Docker Hub
     * @return the credential, or empty if this provider knows none
     * @throws CredentialHelperException if a configured helper fails
     */
    Optional<Credential> credentialFor(String registry);
}
