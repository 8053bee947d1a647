package dev.berth.client.registries;

/**
 * A repository found by {@link RegistrySet#search}.
 *
 * @param registry   the name of the registry in the set
 * @param host       its {@code host[:port]}, for building references
 * @param repository the repository, e.g. {@code team/app}
 */
public record RepositoryMatch(String registry, String host, String repository) {

    /** @return {@code host/repository}, the reference without a tag */
    public String reference() {
        return host + "/" + repository;
    }
}
