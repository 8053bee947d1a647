package dev.berth.examples.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testsupport.PostgresServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code berth serve --metadata jdbc:...} takes its scheduled garbage collection lease in the database: of two
 * instances over one database, each finds the other holding it at times and skips its turn, which two instances
 * with a lease of their own each would never do.
 */
class ServeGcLeaseTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static PostgresServer postgres;

    @TempDir
    Path dir;

    @BeforeAll
    static void database() throws Exception {
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stopDatabase() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void twoInstancesOverOneDatabaseTakeTurnsAtScheduledCollection() throws Exception {
        String database = postgres.createDatabase();
        Path config = Files.writeString(dir.resolve("config.yml"), "version: 0.1\ngc:\n  interval: 20ms\n  grace: 1h\n");
        Path storage = Files.createDirectories(dir.resolve("registry"));
        List<Thread> serving = new ArrayList<>();
        try {
            int first = freePort();
            serving.add(serve("--storage", storage.toString(), "--metadata", database, "--config", config.toString(),
                    "--debug-addr", "127.0.0.1:" + first));
            int second = freePort();
            serving.add(serve("--storage", storage.toString(), "--metadata", database, "--config", config.toString(),
                    "--debug-addr", "127.0.0.1:" + second));
            // Waits for the schedules, not for a time: ends as soon as both have run and one has skipped a turn.
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            double runs;
            double skipped;
            do {
                Thread.sleep(20);
                runs = meter(first, "registry_gc_runs_total") + meter(second, "registry_gc_runs_total");
                skipped = meter(first, "registry_gc_skipped_total") + meter(second, "registry_gc_skipped_total");
            } while ((runs < 10 || skipped < 1) && System.nanoTime() < deadline);
            assertTrue(runs >= 10, "the schedules came round: " + runs + " runs");
            assertTrue(skipped >= 1, "an instance found the other holding the lease: " + skipped + " skipped");
        } finally {
            for (Thread t : serving) {
                t.interrupt();
                t.join();
            }
        }
    }

    private static double meter(int debugPort, String name) throws Exception {
        String text = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + debugPort + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})? (\\S+)$").matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return free.getLocalPort();
        }
    }

    // berth serve in this JVM, until its thread is interrupted.
    private static Thread serve(String... options) throws IOException {
        PipedInputStream stdout = new PipedInputStream();
        PrintStream out = new PrintStream(new PipedOutputStream(stdout), true, StandardCharsets.UTF_8);
        List<String> args = new ArrayList<>(List.of("serve", "--addr", "127.0.0.1:0"));
        args.addAll(List.of(options));
        PrintStream discarded = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        Thread thread = new Thread(() -> {
            new Cli(out, discarded).run(args.toArray(String[]::new));
            out.close();
        }, "berth-serve-under-test");
        thread.start();
        String first = new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8)).readLine();
        if (first == null || !first.startsWith("listening on ")) {
            thread.interrupt();
            throw new IOException("berth serve did not start: " + first);
        }
        return thread;
    }
}
