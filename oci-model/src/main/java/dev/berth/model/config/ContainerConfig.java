package dev.berth.model.config;

import dev.berth.model.Extensions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How a container of the image runs: the {@code config} object of an image
 * configuration. Fields Docker adds beyond the OCI specification
 * ({@code Healthcheck}, {@code Shell}, {@code OnBuild}, ...) are kept in
 * {@link #extensions()}.
 *
 * @param user         user or UID[:GID], possibly empty
 * @param exposedPorts e.g. {@code 8080/tcp}
 * @param env          {@code KEY=value} entries, in order
 * @param entrypoint   the entrypoint, possibly empty
 * @param cmd          the default arguments, possibly empty
 * @param volumes      paths meant to be volumes
 * @param workingDir   the working directory, possibly empty
 * @param labels       labels, in document order
 * @param stopSignal   the stop signal, possibly empty
 * @param extensions   fields the specification does not define
 */
public record ContainerConfig(String user, Set<String> exposedPorts, List<String> env, List<String> entrypoint,
                              List<String> cmd, Set<String> volumes, String workingDir, Map<String, String> labels,
                              String stopSignal, Extensions extensions) {

    /** An empty configuration. */
    public static final ContainerConfig EMPTY = new ContainerConfig("", Set.of(), List.of(), List.of(), List.of(),
            Set.of(), "", Map.of(), "", Extensions.none());

    /**
     * Copies the collections, so the record is immutable.
     *
     * @param user user or UID[:GID], possibly empty
     * @param exposedPorts e.g. {@code 8080/tcp}
     * @param env {@code KEY=value} entries, in order
     * @param entrypoint the entrypoint, possibly empty
     * @param cmd the default arguments, possibly empty
     * @param volumes paths meant to be volumes
     * @param workingDir the working directory, possibly empty
     * @param labels labels, in document order
     * @param stopSignal the stop signal, possibly empty
     * @param extensions fields the specification does not define
     */
    public ContainerConfig {
        exposedPorts = Set.copyOf(new java.util.TreeSet<>(exposedPorts));
        env = List.copyOf(env);
        entrypoint = List.copyOf(entrypoint);
        cmd = List.copyOf(cmd);
        volumes = Set.copyOf(volumes);
        labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    /**
     * @return the environment as a map, in order; an entry without {@code =}
     *         maps to an empty string
     */
    public Map<String, String> envMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (String entry : env) {
            int eq = entry.indexOf('=');
            map.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
        }
        return map;
    }

    /**
     * @param name the variable's name, such as {@code PATH}
     * @return the value of one environment variable
     */
    public Optional<String> envValue(String name) {
        return Optional.ofNullable(envMap().get(name));
    }

    /** @return a builder for a new configuration, starting empty */
    public static Builder builder() {
        return new Builder(EMPTY);
    }

    /** @return a builder starting from this configuration */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Builds a {@link ContainerConfig}.
     *
     * <pre>{@code
     * ContainerConfig c = ContainerConfig.builder().entrypoint("/app").cmd("--port", "8080")
     *         .env("MODE", "prod").exposedPort("8080/tcp").user("1000:1000").build();
     * }</pre>
     */
    public static final class Builder {
        private String user;
        private final Set<String> exposedPorts;
        private final List<String> rawEnv = new java.util.ArrayList<>();
        private List<String> entrypoint;
        private List<String> cmd;
        private final Set<String> volumes;
        private String workingDir;
        private final Map<String, String> labels;
        private String stopSignal;
        private final Extensions extensions;

        private Builder(ContainerConfig from) {
            user = from.user;
            exposedPorts = new java.util.TreeSet<>(from.exposedPorts);
            rawEnv.addAll(from.env);
            entrypoint = from.entrypoint;
            cmd = from.cmd;
            volumes = new java.util.TreeSet<>(from.volumes);
            workingDir = from.workingDir;
            labels = new LinkedHashMap<>(from.labels);
            stopSignal = from.stopSignal;
            extensions = from.extensions;
        }

        /**
         * @param value user or UID[:GID]
         * @return this builder
         */
        public Builder user(String value) {
            this.user = java.util.Objects.requireNonNull(value, "user");
            return this;
        }

        /**
         * @param value a port, such as {@code 8080/tcp}
         * @return this builder, exposing one more port
         */
        public Builder exposedPort(String value) {
            exposedPorts.add(java.util.Objects.requireNonNull(value, "exposedPort"));
            return this;
        }

        /**
         * @param name  the variable's name; a variable set before keeps its place and gets the new value
         * @param value its value
         * @return this builder
         * @throws IllegalArgumentException if {@code name} is empty or holds {@code =}
         */
        public Builder env(String name, String value) {
            java.util.Objects.requireNonNull(value, "value");
            if (name == null || name.isEmpty() || name.contains("=")) {
                throw new IllegalArgumentException("an environment variable's name must be non-empty without '=': "
                        + name);
            }
            String entry = name + "=" + value;
            for (int i = 0; i < rawEnv.size(); i++) {
                String e = rawEnv.get(i);
                if (e.equals(name) || e.startsWith(name + "=")) {
                    rawEnv.set(i, entry);
                    return this;
                }
            }
            rawEnv.add(entry);
            return this;
        }

        /**
         * @param value the entrypoint, each argument apart
         * @return this builder
         */
        public Builder entrypoint(String... value) {
            this.entrypoint = List.of(value);
            return this;
        }

        /**
         * @param value the default arguments, each apart
         * @return this builder
         */
        public Builder cmd(String... value) {
            this.cmd = List.of(value);
            return this;
        }

        /**
         * @param value a path meant to be a volume
         * @return this builder, with one more volume
         */
        public Builder volume(String value) {
            volumes.add(java.util.Objects.requireNonNull(value, "volume"));
            return this;
        }

        /**
         * @param value the working directory
         * @return this builder
         */
        public Builder workingDir(String value) {
            this.workingDir = java.util.Objects.requireNonNull(value, "workingDir");
            return this;
        }

        /**
         * @param key   the label's key
         * @param value its value
         * @return this builder, with the label set
         */
        public Builder label(String key, String value) {
            labels.put(java.util.Objects.requireNonNull(key, "key"), java.util.Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * @param value the stop signal, such as {@code SIGTERM}
         * @return this builder
         */
        public Builder stopSignal(String value) {
            this.stopSignal = java.util.Objects.requireNonNull(value, "stopSignal");
            return this;
        }

        /** @return the configuration */
        public ContainerConfig build() {
            return new ContainerConfig(user, exposedPorts, rawEnv, entrypoint, cmd, volumes, workingDir, labels,
                    stopSignal, extensions);
        }
    }
}
