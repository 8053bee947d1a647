package dev.berth.client.tags;

import dev.berth.model.Descriptor;
import java.util.List;

/**
 * A tag deletion, planned or done. Registries delete manifests, not tags: every
 * tag pointing at the manifest goes with it, and {@link #alsoRemoved()} names them.
 *
 * @param repository  the repository
 * @param tag         the tag asked for
 * @param manifest    the manifest it pointed to
 * @param alsoRemoved the other tags pointing at the same manifest, by name
 * @param deleted     whether the manifest was deleted (false for a plan)
 */
public record TagDeletion(String repository, String tag, Descriptor manifest, List<String> alsoRemoved, boolean deleted) {

    /**
     * Copies the list.
     *
     * @param repository the repository's name within the registry, such as {@code library/alpine}
     * @param tag the tag, such as {@code latest}
     * @param manifest the manifest it pointed to
     * @param alsoRemoved the other tags pointing at the same manifest, by name
     * @param deleted whether the manifest was deleted (false for a plan)
     */
    public TagDeletion {
        alsoRemoved = List.copyOf(alsoRemoved);
    }
}
