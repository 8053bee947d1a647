package dev.berth.events.store;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server from Debian's packages: a fresh cluster in a
 * temporary directory, listening on 127.0.0.1 and a free port, with trust
 * authentication. PostgreSQL refuses to run as root, so as root it runs as the
 * {@code postgres} user. {@link #close()} stops it and deletes the cluster.
 */
final class PostgresServer implements AutoCloseable {
    private final Path dir;
    private final Path bin;
    private final int port;

    private PostgresServer(Path dir, Path bin, int port) {
        this.dir = dir;
        this.bin = bin;
        this.port = port;
    }

    static PostgresServer start() throws IOException, InterruptedException {
        Path bin = findBin();
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "berth-pg",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        PostgresServer server = new PostgresServer(dir, bin, port);
        try {
            server.run(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-A", "trust",
                    "-U", "postgres", "--no-sync");
            server.run(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w", "-t", "60",
                    "-l", dir.resolve("server.log").toString(), "-o",
                    "-p " + port + " -c listen_addresses=127.0.0.1 -k " + dir + " -c fsync=off", "start");
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private static Path findBin() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.naturalOrder())
                    .orElseThrow(() -> new IllegalStateException("no initdb under /usr/lib/postgresql"));
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL is missing: install Debian's postgresql package (.ci/run does)", e);
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
    }

    private void run(String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        Process p = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("failed: " + full + "\n" + out);
        }
    }

    @Override
    public void close() {
        try {
            if (Files.exists(dir.resolve("data/postmaster.pid"))) {
                run(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop");
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("could not stop PostgreSQL in " + dir, e);
        } finally {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException ignored) {
                // a leftover temp directory is harmless
            }
        }
    }
}
