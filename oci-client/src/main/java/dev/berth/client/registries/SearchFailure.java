package dev.berth.client.registries;

/**
 * A registry whose catalog could not be searched; the others' results stand.
 *
 * @param registry the name of the registry in the set
 * @param failure  the kind of failure
 * @param detail   what went wrong (never a secret)
 */
public record SearchFailure(String registry, ConnectionFailure failure, String detail) {
}
