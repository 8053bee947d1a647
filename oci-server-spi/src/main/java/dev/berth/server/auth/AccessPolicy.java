package dev.berth.server.auth;

import dev.berth.model.InvalidArgumentException;
import dev.berth.auth.Scope;
import dev.berth.server.auth.internal.RepositoryGlob;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who may do what on which repositories: admins, the actions anyone may take
 * without credentials, and ordered rules for signed-in users, modelled on
 * zot's {@code accessControl} and written as {@code berth serve --config}'s
 * {@code access} key.
 *
 * <pre>{@code
 * AccessPolicy policy = AccessPolicy.builder()
 *         .admins("alice")                      // every action everywhere, and the whole catalog
 *         .anonymous("pull")                    // without credentials, on every repository
 *         .rule(List.of("team/**"), List.of("bob", "carol"), List.of("pull", "push"))
 *         .rule(List.of("**"), List.of("*"), List.of("pull"))   // "*": any signed-in user
 *         .build();
 * policy.allows("bob", Scope.push("team/app"));   // true
 * policy.allows("dave", Scope.push("team/app"));  // false: the second rule grants dave pull only
 * }</pre>
 *
 * <h2>How a request is decided</h2>
 * <ul>
 *   <li>The actions are {@code pull}, {@code push} and {@code delete}. A scope
 *       is allowed when every action it names is granted.</li>
 *   <li>An admin is granted every action on every repository, and the
 *       catalog scope ({@link Scope#CATALOG}). {@code "*"} among the admins
 *       makes every signed-in user one ({@link #everyAuthenticatedUser()}).</li>
 *   <li>The anonymous actions are granted to everyone on every repository,
 *       with or without credentials: signing in never takes access away.</li>
 *   <li>A signed-in user is granted, besides, the actions of the first rule
 *       whose repository globs match the repository and whose users name
 *       them ({@code "*"} names every signed-in user); later rules are not
 *       read. A rule with no actions therefore shuts its users out of its
 *       repositories whatever later rules say. No matching rule: only the
 *       anonymous actions.</li>
 *   <li>In a glob, {@code *} matches within one path segment and {@code **}
 *       across slashes, both possibly nothing: {@code team/**} matches
 *       {@code team/app} and {@code team/a/b}, not {@code team}.</li>
 *   <li>{@code push} grants {@code pull} too. Every push client (docker,
 *       podman, skopeo, Berth's own) asks whether blobs and manifests exist
 *       before it writes them, and the token protocol asks for
 *       {@code pull,push} together; a push-only grant would fail every real
 *       push. {@code delete} grants only itself.</li>
 *   <li>Everyone the policy lets in (every signed-in user, and anonymous
 *       requests when there are anonymous actions) may list the catalog
 *       ({@link Scope#CATALOG}), and the listing shows only the repositories
 *       they may pull ({@link #lists}): admins see every repository. Other
 *       resources than repositories and the catalog are an admin's only.</li>
 * </ul>
 * A policy is immutable and safe to share between threads.
 */
public final class AccessPolicy {
    /** The actions a rule can grant, in the order this class names them. */
    public static final List<String> ACTIONS = List.of("pull", "push", "delete");
    /** Among a rule's users or the admins: every signed-in user. */
    public static final String ANY_USER = "*";

    private static final Set<String> EVERY_ACTION = Set.of("pull", "push", "delete");

    private final Set<String> admins;
    private final Set<String> anonymous;
    private final Set<String> anonymousGranted;
    private final List<Rule> rules;
    private final List<CompiledRule> compiled;

    /**
     * One rule: the users it names may take its actions on the repositories
     * its globs match.
     *
     * @param repositories globs over repository names, at least one
     * @param users        user or token subject names, at least one; {@code "*"} is every signed-in user
     * @param actions      {@code pull}, {@code push}, {@code delete}; none shuts the users out of the repositories
     */
    public record Rule(List<String> repositories, List<String> users, List<String> actions) {
        /**
         * Validates and copies.
         *
         * @param repositories globs over repository names, at least one
         * @param users        user or token subject names, at least one; {@code "*"} is every signed-in user
         * @param actions      {@code pull}, {@code push}, {@code delete}; none shuts the users out of the repositories
         * @throws AccessPolicyException naming the glob, user or action that is wrong, or the list that is empty
         */
        public Rule {
            repositories = copy(repositories, "repositories");
            users = copy(users, "users");
            actions = copy(actions, "actions");
            if (repositories.isEmpty()) {
                throw new AccessPolicyException("a rule names no repositories (its users " + users + ")");
            }
            if (users.isEmpty()) {
                throw new AccessPolicyException("the rule for " + repositories + " names no users");
            }
            String where = "the rule for " + repositories;
            repositories.forEach(RepositoryGlob::compile);
            users.forEach(u -> checkUser(u, where));
            actions.forEach(a -> checkAction(a, where));
        }
    }

    private record CompiledRule(List<RepositoryGlob> repositories, Set<String> users, Set<String> granted) {
        boolean applies(String subject, String repository) {
            if (!users.contains(subject) && !users.contains(ANY_USER)) {
                return false;
            }
            for (RepositoryGlob glob : repositories) {
                if (glob.matches(repository)) {
                    return true;
                }
            }
            return false;
        }
    }

    private AccessPolicy(Collection<String> admins, Collection<String> anonymous, List<Rule> rules) {
        this.admins = Collections.unmodifiableSet(new LinkedHashSet<>(copy(admins, "admins")));
        this.anonymous = Collections.unmodifiableSet(new LinkedHashSet<>(copy(anonymous, "anonymous")));
        this.rules = copy(rules, "rules");
        this.admins.forEach(u -> checkUser(u, "the admins"));
        this.anonymous.forEach(a -> checkAction(a, "the anonymous actions"));
        this.anonymousGranted = granted(this.anonymous);
        List<CompiledRule> list = new ArrayList<>();
        for (Rule rule : this.rules) {
            list.add(new CompiledRule(rule.repositories().stream().map(RepositoryGlob::compile).toList(),
                    Set.copyOf(rule.users()), granted(rule.actions())));
        }
        this.compiled = List.copyOf(list);
    }

    /**
     * @param admins    users who may do everything, {@code "*"} for every signed-in user
     * @param anonymous actions granted without credentials
     * @param rules     rules for signed-in users, first match wins
     * @return the policy
     * @throws AccessPolicyException naming the user or action that is wrong
     */
    public static AccessPolicy of(Collection<String> admins, Collection<String> anonymous, List<Rule> rules) {
        return new AccessPolicy(admins, anonymous, rules);
    }

    /** @return the registry's behaviour without a policy: every signed-in user may do everything, anonymous nothing */
    public static AccessPolicy everyAuthenticatedUser() {
        return new AccessPolicy(List.of(ANY_USER), List.of(), List.of());
    }

    /** @return a builder of an empty policy (nobody may do anything until told) */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the admins as given */
    public Set<String> admins() {
        return admins;
    }

    /** @return the anonymous actions as given */
    public Set<String> anonymous() {
        return anonymous;
    }

    /** @return the rules, in the order they are tried */
    public List<Rule> rules() {
        return rules;
    }

    /** @return whether requests without credentials may do anything at all (else they are asked to sign in) */
    public boolean admitsAnonymous() {
        return !anonymous.isEmpty();
    }

    /**
     * @param subject a user or token subject; empty for a request without credentials
     * @return whether the subject is an admin (never for an anonymous request)
     */
    public boolean isAdmin(String subject) {
        InvalidArgumentException.requireNonNull(subject, "subject");
        return !subject.isEmpty() && (admins.contains(subject) || admins.contains(ANY_USER));
    }

    /**
     * @param subject    a user or token subject; empty for a request without credentials
     * @param repository a repository name
     * @return the actions granted there, {@code pull} included wherever {@code push} is
     */
    public Set<String> actions(String subject, String repository) {
        InvalidArgumentException.requireNonNull(subject, "subject");
        InvalidArgumentException.requireNonBlank(repository, "repository");
        if (isAdmin(subject)) {
            return EVERY_ACTION;
        }
        if (!subject.isEmpty()) {
            for (CompiledRule rule : compiled) {
                if (rule.applies(subject, repository)) {
                    if (anonymousGranted.isEmpty()) {
                        return rule.granted();
                    }
                    Set<String> union = new TreeSet<>(rule.granted());
                    union.addAll(anonymousGranted);
                    return Collections.unmodifiableSet(union);
                }
            }
        }
        return anonymousGranted;
    }

    /**
     * @param subject a user or token subject; empty for a request without credentials
     * @param scope   a repository and actions on it, or {@link Scope#CATALOG}
     * @return whether every action of the scope is granted; resources other than repositories are an admin's only
     */
    public boolean allows(String subject, Scope scope) {
        InvalidArgumentException.requireNonNull(subject, "subject");
        InvalidArgumentException.requireNonNull(scope, "scope");
        if (isAdmin(subject)) {
            return true;
        }
        if (scope.equals(Scope.CATALOG)) {
            return !subject.isEmpty() || admitsAnonymous();
        }
        return scope.type().equals("repository") && actions(subject, scope.name()).containsAll(scope.actions());
    }

    /**
     * @param subject    a user or token subject; empty for a request without credentials
     * @param repository a repository name
     * @return whether the catalog shows the repository to the subject: whether they may pull it
     */
    public boolean lists(String subject, String repository) {
        InvalidArgumentException.requireNonNull(subject, "subject");
        InvalidArgumentException.requireNonBlank(repository, "repository");
        return isAdmin(subject) || actions(subject, repository).contains("pull");
    }

    /**
     * @return the policy as a token issuer's authorizer, so token subjects get what Basic users get: of each
     *         requested scope, the actions {@link #allows} grants one by one
     */
    public Authorizer authorizer() {
        return (subject, requested) -> {
            Set<String> granted = new TreeSet<>();
            for (String action : requested.actions()) {
                if (allows(subject, new Scope(requested.type(), requested.name(), Set.of(action)))) {
                    granted.add(action);
                }
            }
            return granted;
        };
    }

    /** @return the policy's parts, for logs */
    @Override
    public String toString() {
        return "AccessPolicy[admins=" + admins + ", anonymous=" + anonymous + ", rules=" + rules + "]";
    }

    private static Set<String> granted(Collection<String> actions) {
        Set<String> granted = new TreeSet<>(actions);
        if (granted.contains("push")) {
            granted.add("pull");
        }
        return Collections.unmodifiableSet(granted);
    }

    private static <T> List<T> copy(Collection<T> values, String what) {
        InvalidArgumentException.requireNonNull(values, what);
        for (T v : values) {
            if (v == null) {
                throw new AccessPolicyException(what + " hold a null: " + values);
            }
        }
        return List.copyOf(values);
    }

    private static void checkUser(String user, String where) {
        if (user.isBlank()) {
            throw new AccessPolicyException(where + " name an empty user: anonymous access is the anonymous actions");
        }
    }

    private static void checkAction(String action, String where) {
        if (!EVERY_ACTION.contains(action)) {
            throw new AccessPolicyException(where + " name the action \"" + action
                    + "\": the actions are pull, push and delete");
        }
    }

    /** Collects admins, anonymous actions and rules; {@link #build} validates. */
    public static final class Builder {
        private final List<String> admins = new ArrayList<>();
        private final List<String> anonymous = new ArrayList<>();
        private final List<Rule> rules = new ArrayList<>();

        private Builder() {
        }

        /**
         * @param users users who may do everything, {@code "*"} for every signed-in user; added to those given before
         * @return this builder
         */
        public Builder admins(String... users) {
            admins.addAll(copy(Arrays.asList(InvalidArgumentException.requireNonNull(users, "users")), "users"));
            return this;
        }

        /**
         * @param actions actions granted without credentials on every repository; added to those given before
         * @return this builder
         */
        public Builder anonymous(String... actions) {
            anonymous.addAll(copy(Arrays.asList(InvalidArgumentException.requireNonNull(actions, "actions")), "actions"));
            return this;
        }

        /**
         * @param rule a rule, tried after those added before
         * @return this builder
         */
        public Builder rule(Rule rule) {
            rules.add(InvalidArgumentException.requireNonNull(rule, "rule"));
            return this;
        }

        /**
         * @param repositories globs over repository names
         * @param users        users or token subjects, {@code "*"} for every signed-in user
         * @param actions      actions granted to them there
         * @return this builder
         * @throws AccessPolicyException naming the glob, user or action that is wrong
         */
        public Builder rule(List<String> repositories, List<String> users, List<String> actions) {
            return rule(new Rule(repositories, users, actions));
        }

        /**
         * @return the policy
         * @throws AccessPolicyException naming the admin or anonymous action that is wrong
         */
        public AccessPolicy build() {
            return new AccessPolicy(admins, anonymous, rules);
        }
    }
}
