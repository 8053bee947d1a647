package dev.berth.server;

import dev.berth.model.InvalidArgumentException;
import java.util.Objects;

/**
 * A limit on a namespace: the repositories named {@code namespace} or
 * {@code namespace/...}. A push (blob upload, mount, manifest) that would take
 * the namespace beyond a limit is refused with 403 {@code DENIED} naming the
 * quota, and stores nothing.
 *
 * <p>Bytes are those of the distinct content the namespace's repositories hold:
 * each linked blob and each manifest counted once, however many of its
 * repositories share it. Repositories are those that exist (hold a manifest or a blob link).
 *
 * @param namespace    the name prefix, a repository name such as {@code team} or {@code team/backend}
 * @param bytes        the most bytes, or {@link Long#MAX_VALUE} for no limit
 * @param repositories the most repositories, or {@link Integer#MAX_VALUE} for no limit
 */
public record Quota(String namespace, long bytes, int repositories) {
    /**
     * Checks the parts.
     *
     * @param namespace    the name prefix
     * @param bytes        the most bytes
     * @param repositories the most repositories
     * @throws IllegalArgumentException if the namespace is not a repository name or a limit is negative
     */
    public Quota {
        InvalidArgumentException.requireNonNull(namespace, "namespace");
        try {
            dev.berth.model.Reference.requireValidRepository(namespace);
        } catch (dev.berth.model.InvalidReferenceException e) {
            throw new IllegalArgumentException("quota namespace \"" + namespace + "\" is not a repository name: "
                    + e.getMessage(), e);
        }
        if (bytes < 0 || repositories < 0) {
            throw new IllegalArgumentException("quota limits of " + namespace + " must not be negative");
        }
    }

    /**
     * @param namespace the name prefix
     * @param bytes     the most bytes
     * @return a quota on bytes only
     */
    public static Quota ofBytes(String namespace, long bytes) {
        return new Quota(namespace, bytes, Integer.MAX_VALUE);
    }

    /**
     * @param namespace    the name prefix
     * @param repositories the most repositories
     * @return a quota on the number of repositories only
     */
    public static Quota ofRepositories(String namespace, int repositories) {
        return new Quota(namespace, Long.MAX_VALUE, repositories);
    }

    /**
     * @param repository a repository name
     * @return whether the repository is in the namespace
     */
    public boolean covers(String repository) {
        return repository.equals(namespace) || repository.startsWith(namespace + "/");
    }
}
