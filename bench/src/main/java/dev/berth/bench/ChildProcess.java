package dev.berth.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A server in a process of its own that prints one line (its address) once it serves; its stderr goes to a log
 * file, quoted when it fails to start. {@link #close()} stops it with SIGTERM, then SIGKILL after 10 seconds.
 *
 * @param name      what it is, for messages
 * @param process   the process
 * @param firstLine what it printed first
 */
record ChildProcess(String name, Process process, String firstLine) implements AutoCloseable {

    static ChildProcess start(String name, List<String> command, Map<String, String> environment, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
        builder.environment().putAll(environment);
        Process p = builder.start();
        String first;
        try {
            first = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            first = null;
        }
        if (first == null) {
            ChildProcess failed = new ChildProcess(name, p, "");
            failed.close();
            throw new IOException(name + " did not start:\n" + Files.readString(log));
        }
        return new ChildProcess(name, p, first);
    }

    /** @return the {@code java} of this JVM, so that every process runs on the same one */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
