package dev.berth.examples.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What reading one configuration file found wrong: keys Berth does not know
 * (all of them, by full dotted path) and values it cannot use, gathered so
 * they are reported together in one {@link ConfigException}.
 */
final class ConfigProblems {
    private final Set<String> known = new HashSet<>();
    private final Set<String> knownWhole = new HashSet<>();
    private final List<String> problems = new ArrayList<>();
    private final Map<String, String> environmentOrigins = new LinkedHashMap<>();

    void known(String path) {
        known.add(path);
    }

    void knownWhole(String path) {
        known.add(path);
        knownWhole.add(path);
    }

    /** @param path the key; @param message what is wrong with its value */
    void add(String path, String message) {
        problems.add(path + ": " + message + origin(path));
    }

    /** Records that an environment variable set the key at {@code path}, so problems name the variable too. */
    void setByEnvironment(String path, String variable) {
        environmentOrigins.put(path, variable);
    }

    private String origin(String path) {
        for (Map.Entry<String, String> e : environmentOrigins.entrySet()) {
            if (e.getKey().equals(path) || e.getKey().startsWith(path + ".") || path.startsWith(e.getKey() + ".")) {
                return " (set by " + e.getValue() + ")";
            }
        }
        return "";
    }

    /**
     * Names, after reading, every key of {@code root} that was never read, with the reason where Berth
     * knows the key from distribution.
     */
    void unknownKeys(JsonNode root) {
        List<String> unknown = new ArrayList<>();
        walk(root, "", unknown);
        if (!unknown.isEmpty()) {
            problems.add(0, (unknown.size() == 1 ? "Berth does not support the key " : "Berth does not support the keys ")
                    + String.join(", ", unknown));
        }
    }

    private void walk(JsonNode node, String path, List<String> unknown) {
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(name -> {
                String child = path.isEmpty() ? name : path + "." + name;
                visit(node.get(name), child, unknown);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                visit(node.get(i), path + "[" + i + "]", unknown);
            }
        }
    }

    private void visit(JsonNode node, String path, List<String> unknown) {
        if (knownWhole.contains(path)) {
            return;
        }
        if (!known.contains(path)) {
            String reason = UnsupportedKeys.reason(path);
            unknown.add(path + (reason == null ? "" : " (" + reason + ")") + origin(path));
            return;
        }
        walk(node, path, unknown);
    }

    /** @throws ConfigException listing every problem, if there is one */
    void throwIfAny(String file) {
        if (!problems.isEmpty()) {
            throw new ConfigException(file, problems);
        }
    }
}
