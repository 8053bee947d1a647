package dev.berth.examples.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code berth dev-registry --dir DIR --addr ADDR} process started from the packaged launcher jar, its start-up
 * text read up to the metrics line; {@link #close()} stops it with SIGTERM.
 *
 * @param process the process
 * @param dir     its directory
 * @param lines   what it printed on start, the first line {@code listening on <https URL>}
 * @param stderr  where its stderr goes
 */
record DevRegistryProcess(Process process, Path dir, List<String> lines, Path stderr) implements AutoCloseable {

    static DevRegistryProcess start(Path dir, String address) throws IOException {
        Path jar = Path.of("target", "berth-examples.jar").toAbsolutePath();
        Path lib = Path.of("target", "lib").toAbsolutePath();
        Path stderr = Files.createTempFile("berth-dev-registry", ".err");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-p", jar + ":" + lib, "-m", "dev.berth.examples/dev.berth.examples.cli.Berth",
                "dev-registry", "--dir", dir.toString(), "--addr", address)
                .redirectError(stderr.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        for (String line; (line = out.readLine()) != null; ) {
            lines.add(line);
            if (line.startsWith("metrics ")) {
                return new DevRegistryProcess(p, dir, List.copyOf(lines), stderr);
            }
        }
        p.destroyForcibly();
        throw new IOException("berth dev-registry did not start: " + lines + "\n" + Files.readString(stderr));
    }

    /** @return the https base URL of the first line */
    String base() {
        return lines.get(0).substring("listening on ".length());
    }

    /** @return host:port for image references */
    String hostPort() {
        return base().substring("https://".length());
    }

    /** @return the text after {@code PREFIX } on the first line that starts so */
    String after(String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix + " ")).findFirst()
                .map(l -> l.substring(prefix.length() + 1)).orElseThrow(() -> new AssertionError("no line " + prefix + ": " + lines));
    }

    /** @return the metrics URL ({@code metrics URL (health: ...)}) */
    String metrics() {
        return after("metrics").split(" ")[0];
    }

    String password() throws IOException {
        return Files.readString(dir.resolve("password")).strip();
    }

    /** Stops it with SIGTERM; @return its exit status */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }
}
