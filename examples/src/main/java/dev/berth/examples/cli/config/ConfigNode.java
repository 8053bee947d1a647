package dev.berth.examples.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One section of the configuration file, named by its dotted path. Every key
 * read through it is marked as known, so that {@link ConfigProblems#unknownKeys}
 * can name everything the reader never asked for. A value of the wrong type is
 * a problem naming its path, and reads as absent.
 */
final class ConfigNode {
    private final JsonNode node;
    private final String path;
    private final ConfigProblems problems;

    ConfigNode(JsonNode node, String path, ConfigProblems problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    /** @return the dotted path of this section ({@code ""} for the root) */
    String path() {
        return path;
    }

    String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** @return whether the file has this section (a key with an empty value counts) */
    boolean present() {
        return !node.isMissingNode();
    }

    /** @return whether the key is in this section */
    boolean has(String key) {
        return node.has(key);
    }

    /** @return whether {@code key} holds a single value (text, number, boolean), not a section or a list */
    boolean isValue(String key) {
        JsonNode child = node.path(key);
        return child.isValueNode() && !child.isNull();
    }

    /** @return whether {@code key} is there without a value */
    boolean isNull(String key) {
        return node.path(key).isNull();
    }

    /** @return an empty section named {@code key}, for a key read another way; nothing is marked */
    ConfigNode absent(String key) {
        return new ConfigNode(MissingNode.getInstance(), pathOf(key), problems);
    }

    /** @return the section's keys, in the file's order; none are marked as known */
    List<String> keys() {
        List<String> keys = new ArrayList<>();
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(keys::add);
        }
        return keys;
    }

    /**
     * @return the section under {@code key}, marked as known; a key with no value (YAML {@code inmemory:}) or
     *         an absent one reads as an empty section
     */
    ConfigNode section(String key) {
        problems.known(pathOf(key));
        JsonNode child = node.isObject() ? node.path(key) : MissingNode.getInstance();
        if (!child.isMissingNode() && !child.isNull() && !child.isObject()) {
            problems.add(pathOf(key), "must be a section of keys, not " + describe(child));
            child = MissingNode.getInstance();
        }
        return new ConfigNode(child, pathOf(key), problems);
    }

    /** @return the value under {@code key}, marked as known with everything below it */
    private Optional<JsonNode> value(String key) {
        problems.knownWhole(pathOf(key));
        JsonNode child = node.isObject() ? node.get(key) : null;
        return child == null || child.isNull() ? Optional.empty() : Optional.of(child);
    }

    Optional<String> string(String key) {
        return value(key).flatMap(v -> {
            if (v.isValueNode()) {
                return Optional.of(v.asText());
            }
            problems.add(pathOf(key), "must be a single value, not " + describe(v));
            return Optional.empty();
        });
    }

    Optional<Boolean> bool(String key) {
        return value(key).flatMap(v -> {
            if (v.isBoolean()) {
                return Optional.of(v.booleanValue());
            }
            // distribution reads "true" and "false" written as strings too (environment variables are strings)
            if (v.isTextual() && (v.asText().equals("true") || v.asText().equals("false"))) {
                return Optional.of(Boolean.parseBoolean(v.asText()));
            }
            problems.add(pathOf(key), "must be true or false, not " + describe(v));
            return Optional.empty();
        });
    }

    Optional<Integer> integer(String key) {
        return value(key).flatMap(v -> {
            if (v.isIntegralNumber() && v.canConvertToInt()) {
                return Optional.of(v.intValue());
            }
            if (v.isTextual() && v.asText().matches("-?\\d{1,9}")) {
                return Optional.of(Integer.parseInt(v.asText()));
            }
            problems.add(pathOf(key), "must be a whole number, not " + describe(v));
            return Optional.empty();
        });
    }

    Optional<Duration> duration(String key) {
        return parsed(key, Durations::parse);
    }

    Optional<Long> size(String key) {
        return parsed(key, ByteSizes::parse);
    }

    private <T> Optional<T> parsed(String key, Function<String, T> parser) {
        return string(key).flatMap(text -> {
            try {
                return Optional.of(parser.apply(text));
            } catch (IllegalArgumentException e) {
                problems.add(pathOf(key), e.getMessage());
                return Optional.empty();
            }
        });
    }

    /** @return the list of values under {@code key} (a single value counts as a list of one) */
    List<String> strings(String key) {
        Optional<JsonNode> v = value(key);
        List<String> out = new ArrayList<>();
        if (v.isEmpty()) {
            return out;
        }
        if (v.get().isValueNode()) {
            out.add(v.get().asText());
            return out;
        }
        if (!v.get().isArray()) {
            problems.add(pathOf(key), "must be a list of values, not " + describe(v.get()));
            return out;
        }
        for (int i = 0; i < v.get().size(); i++) {
            JsonNode item = v.get().get(i);
            if (item.isValueNode() && !item.isNull()) {
                out.add(item.asText());
            } else {
                problems.add(pathOf(key) + "[" + i + "]", "must be a single value, not " + describe(item));
            }
        }
        return out;
    }

    /** @return the sections listed under {@code key}, each named {@code key[i]} */
    List<ConfigNode> sections(String key) {
        problems.known(pathOf(key));
        JsonNode v = node.isObject() ? node.path(key) : MissingNode.getInstance();
        List<ConfigNode> out = new ArrayList<>();
        if (v.isMissingNode() || v.isNull()) {
            return out;
        }
        if (!v.isArray()) {
            problems.knownWhole(pathOf(key));
            problems.add(pathOf(key), "must be a list, not " + describe(v));
            return out;
        }
        for (int i = 0; i < v.size(); i++) {
            String itemPath = pathOf(key) + "[" + i + "]";
            problems.known(itemPath);
            JsonNode item = v.get(i);
            if (!item.isObject()) {
                problems.add(itemPath, "must be a section of keys, not " + describe(item));
                continue;
            }
            out.add(new ConfigNode(item, itemPath, problems));
        }
        return out;
    }

    /**
     * @return the HTTP headers under {@code key}, by name, each a list of values as distribution writes them
     *         ({@code X-Content-Type-Options: [nosniff]}); a single value counts as a list of one
     */
    Map<String, List<String>> headers(String key) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        ConfigNode section = section(key);
        for (String name : section.keys()) {
            if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                section.problems.knownWhole(section.pathOf(name));
                problems.add(section.pathOf(name), "\"" + name + "\" is not an HTTP header name");
                continue;
            }
            out.put(name, List.copyOf(section.strings(name)));
        }
        return out;
    }

    /** @return the value under {@code key}; absent or empty is a problem naming the key */
    Optional<String> required(String key) {
        if (!has(key)) {
            problems.add(pathOf(key), "missing");
            return Optional.empty();
        }
        Optional<String> value = string(key); // a value of the wrong kind is reported by string()
        if (value.isPresent() && value.get().isBlank() || isNull(key)) {
            problems.add(pathOf(key), "must not be empty");
            return Optional.empty();
        }
        return value;
    }

    /** Marks {@code key} and everything below it as known, without reading it. */
    void accept(String key) {
        problems.knownWhole(pathOf(key));
    }

    private static String describe(JsonNode v) {
        if (v.isObject()) {
            Iterator<String> names = v.fieldNames();
            return "a section (" + (names.hasNext() ? "with " + names.next() + (names.hasNext() ? ", ..." : "") : "empty") + ")";
        }
        if (v.isArray()) {
            return "a list";
        }
        return "\"" + v.asText() + "\"";
    }
}
