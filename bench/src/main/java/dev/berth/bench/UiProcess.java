package dev.berth.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code berth ui} as a user starts it: {@code ./berth ui} (the launcher, with its class-data archive) on the build in
 * {@code examples/target}, a fresh config directory, events in memory, and the heap capped as the benchmark says.
 */
final class UiProcess implements AutoCloseable {
    private final ChildProcess process;
    private final URI uri;

    private UiProcess(ChildProcess process, URI uri) {
        this.process = process;
        this.uri = uri;
    }

    /** Starts one and waits for its {@code listening on URL} line. */
    static UiProcess start(Path root, String heap, Path dir) throws IOException {
        Files.createDirectories(dir);
        ChildProcess p = ChildProcess.start("berth ui", List.of(root.resolve("berth").toString(), "ui", "--addr", "127.0.0.1:0",
                        "--config", dir.resolve("config").toString(), "--events", "memory"),
                environment(root, heap), dir.resolve("ui.log"));
        String line = p.firstLine();
        if (!line.startsWith("listening on ")) {
            p.close();
            throw new IOException("berth ui printed \"" + line + "\" instead of \"listening on URL\"");
        }
        URI uri = URI.create(line.substring("listening on ".length()).trim());
        return new UiProcess(p, uri.getPath().isEmpty() ? uri.resolve("/") : uri);
    }

    /** Lets the launcher make its class-data archive, which a first start after a build does, unmeasured. */
    static void warmUpLauncher(Path root, String heap) throws Exception {
        Processes.run(List.of(root.resolve("berth").toString(), "help"), environment(root, heap));
    }

    private static Map<String, String> environment(Path root, String heap) {
        return Map.of("BERTH_TARGET", root.resolve("examples/target").toString(), "BERTH_JAVA_OPTS", "-Xmx" + heap);
    }

    /** @return where it listens */
    URI uri() {
        return uri;
    }

    /** @return the CPU seconds it has used so far (NaN off Linux) */
    double cpuSeconds() {
        return ProcessCpu.seconds(process.process().pid());
    }

    /** @return the process's peak resident set so far, in MiB ({@code VmHWM}), or -1 when Linux does not say */
    double peakRssMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.process().pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException gone) {
            // not Linux, or already gone
        }
        return -1;
    }

    @Override
    public void close() {
        process.close();
    }

    @Override
    public String toString() {
        return "berth ui at " + uri;
    }
}
