package dev.berth.testsupport;

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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server from Debian's packages: a fresh cluster in a
 * temporary directory, listening on 127.0.0.1 and a free port, with trust
 * authentication. PostgreSQL refuses to run as root, so as root it runs as the
 * {@code postgres} user. {@link #close()} stops it and deletes the cluster.
 *
 * <pre>{@code
 * try (PostgresServer server = PostgresServer.start()) {
 *     String url = server.createDatabase(); // a new, empty database for one test
 * }
 * }</pre>
 */
public final class PostgresServer implements AutoCloseable {
    private final AtomicInteger databases = new AtomicInteger();
    private final Path dir;
    private final Path bin;
    private final int port;

    private PostgresServer(Path dir, Path bin, int port) {
        this.dir = dir;
        this.bin = bin;
        this.port = port;
    }

    /**
     * @return a running server with a fresh cluster
     * @throws IOException          if PostgreSQL cannot be set up or started (its output is in the message)
     * @throws InterruptedException if interrupted while it starts
     */
    public static PostgresServer start() throws IOException, InterruptedException {
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

    /** @return the JDBC URL of the {@code postgres} database, as the superuser {@code postgres} */
    public String jdbcUrl() {
        return jdbcUrl("postgres");
    }

    /** @return the port it listens on, on 127.0.0.1 */
    public int port() {
        return port;
    }

    /**
     * Creates a new, empty database, so that a test starts from nothing without dropping what another made.
     *
     * @return the new database's JDBC URL, as the superuser {@code postgres}
     * @throws IOException          if {@code createdb} fails
     * @throws InterruptedException if interrupted meanwhile
     */
    public String createDatabase() throws IOException, InterruptedException {
        String name = "test_" + databases.incrementAndGet();
        run(bin.resolve("createdb").toString(), "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", "postgres", name);
        return jdbcUrl(name);
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
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
