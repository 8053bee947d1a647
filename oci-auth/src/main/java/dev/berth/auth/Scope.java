package dev.berth.auth;

import dev.berth.model.InvalidArgumentException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A token scope of the Docker token protocol, {@code type:name:action,...},
 * e.g. {@code repository:team/app:pull,push} or {@code registry:catalog:*}.
 *
 * <pre>{@code
 * // a cross-repository mount needs pull on the source and push+pull on the target, in one token
 * List<Scope> scopes = Scope.merge(List.of(Scope.pull("base/image"), Scope.push("team/app")));
 * }</pre>
 *
 * @param type    resource type, e.g. {@code repository} (a class such as {@code repository(plugin)} is kept)
 * @param name    resource name, e.g. a repository path
 * @param actions the actions, sorted and without duplicates
 */
public record Scope(String type, String name, Set<String> actions) {

    /** The scope to list the catalog. */
    public static final Scope CATALOG = new Scope("registry", "catalog", Set.of("*"));

    /**
     * Validates and sorts.
     *
     * @param type resource type, e.g. {@code repository} (a class such as {@code repository(plugin)} is kept)
     * @param name resource name, e.g. a repository path
     * @param actions the actions, sorted and without duplicates
     */
    public Scope {
        InvalidArgumentException.requireNonNull(type, "type");
        InvalidArgumentException.requireNonNull(name, "name");
        InvalidArgumentException.requireNonNull(actions, "actions");
        if (type.isEmpty() || name.isEmpty() || actions.isEmpty()) {
            throw new IllegalArgumentException("a scope needs a type, a name and at least one action");
        }
        actions = java.util.Collections.unmodifiableSet(new TreeSet<>(actions));
    }

    /**
     * @param repository the repository's name, such as {@code library/alpine}
     * @return pull access to a repository
     */
    public static Scope pull(String repository) {
        return new Scope("repository", InvalidArgumentException.requireNonNull(repository, "repository"), Set.of("pull"));
    }

    /**
     * @param repository the repository's name, such as {@code library/alpine}
     * @return push and pull access to a repository (pushing needs both)
     */
    public static Scope push(String repository) {
        return new Scope("repository", InvalidArgumentException.requireNonNull(repository, "repository"), Set.of("pull", "push"));
    }

    /**
     * @param repository the repository's name, such as {@code library/alpine}
     * @return delete access to a repository
     */
    public static Scope delete(String repository) {
        return new Scope("repository", InvalidArgumentException.requireNonNull(repository, "repository"), Set.of("delete"));
    }

    /**
     * Parses {@code type:name:actions}. The name may itself contain colons; the
     * type ends at the first and the actions start after the last.
     *
     * @param text a scope as in a token request, such as {@code repository:library/alpine:pull,push}
     * @return the scope, with its actions sorted
     * @throws IllegalArgumentException if the text has fewer than three parts
     */
    public static Scope parse(String text) {
        InvalidArgumentException.requireNonNull(text, "text");
        int first = text.indexOf(':');
        int last = text.lastIndexOf(':');
        if (first <= 0 || last == first || last == text.length() - 1) {
            throw new IllegalArgumentException("scope \"" + text + "\" is not type:name:actions");
        }
        Set<String> actions = new TreeSet<>();
        for (String a : text.substring(last + 1).split(",")) {
            if (!a.isBlank()) {
                actions.add(a.trim());
            }
        }
        return new Scope(text.substring(0, first), text.substring(first + 1, last), actions);
    }

    /**
     * Merges scopes on the same resource into one with the union of actions,
     * keeping the first-seen order of resources.
     *
     * @param scopes the scopes to merge, possibly several on one resource
     * @return one scope per resource, in the order the resources first appear
     */
    public static List<Scope> merge(Collection<Scope> scopes) {
        InvalidArgumentException.requireNonNull(scopes, "scopes");
        Map<String, Set<String>> byResource = new LinkedHashMap<>();
        Map<String, Scope> first = new LinkedHashMap<>();
        for (Scope s : scopes) {
            String key = s.type + ":" + s.name;
            byResource.computeIfAbsent(key, k -> new TreeSet<>()).addAll(s.actions);
            first.putIfAbsent(key, s);
        }
        List<Scope> merged = new ArrayList<>();
        first.forEach((key, s) -> merged.add(new Scope(s.type, s.name, byResource.get(key))));
        return merged;
    }

    /**
     * @param other the scope an operation needs
     * @return whether this scope's actions include all of {@code other}'s on the same resource
     */
    public boolean covers(Scope other) {
        InvalidArgumentException.requireNonNull(other, "other");
        return type.equals(other.type) && name.equals(other.name)
                && (actions.contains("*") || actions.containsAll(other.actions));
    }

    /** @return {@code type:name:a,b} */
    @Override
    public String toString() {
        return type + ":" + name + ":" + String.join(",", actions);
    }
}
