package dev.berth.client.inspect;

import dev.berth.model.Platform;
import dev.berth.model.config.HistoryEntry;
import dev.berth.model.config.ImageConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a container of the image runs, from its configuration, ready to show:
 * secret-looking environment values and history commands are masked.
 *
 * @param platform     OS, architecture and variant the configuration declares
 * @param user         user or UID[:GID], possibly empty
 * @param env          the environment, in order, masked (see {@link EnvVar})
 * @param entrypoint   the entrypoint
 * @param cmd          the default arguments
 * @param workingDir   the working directory, possibly empty
 * @param exposedPorts e.g. {@code 8080/tcp}
 * @param volumes      paths meant to be volumes
 * @param labels       the labels
 * @param stopSignal   the stop signal, possibly empty
 * @param history      the build steps, oldest first, commands masked
 */
public record ContainerDetails(Platform platform, String user, List<EnvVar> env, List<String> entrypoint,
                               List<String> cmd, String workingDir, Set<String> exposedPorts, Set<String> volumes,
                               Map<String, String> labels, String stopSignal, List<HistoryEntry> history) {

    /**
     * Copies the collections.
     *
     * @param platform OS, architecture and variant the configuration declares
     * @param user user or UID[:GID], possibly empty
     * @param env the environment, in order, masked (see {@link EnvVar})
     * @param entrypoint the entrypoint
     * @param cmd the default arguments
     * @param workingDir the working directory, possibly empty
     * @param exposedPorts e.g. {@code 8080/tcp}
     * @param volumes paths meant to be volumes
     * @param labels the labels
     * @param stopSignal the stop signal, possibly empty
     * @param history the build steps, oldest first, commands masked
     */
    public ContainerDetails {
        env = List.copyOf(env);
        entrypoint = List.copyOf(entrypoint);
        cmd = List.copyOf(cmd);
        exposedPorts = Set.copyOf(exposedPorts);
        volumes = Set.copyOf(volumes);
        labels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
        history = List.copyOf(history);
    }

    /**
     * @param config the image configuration
     * @return the details of a parsed configuration, masked
     */
    public static ContainerDetails of(ImageConfig config) {
        List<EnvVar> env = config.config().env().stream().map(EnvVar::of).toList();
        List<HistoryEntry> history = new ArrayList<>();
        for (HistoryEntry h : config.history()) {
            HistoryEntry.Builder masked = HistoryEntry.builder().emptyLayer(h.emptyLayer());
            h.created().ifPresent(masked::created);
            h.createdBy().map(EnvVar::maskText).ifPresent(masked::createdBy);
            h.author().ifPresent(masked::author);
            h.comment().ifPresent(masked::comment);
            history.add(masked.build());
        }
        var c = config.config();
        return new ContainerDetails(config.platform(), c.user(), env, c.entrypoint(), c.cmd(), c.workingDir(),
                c.exposedPorts(), c.volumes(), c.labels(), c.stopSignal(), history);
    }
}
