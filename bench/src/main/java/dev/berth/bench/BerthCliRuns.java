package dev.berth.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code berth copy} as a user runs it: a fresh process through the {@code ./berth} launcher (with its class-data
 * archive), on the build in {@code examples/target}, its heap capped as a small CI runner would.
 */
final class BerthCliRuns {
    private final Path launcher;
    private final Map<String, String> environment;

    /**
     * @param root     the repository's root, holding {@code berth} and {@code examples/target}
     * @param javaHome the JDK the launcher runs on (with its AOT cache from JDK 24 on)
     */
    BerthCliRuns(Path root, String heap, Path javaHome) {
        this.launcher = root.resolve("berth");
        this.environment = Map.of("BERTH_TARGET", root.resolve("examples/target").toString(), "BERTH_JAVA_OPTS", "-Xmx" + heap,
                "JAVA_HOME", javaHome.toString());
    }

    /** Lets the launcher make its class-data archive, which a first start after a build does, unmeasured. */
    void warmUp() throws Exception {
        Processes.run(List.of(launcher.toString(), "help"), environment);
    }

    void copy(String from, String to) throws Exception {
        Processes.run(List.of(launcher.toString(), "copy", from, to), environment);
    }
}
