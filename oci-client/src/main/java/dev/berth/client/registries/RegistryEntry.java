package dev.berth.client.registries;

import dev.berth.client.RegistryClient;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One named registry of a {@link RegistrySet} and how to reach it. The password
 * is not part of it: the set keeps that apart, encrypted when saved.
 *
 * <pre>{@code
 * RegistryEntry local = RegistryEntry.of("local", "localhost:5000").withInsecure(true);
 * RegistryEntry corp = RegistryEntry.of("corp", "registry.corp.example")
 *         .withCaCertificate(Path.of("/etc/corp/ca.pem")).withUsername("ci");
 * }</pre>
 *
 * @param name          what the user calls it, unique within a set
 * @param address       {@code host[:port]}, or a URL {@code http(s)://host[:port]} that fixes the scheme
 * @param insecure      true allows plain HTTP and skips TLS verification for this registry only
 * @param caCertificate a PEM file with CA certificates trusted for this registry besides the JDK's
 * @param username      the user to log in as; without a password the registry is used anonymously
 */
public record RegistryEntry(String name, String address, boolean insecure, Optional<Path> caCertificate,
                            Optional<String> username) {
    private static final int MAX_NAME_LENGTH = 128;

    /**
     * Checks the parts: a non-blank name without control characters, and an address a client can be built for.
     *
     * @param name what the user calls it, unique within a set
     * @param address {@code host[:port]}, or a URL {@code http(s)://host[:port]} that fixes the scheme
     * @param insecure true allows plain HTTP and skips TLS verification for this registry only
     * @param caCertificate a PEM file with CA certificates trusted for this registry besides the JDK's
     * @param username the user to log in as; without a password the registry is used anonymously
     */
    public RegistryEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(caCertificate, "caCertificate");
        Objects.requireNonNull(username, "username");
        if (name.isBlank() || !name.equals(name.strip()) || name.length() > MAX_NAME_LENGTH
                || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a registry name is 1 to " + MAX_NAME_LENGTH
                    + " characters without surrounding spaces or control characters, not \"" + name + "\"");
        }
        RegistryClient.builder(address); // rejects what is neither host[:port] nor a registry URL
        if (username.isPresent() && username.get().isEmpty()) {
            username = Optional.empty();
        }
    }

    /**
     * @param address the registry's host, with a port if not the default, such as {@code registry.corp:5000}
     * @param name what the user calls the registry, unique within a set
     * @return an entry with TLS verification on, no extra CA and no user
     */
    public static RegistryEntry of(String name, String address) {
        return new RegistryEntry(name, address, false, Optional.empty(), Optional.empty());
    }

    /**
     * @param value true to allow plain HTTP and unverified TLS for this registry
     * @return this entry, insecure or not
     */
    public RegistryEntry withInsecure(boolean value) {
        return new RegistryEntry(name, address, value, caCertificate, username);
    }

    /**
     * @param pem a PEM file holding the CA certificates to trust for this registry
     * @return this entry, trusting the CA certificates in this PEM file
     */
    public RegistryEntry withCaCertificate(Path pem) {
        return new RegistryEntry(name, address, insecure, Optional.of(pem), username);
    }

    /**
     * @param value the user to log in as
     * @return this entry, logging in as this user
     */
    public RegistryEntry withUsername(String value) {
        return new RegistryEntry(name, address, insecure, caCertificate, Optional.ofNullable(value));
    }

    /** @return {@code host[:port]}, as references and credential stores name the registry */
    public String host() {
        if (address.startsWith("http://") || address.startsWith("https://")) {
            return URI.create(address).getRawAuthority();
        }
        return address;
    }
}
