package dev.berth.examples.cli.config;

import java.util.List;
import java.util.Set;

/**
 * Berth's {@code access} key: who may do what. Without it, any authenticated user may do everything.
 *
 * @param admins    users who may do every action everywhere, and list the catalog
 * @param anonymous actions allowed without credentials on every repository ({@code pull}, {@code push}, {@code delete})
 * @param rules     per-repository rules, the first match wins
 */
public record AccessConfig(List<String> admins, Set<String> anonymous, List<Rule> rules) {
    /** The actions a rule may grant. */
    public static final Set<String> ACTIONS = Set.of("pull", "push", "delete");

    /**
     * Copies the lists.
     *
     * @param admins    users who may do everything
     * @param anonymous actions without credentials
     * @param rules     the rules, in order
     */
    public AccessConfig {
        admins = List.copyOf(admins);
        anonymous = Set.copyOf(anonymous);
        rules = List.copyOf(rules);
    }

    /**
     * One rule.
     *
     * @param repositories repository globs: {@code **} spans slashes, {@code *} does not
     * @param users        user names (htpasswd users or token subjects); {@code *} is any authenticated user
     * @param actions      what they may do there; none shuts the users out of these repositories
     */
    public record Rule(List<String> repositories, List<String> users, Set<String> actions) {
        /**
         * Copies the lists.
         *
         * @param repositories repository globs
         * @param users        user names, or {@code *}
         * @param actions      the actions granted
         */
        public Rule {
            repositories = List.copyOf(repositories);
            users = List.copyOf(users);
            actions = Set.copyOf(actions);
        }
    }
}
