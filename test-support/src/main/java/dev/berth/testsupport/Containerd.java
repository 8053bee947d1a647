package dev.berth.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's containerd started as a process of its own with a private root, state directory and socket under a
 * directory of the test's (nothing under /var/lib, /run or /opt), without the CRI plugin (a Kubernetes node's
 * API, not needed to pull), driven with {@code ctr}. Stopped, with its process, on {@link #close()}.
 *
 * <p>Run as root it pulls and unpacks images. As another user containerd serves its socket (the socket is given
 * to that user) but cannot mount, so unpacking fails and {@code ctr content fetch} is what works.
 */
public final class Containerd implements AutoCloseable {
    /** Where Debian installs containerd. */
    public static final Path BINARY = Path.of("/usr/bin/containerd");
    /** Where Debian installs containerd's client. */
    public static final Path CTR = Path.of("/usr/bin/ctr");

    private final Process process;
    private final Path socket;
    private final Path log;

    private Containerd(Process process, Path socket, Path log) {
        this.process = process;
        this.socket = socket;
        this.log = log;
    }

    /**
     * @param dir where containerd's config, root, state, socket and log go (short: a Unix socket's path has at
     *            most 107 bytes)
     * @return containerd, answering on its socket
     * @throws IOException if it is not installed, or does not answer within 30 seconds (with its log)
     */
    public static Containerd start(Path dir) throws IOException, InterruptedException {
        for (Path binary : List.of(BINARY, CTR)) {
            if (!Files.isExecutable(binary)) {
                throw new IllegalStateException(binary + " is missing: install Debian's containerd package (.ci/run does)");
            }
        }
        Path socket = dir.resolve("containerd.sock");
        int uid = (Integer) Files.getAttribute(dir, "unix:uid");
        int gid = (Integer) Files.getAttribute(dir, "unix:gid");
        // The sockets belong to the user the test runs as (containerd's default chowns them to root).
        String config = "version = 2\n"
                + "root = \"" + dir.resolve("root") + "\"\n"
                + "state = \"" + dir.resolve("state") + "\"\n"
                + "disabled_plugins = [\"io.containerd.grpc.v1.cri\"]\n"
                + "[grpc]\n  address = \"" + socket + "\"\n  uid = " + uid + "\n  gid = " + gid + "\n"
                + "[ttrpc]\n  address = \"" + socket + ".ttrpc\"\n  uid = " + uid + "\n  gid = " + gid + "\n"
                + "[debug]\n  address = \"\"\n"
                + "[plugins.\"io.containerd.internal.v1.opt\"]\n  path = \"" + dir.resolve("opt") + "\"\n";
        Path configFile = Files.writeString(dir.resolve("config.toml"), config);
        Path log = dir.resolve("containerd.log");
        Process process = new ProcessBuilder(BINARY.toString(), "--config", configFile.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Containerd containerd = new Containerd(process, socket, log);
        try {
            containerd.awaitReady();
        } catch (IOException | InterruptedException | RuntimeException e) {
            containerd.close();
            throw e;
        }
        return containerd;
    }

    private void awaitReady() throws IOException, InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IOException("containerd exited (" + process.exitValue() + "): " + log());
            }
            if (Files.exists(socket) && ctr("version").exitCode() == 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IOException("containerd did not answer on " + socket + " within 30 s: " + log());
    }

    /** @return the socket {@code ctr --address} names */
    public Path socket() {
        return socket;
    }

    /** @return what containerd has logged so far */
    public String log() throws IOException {
        return Files.readString(log);
    }

    /**
     * Runs {@code ctr --address SOCKET ARGS...} and waits for it to end.
     *
     * @param args ctr's command and its arguments
     * @return its exit code and what it printed (stdout and stderr together)
     * @throws IOException if it does not end within two minutes
     */
    public Result ctr(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(CTR.toString(), "--address", socket.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("ctr did not end: " + command);
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /**
     * How one {@code ctr} run ended.
     *
     * @param exitCode its exit code
     * @param output   stdout and stderr together
     */
    public record Result(int exitCode, String output) {
    }

    @Override
    public void close() {
        Processes.stop(process);
    }
}
