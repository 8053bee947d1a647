package dev.berth.examples.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A {@code berth serve} process started from the packaged launcher jar on a
 * free port; {@link #close()} stops it with SIGTERM, {@link #kill()} with SIGKILL.
 *
 * @param process the process
 * @param base    its base URL, from its first output line
 */
record BerthServe(Process process, String base) implements AutoCloseable {

    static BerthServe start(String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of("--addr", "127.0.0.1:0"));
        args.addAll(List.of(options));
        return startExactly(args);
    }

    /** Starts {@code berth serve} with these options only (no {@code --addr} added: a config file may name it). */
    static BerthServe startExactly(List<String> options) throws IOException {
        return startExactly(Map.of(), options);
    }

    /** Starts {@code berth serve} on a free port with these environment variables added to this process's own. */
    static BerthServe startWith(Map<String, String> environment, String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of("--addr", "127.0.0.1:0"));
        args.addAll(List.of(options));
        return startExactly(environment, args);
    }

    private static BerthServe startExactly(Map<String, String> environment, List<String> options) throws IOException {
        Path jar = Path.of("target", "berth-examples.jar").toAbsolutePath();
        Path lib = Path.of("target", "lib").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-p", jar + ":" + lib, "-m", "dev.berth.examples/dev.berth.examples.cli.Berth", "serve"));
        command.addAll(options);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(environment);
        Process p = builder.start();
        String first = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (first == null || !first.startsWith("listening on ")) {
            p.destroyForcibly();
            throw new IOException("berth serve did not start: " + first);
        }
        return new BerthServe(p, first.substring("listening on ".length()));
    }

    /** @return host:port for image references */
    String hostPort() {
        return base.substring(base.indexOf("://") + 3);
    }

    void kill() throws InterruptedException {
        process.destroyForcibly(); // SIGKILL: no shutdown hook runs
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
