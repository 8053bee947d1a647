package dev.berth.examples.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code berth ui} as a user starts it from the packaged launcher: the first line, the API, a clean SIGTERM. */
class UiCommandIT {

    @Test
    void printsWhereItListensAnswersAndStopsOnSigterm(@TempDir Path dir) throws Exception {
        Path jar = Path.of("target", "berth-examples.jar").toAbsolutePath();
        Path lib = Path.of("target", "lib").toAbsolutePath();
        Path config = dir.resolve("config");
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-p", jar + ":" + lib, "-m", "dev.berth.examples/dev.berth.examples.cli.Berth", "ui",
                "--addr", "127.0.0.1:0", "--config", config.toString()))
                .redirectError(dir.resolve("stderr").toFile()).start();
        try {
            String first = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertTrue(first != null && first.startsWith("listening on http://127.0.0.1:"), first);
            UiHttp http = new UiHttp(URI.create(first.substring("listening on ".length())));
            assertEquals(201, http.post("api/v1/registries", Map.of("name", "x", "url", "localhost:1")).status());
            assertEquals(1, http.get("api/v1/registries").json().path("registries").size());
            assertTrue(Files.exists(config.resolve("events.db")), "events in SQLite by default");
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(15, TimeUnit.SECONDS), "stopped on SIGTERM");
            assertEquals("", Files.readString(dir.resolve("stderr")).strip(), "a clean stop says nothing");
        } finally {
            p.destroyForcibly();
        }
    }
}
