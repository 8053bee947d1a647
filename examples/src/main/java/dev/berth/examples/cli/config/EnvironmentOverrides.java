package dev.berth.examples.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * distribution's environment overrides: {@code REGISTRY_HTTP_ADDR=:5000}
 * sets {@code http.addr}, {@code REGISTRY_STORAGE_DELETE_ENABLED=true} sets
 * {@code storage.delete.enabled}; the value is read as YAML, so numbers and
 * booleans are what they look like. Keys are lower-case, so Berth's own
 * camel-case keys ({@code pulledWithin}) are set in the file only.
 * {@code REGISTRY_AUTH_FILE} is left alone: it is the clients' credential
 * file (podman, skopeo and Berth's own credential chain read it), not a key.
 * A variable naming a key Berth does not support is an error that names it.
 */
final class EnvironmentOverrides {
    private static final String PREFIX = "REGISTRY_";
    private static final YAMLMapper YAML = new YAMLMapper();

    private EnvironmentOverrides() {
    }

    static void apply(ObjectNode root, Map<String, String> environment, ConfigProblems problems) {
        // Sorted, so that REGISTRY_STORAGE is applied before REGISTRY_STORAGE_DELETE_ENABLED.
        for (Map.Entry<String, String> e : new TreeMap<>(environment).entrySet()) {
            String name = e.getKey();
            if (!name.startsWith(PREFIX) || name.equals("REGISTRY_AUTH_FILE") || name.length() == PREFIX.length()) {
                continue;
            }
            String[] keys = name.substring(PREFIX.length()).toLowerCase(Locale.ROOT).split("_");
            ObjectNode section = root;
            StringBuilder path = new StringBuilder();
            for (int i = 0; i < keys.length - 1; i++) {
                path.append(i == 0 ? "" : ".").append(keys[i]);
                JsonNode child = section.get(keys[i]);
                if (!(child instanceof ObjectNode)) {
                    child = section.putObject(keys[i]); // as distribution: a value in the way is replaced by a section
                }
                section = (ObjectNode) child;
            }
            String last = keys[keys.length - 1];
            path.append(keys.length == 1 ? "" : ".").append(last);
            section.set(last, value(e.getValue()));
            problems.setByEnvironment(path.toString(), name);
        }
    }

    private static JsonNode value(String text) {
        try {
            JsonNode parsed = YAML.readTree(text);
            return parsed == null || parsed.isMissingNode() ? TextNode.valueOf(text) : parsed;
        } catch (IOException notYaml) {
            return TextNode.valueOf(text);
        }
    }
}
