package dev.berth.client.registries;

import dev.berth.client.RegistryClient;
import dev.berth.model.InvalidArgumentException;
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
 * <p>Made with {@link #of(String, String)} and the {@code with...} methods; what is not set reads back empty.
 */
public final class RegistryEntry {
    private static final int MAX_NAME_LENGTH = 128;
    private final String name;
    private final String address;
    private final boolean insecure;
    private final Path caCertificate;
    private final String username;

    private RegistryEntry(String name, String address, boolean insecure, Path caCertificate, String username) {
        this.name = name;
        this.address = address;
        this.insecure = insecure;
        this.caCertificate = caCertificate;
        this.username = username;
    }

    /**
     * Checks the parts: a non-blank name without control characters, and an address a client can be built for.
     *
     * @param address the registry's host, with a port if not the default, such as {@code registry.corp:5000},
     *                or a URL {@code http(s)://host[:port]} that fixes the scheme
     * @param name what the user calls the registry, unique within a set
     * @return an entry with TLS verification on, no extra CA and no user
     * @throws InvalidArgumentException if {@code name} or {@code address} is null
     * @throws IllegalArgumentException if the name is blank, longer than 128 characters, has surrounding spaces or
     *                                  control characters, or the address is neither {@code host[:port]} nor a
     *                                  registry URL
     */
    public static RegistryEntry of(String name, String address) {
        InvalidArgumentException.requireNonNull(name, "name");
        InvalidArgumentException.requireNonNull(address, "address");
        if (name.isBlank() || !name.equals(name.strip()) || name.length() > MAX_NAME_LENGTH
                || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a registry name is 1 to " + MAX_NAME_LENGTH
                    + " characters without surrounding spaces or control characters, not \"" + name + "\"");
        }
        RegistryClient.builder(address); // rejects what is neither host[:port] nor a registry URL
        return new RegistryEntry(name, address, false, null, null);
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
     * @throws InvalidArgumentException if {@code pem} is null
     */
    public RegistryEntry withCaCertificate(Path pem) {
        return new RegistryEntry(name, address, insecure, InvalidArgumentException.requireNonNull(pem, "pem"), username);
    }

    /**
     * @param value the user to log in as; empty text leaves the entry without a user
     * @return this entry, logging in as this user
     * @throws InvalidArgumentException if {@code value} is null
     */
    public RegistryEntry withUsername(String value) {
        return new RegistryEntry(name, address, insecure, caCertificate,
                InvalidArgumentException.requireNonNull(value, "value").isEmpty() ? null : value);
    }

    /** @return what the user calls it, unique within a set */
    public String name() {
        return name;
    }

    /** @return {@code host[:port]}, or a URL {@code http(s)://host[:port]} that fixes the scheme */
    public String address() {
        return address;
    }

    /** @return true if plain HTTP is allowed and TLS verification skipped for this registry only */
    public boolean insecure() {
        return insecure;
    }

    /** @return a PEM file with CA certificates trusted for this registry besides the JDK's, if any */
    public Optional<Path> caCertificate() {
        return Optional.ofNullable(caCertificate);
    }

    /** @return the user to log in as, if any; without a password the registry is used anonymously */
    public Optional<String> username() {
        return Optional.ofNullable(username);
    }

    /** @return {@code host[:port]}, as references and credential stores name the registry */
    public String host() {
        if (address.startsWith("http://") || address.startsWith("https://")) {
            return URI.create(address).getRawAuthority();
        }
        return address;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegistryEntry e && name.equals(e.name) && address.equals(e.address) && insecure == e.insecure
                && Objects.equals(caCertificate, e.caCertificate) && Objects.equals(username, e.username);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, address, insecure, caCertificate, username);
    }

    @Override
    public String toString() {
        return "RegistryEntry[name=" + name + ", address=" + address + ", insecure=" + insecure + ", caCertificate="
                + caCertificate + ", username=" + username + "]";
    }
}
