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
}
