package dev.berth.examples.cli.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/** Reads and checks Berth's own keys of a config file: {@code access}, {@code gc}, {@code retention}, {@code quotas}, {@code cors}. */
final class RegistryPoliciesReader {
    private static final Set<String> CORS_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final String REPOSITORY_GLOB = "[a-z0-9*][a-z0-9._/*-]*";
    private static final String NAMESPACE = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*";
    private static final String HEADER_NAME = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";

    private final ConfigProblems problems;

    RegistryPoliciesReader(ConfigProblems problems) {
        this.problems = problems;
    }

    RegistryPolicies read(ConfigNode root) {
        return new RegistryPolicies(access(root.section("access")), gc(root.section("gc")), retention(root), quotas(root),
                cors(root.section("cors")));
    }

    private Optional<AccessConfig> access(ConfigNode access) {
        if (!access.present()) {
            return Optional.empty();
        }
        List<String> admins = users(access, "admins");
        Set<String> anonymous = actions(access, "anonymous");
        List<AccessConfig.Rule> rules = new ArrayList<>();
        for (ConfigNode r : access.sections("rules")) {
            List<String> repositories = globs(r, "repositories");
            List<String> users = users(r, "users");
            Set<String> actions = actions(r, "actions");
            if (repositories.isEmpty()) {
                problems.add(r.pathOf("repositories"), "missing; the repository globs the rule is about, e.g. [\"team/**\"]");
            }
            if (users.isEmpty()) {
                problems.add(r.pathOf("users"), "missing; user names, or \"*\" for any authenticated user");
            }
            if (!r.has("actions")) { // an empty list is a rule too: it shuts its users out of its repositories
                problems.add(r.pathOf("actions"), "missing; some of pull, push, delete, or [] to shut the users out");
            }
            rules.add(new AccessConfig.Rule(repositories, users, actions));
        }
        return Optional.of(new AccessConfig(admins, anonymous, rules));
    }

    private List<String> users(ConfigNode node, String key) {
        List<String> users = node.strings(key);
        for (String u : users) {
            if (u.isBlank()) {
                problems.add(node.pathOf(key), "a user name must not be empty");
            }
        }
        return users;
    }

    private Set<String> actions(ConfigNode node, String key) {
        Set<String> actions = new LinkedHashSet<>();
        for (String a : node.strings(key)) {
            if (AccessConfig.ACTIONS.contains(a)) {
                actions.add(a);
            } else {
                problems.add(node.pathOf(key), "\"" + a + "\" is not an action; pull, push or delete");
            }
        }
        return actions;
    }

    private List<String> globs(ConfigNode node, String key) {
        List<String> globs = node.strings(key);
        for (String g : globs) {
            if (!g.matches(REPOSITORY_GLOB) || g.contains("***")) {
                problems.add(node.pathOf(key), "\"" + g + "\" is not a repository glob (lower-case names, / between"
                        + " components, * within one, ** across them)");
            }
        }
        return globs;
    }

    private Optional<GcConfig> gc(ConfigNode gc) {
        if (!gc.present()) {
            return Optional.empty();
        }
        return Optional.of(new GcConfig(gc.duration("interval").orElse(GcConfig.DEFAULT_INTERVAL),
                gc.duration("grace").orElse(GcConfig.DEFAULT_INTERVAL), gc.bool("untagged").orElse(false)));
    }

    private List<RetentionRule> retention(ConfigNode root) {
        List<RetentionRule> rules = new ArrayList<>();
        for (ConfigNode r : root.sections("retention")) {
            List<String> repositories = globs(r, "repositories");
            if (repositories.isEmpty()) {
                problems.add(r.pathOf("repositories"), "missing; the repository globs the policy is about");
            }
            ConfigNode keep = r.section("keep");
            OptionalInt newest = keep.integer("newest").map(java.util.OptionalInt::of).orElse(OptionalInt.empty());
            if (newest.isPresent() && newest.getAsInt() < 0) {
                problems.add(keep.pathOf("newest"), "must not be negative");
            }
            List<String> tags = keep.strings("tags");
            for (String t : tags) {
                if (!t.matches("[\\w*?][\\w.*?-]{0,127}")) {
                    problems.add(keep.pathOf("tags"), "\"" + t + "\" is not a tag glob");
                }
            }
            Optional<Duration> pulledWithin = keep.duration("pulledWithin");
            Optional<Duration> untaggedFor = keep.duration("untaggedFor");
            if (!keep.has("newest") && !keep.has("tags") && !keep.has("pulledWithin") && !keep.has("untaggedFor")) {
                problems.add(keep.path(), "missing; say what to keep: newest, tags, pulledWithin or untaggedFor");
            }
            rules.add(new RetentionRule(repositories, newest, tags, pulledWithin, untaggedFor));
        }
        return rules;
    }

    private List<QuotaRule> quotas(ConfigNode root) {
        List<QuotaRule> quotas = new ArrayList<>();
        Set<String> namespaces = new LinkedHashSet<>();
        for (ConfigNode q : root.sections("quotas")) {
            Optional<String> namespace = q.required("namespace");
            namespace.filter(n -> !n.matches(NAMESPACE))
                    .ifPresent(n -> problems.add(q.pathOf("namespace"), "\"" + n + "\" is not a repository namespace"));
            namespace.filter(n -> !namespaces.add(n))
                    .ifPresent(n -> problems.add(q.pathOf("namespace"), "\"" + n + "\" has two quotas"));
            OptionalLong bytes = q.size("bytes").map(java.util.OptionalLong::of).orElse(OptionalLong.empty());
            OptionalInt repositories = q.integer("repositories").map(java.util.OptionalInt::of)
                    .orElse(OptionalInt.empty());
            if (repositories.isPresent() && repositories.getAsInt() < 1) {
                problems.add(q.pathOf("repositories"), "must be at least 1");
            }
            if (!q.has("bytes") && !q.has("repositories")) {
                problems.add(q.path(), "give bytes, repositories or both");
            }
            namespace.ifPresent(n -> quotas.add(new QuotaRule(n, bytes, repositories)));
        }
        return quotas;
    }

    private Optional<CorsConfig> cors(ConfigNode cors) {
        if (!cors.present()) {
            return Optional.empty();
        }
        List<String> origins = cors.strings("origins");
        if (origins.isEmpty()) {
            problems.add(cors.pathOf("origins"), "missing; the origins a browser page may come from, e.g. [\"http://localhost:8080\"]");
        }
        for (String o : origins) {
            if (!o.equals("*") && !o.matches("https?://[^/?#\\s]+")) {
                problems.add(cors.pathOf("origins"), "\"" + o + "\" is not an origin (scheme://host[:port], or *)");
            }
        }
        boolean credentials = cors.bool("credentials").orElse(false);
        if (credentials && origins.contains("*")) {
            problems.add(cors.pathOf("credentials"), "true needs named origins: browsers refuse credentials for origin *");
        }
        List<String> methods = cors.strings("methods");
        for (String m : methods) {
            if (!CORS_METHODS.contains(m)) {
                problems.add(cors.pathOf("methods"), "\"" + m + "\" is not a method the registry answers");
            }
        }
        List<String> headers = headerNames(cors, "headers");
        List<String> expose = headerNames(cors, "expose");
        return Optional.of(new CorsConfig(origins, credentials, methods, headers, expose));
    }

    private List<String> headerNames(ConfigNode node, String key) {
        List<String> names = node.strings(key);
        for (String n : names) {
            if (!n.matches(HEADER_NAME)) {
                problems.add(node.pathOf(key), "\"" + n + "\" is not an HTTP header name");
            }
        }
        return names;
    }
}
