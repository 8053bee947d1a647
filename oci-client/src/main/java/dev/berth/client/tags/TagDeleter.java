package dev.berth.client.tags;

import dev.berth.client.DeletionDisabledException;
import dev.berth.client.RegistryClient;
import dev.berth.client.internal.BoundedParallel;
import dev.berth.model.Descriptor;
import dev.berth.model.ErrorCode;
import dev.berth.model.InvalidArgumentException;
import dev.berth.model.Reference;
import dev.berth.model.RegistryError;
import dev.berth.model.RegistryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Deletes a tag the way registries allow: resolves it to its manifest digest
 * (HEAD), finds the other tags that share that manifest (HEAD each, a bounded
 * number at once) so they can be shown before they disappear too, and deletes
 * the manifest by digest (distribution 2.8 refuses a delete by tag).
 *
 * <pre>{@code
 * TagDeleter deleter = new TagDeleter(client);
 * TagDeletion plan = deleter.plan("team/app", "1.0");   // confirm: "also removes latest, stable"
 * deleter.delete("team/app", "1.0");
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class TagDeleter {
    private final RegistryClient client;
    private final int concurrency;

    /** @param client the registry; tags are compared {@value TagLister#DEFAULT_CONCURRENCY} at a time */
    public TagDeleter(RegistryClient client) {
        this(client, TagLister.DEFAULT_CONCURRENCY);
    }

    /**
     * @param client      the registry
     * @param concurrency how many tags are resolved at once
     */
    public TagDeleter(RegistryClient client, int concurrency) {
        if (concurrency < 1) {
            throw new InvalidArgumentException("concurrency", "must be at least 1, not " + concurrency);
        }
        this.client = InvalidArgumentException.requireNonNull(client, "client");
        this.concurrency = concurrency;
    }

    /**
     * Resolves the tag and its siblings without deleting anything.
     *
     * @param tag the tag, such as {@code latest}
     * @param repository the repository's name within the registry, such as {@code library/alpine}
     * @return the plan: the tag's manifest and the other tags that point at it too
     * @throws RegistryException 404 {@code MANIFEST_UNKNOWN} if there is no such tag
     */
    public TagDeletion plan(String repository, String tag) {
        Reference.requireValidRepository(repository);
        Reference.requireValidTag(tag);
        Descriptor manifest = client.statManifest(repository, tag).orElseThrow(() -> new RegistryException(
                "HEAD manifest " + repository + ":" + tag, 404,
                List.of(RegistryError.of(ErrorCode.MANIFEST_UNKNOWN))));
        List<String> others = client.tags(repository).filter(t -> !t.equals(tag)).toList();
        List<Optional<Descriptor>> resolved = new BoundedParallel(concurrency, "berth-tags").mapAll(others, t -> client.statManifest(repository, t));
        List<String> siblings = new ArrayList<>();
        for (int i = 0; i < others.size(); i++) {
            if (resolved.get(i).map(d -> d.digest().equals(manifest.digest())).orElse(false)) {
                siblings.add(others.get(i));
            }
        }
        return new TagDeletion(repository, tag, manifest, siblings, false);
    }

    /**
     * Deletes the manifest the tag points to, and with it every tag that shares it.
     *
     * @param tag the tag, such as {@code latest}
     * @param repository the repository's name within the registry, such as {@code library/alpine}
     * @return what was deleted, with the sibling tags that went too
     * @throws DeletionDisabledException if the registry does not allow deletes (HTTP 405 or {@code UNSUPPORTED})
     * @throws RegistryException         404 {@code MANIFEST_UNKNOWN} if there is no such tag
     */
    public TagDeletion delete(String repository, String tag) {
        TagDeletion plan = plan(repository, tag);
        client.deleteManifest(repository, plan.manifest().digest());
        return new TagDeletion(repository, tag, plan.manifest(), plan.alsoRemoved(), true);
    }
}
