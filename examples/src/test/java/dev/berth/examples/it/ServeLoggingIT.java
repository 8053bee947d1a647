package dev.berth.examples.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code berth serve}'s access log on stderr, and {@code --log-level}. */
class ServeLoggingIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path dir;

    // Runs serve, sends two requests (one with a secret in the query), stops it, and returns its stderr.
    private String serveAndLog(String... options) throws Exception {
        Path stderr = dir.resolve("stderr-" + System.nanoTime());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-p", Path.of("target", "berth-examples.jar").toAbsolutePath() + ":" + Path.of("target", "lib").toAbsolutePath(),
                "-m", "dev.berth.examples/dev.berth.examples.cli.Berth", "serve", "--addr", "127.0.0.1:0"));
        command.addAll(List.of(options));
        Process p = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        try {
            String first = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertTrue(first != null && first.startsWith("listening on "), first + "\n" + Files.readString(stderr));
            URI base = URI.create(first.substring("listening on ".length()));
            assertEquals(200, HTTP.send(HttpRequest.newBuilder(base.resolve("/v2/")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
            HTTP.send(HttpRequest.newBuilder(base.resolve("/v2/app/blobs/uploads/x?_state=SECRET")).build(),
                    HttpResponse.BodyHandlers.discarding());
        } finally {
            p.destroy();
            assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        }
        return Files.readString(stderr);
    }

    @Test
    void serveLogsEveryRequestOnStderrByDefault() throws Exception {
        String log = serveAndLog();
        assertTrue(log.lines().anyMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\dT\\S+ INFO access - 127\\.0\\.0\\.1 - \"GET /v2/ HTTP/1\\.1\" 200 2 \\d+ms")),
                log);
        assertTrue(log.contains("\"GET /v2/app/blobs/uploads/x?_state=*** HTTP/1.1\" 404 "), log);
        assertFalse(log.contains("SECRET"), log);
    }

    @Test
    void logLevelWarnLeavesOutTheAccessLinesOfServedRequests() throws Exception {
        String log = serveAndLog("--log-level", "warn");
        assertFalse(log.contains("access"), log);
    }

    @Test
    void aConfigFilesAccesslogDisabledLeavesOutTheAccessLinesAndItsNotesSayWhatIsNotNeeded() throws Exception {
        Path config = Files.writeString(dir.resolve("config.yml"), "version: 0.1\nlog:\n  accesslog:\n    disabled: true\n"
                + "storage:\n  inmemory:\n  cache:\n    blobdescriptor: inmemory\n");
        String log = serveAndLog("--config", config.toString());
        assertFalse(log.contains("access"), log);
        assertTrue(log.contains("berth serve: " + config + ": storage.cache.blobdescriptor: not needed"), log);
    }

    @Test
    void theDemosInProcessRegistryKeepsItsAccessLogToItself() throws Exception {
        Path stderr = dir.resolve("demo-stderr");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-p", Path.of("target", "berth-examples.jar").toAbsolutePath() + ":" + Path.of("target", "lib").toAbsolutePath(),
                "-m", "dev.berth.examples/dev.berth.examples.cli.Berth", "demo")
                .redirectError(stderr.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the demo ends");
        String err = Files.readString(stderr);
        assertEquals(0, p.exitValue(), err);
        assertFalse(err.contains("access"), "no access log lines: " + err.lines().limit(5).toList());
    }

    @Test
    void anUnknownLogLevelIsAUsageError() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-p", Path.of("target", "berth-examples.jar").toAbsolutePath() + ":" + Path.of("target", "lib").toAbsolutePath(),
                "-m", "dev.berth.examples/dev.berth.examples.cli.Berth", "serve", "--log-level", "loud").start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue(), err);
        assertTrue(err.contains("--log-level takes one of trace, debug, info, warn, error, off"), err);
    }
}
