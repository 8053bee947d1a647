package dev.berth.examples.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.testsupport.PostgresServer;
import dev.berth.testsupport.Processes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The webhook consumer as its README section runs it: a {@code berth events
 * listen} process from the packaged launcher, each registry's documented
 * webhook POSTed to it over HTTP (every body under oci-events'
 * {@code src/test/resources/webhooks/}, which {@code WebhookFixtures} there
 * cites), one printed line per event, and {@code berth events list} showing
 * them all from the store: a SQLite file, and PostgreSQL.
 */
class EventsListenIT {
    private static final Path FIXTURES = Path.of("..", "oci-events", "src", "test", "resources", "webhooks");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Events each fixture holds (all but the validation handshake and Harbor's replication run, which hold none). */
    private static final Map<String, Integer> EXPECTED = new TreeMap<>(Map.ofEntries(
            Map.entry("distribution/push.json", 1), Map.entry("acr/push.json", 1), Map.entry("acr/delete.json", 1),
            Map.entry("acr/chart_push.json", 1), Map.entry("eventgrid/cloudevents-image-pushed.json", 1),
            Map.entry("eventgrid/cloudevents-image-deleted-single.json", 1),
            Map.entry("eventgrid/eventgrid-schema-image-pushed.json", 1),
            Map.entry("eventgrid/eventgrid-schema-chart-pushed.json", 1), Map.entry("eventgrid/subscription-validation.json", 0),
            Map.entry("harbor/v2-push-artifact.json", 1), Map.entry("harbor/v2-delete-by-digest.json", 1),
            Map.entry("harbor/v2-replication.json", 0), Map.entry("harbor/v1-push-image.json", 1),
            Map.entry("harbor/v1-delete-image.json", 1), Map.entry("harbor/cloudevents-artifact-pulled.json", 1),
            Map.entry("zot/binary-image-updated.json", 1), Map.entry("zot/structured-image-deleted-custom-prefix.json", 1),
            Map.entry("zot/structured-repository-created.json", 1), Map.entry("dockerhub/push.json", 1),
            Map.entry("quay/push-tags-array.json", 2), Map.entry("quay/push-tags-map.json", 1)));
    private static final Set<String> FORMATS = Set.of("DISTRIBUTION", "ACR", "EVENT_GRID", "EVENT_GRID_CLOUDEVENTS",
            "HARBOR", "HARBOR_CLOUDEVENTS", "ZOT_CLOUDEVENTS", "DOCKER_HUB", "QUAY");

    @TempDir
    Path dir;

    @Test
    void everyRegistrysWebhookReachesASqliteFile() throws Exception {
        receiveEveryFixture("jdbc:sqlite:" + dir.resolve("events.db"));
    }

    @Test
    void everyRegistrysWebhookReachesPostgres() throws Exception {
        try (PostgresServer postgres = PostgresServer.start()) {
            receiveEveryFixture(postgres.jdbcUrl());
        }
    }

    private void receiveEveryFixture(String store) throws Exception {
        try (Stream<Path> files = Files.walk(FIXTURES)) {
            Set<String> found = new HashSet<>();
            files.filter(p -> p.toString().endsWith(".json")).forEach(p -> found.add(FIXTURES.relativize(p).toString()));
            assertEquals(EXPECTED.keySet(), found, "every fixture is posted, and counted here");
        }
        int total = EXPECTED.values().stream().mapToInt(Integer::intValue).sum();
        // --include-pulls: Harbor's pulled CloudEvent is stored too; --count: the process ends after the last event
        Listener listener = Listener.start("events", "listen", "--store", store, "--include-pulls", "--secret", "s3",
                "--count", String.valueOf(total));
        try {
            HttpClient http = HttpClient.newHttpClient();
            for (Map.Entry<String, Integer> fixture : EXPECTED.entrySet()) {
                HttpRequest.Builder post = HttpRequest.newBuilder(listener.uri()).header("Authorization", "Bearer s3")
                        .POST(HttpRequest.BodyPublishers.ofFile(FIXTURES.resolve(fixture.getKey())));
                headers(fixture.getKey()).forEach(post::header);
                HttpResponse<String> r = http.send(post.build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode(), fixture.getKey() + ": " + r.body());
                if (fixture.getKey().endsWith("subscription-validation.json")) {
                    assertTrue(r.body().contains("\"validationResponse\""), r.body());
                } else {
                    assertTrue(r.body().startsWith("stored " + fixture.getValue() + ","), fixture.getKey() + ": " + r.body());
                }
            }
            List<String> printed = listener.lines(total);
            assertEquals(total, printed.size(), "one line per event: " + printed);
            assertTrue(printed.stream().anyMatch(l -> l.contains("push hello-world:v1")), printed.toString());
            assertTrue(printed.stream().anyMatch(l -> l.contains("push acme/web:2.4.1")), printed.toString());
            assertTrue(printed.stream().anyMatch(l -> l.contains("delete tools/golang")), printed.toString());
            assertTrue(printed.stream().anyMatch(l -> l.contains("push library/centos:7 ") && l.contains("by alice")),
                    printed.toString());
            assertEquals(0, listener.waitFor(), "berth events listen --count ends once every event is in");
        } finally {
            listener.close();
        }

        Run list = Run.of("events", "list", "--store", store, "--limit", "100", "--json");
        assertEquals(0, list.exitCode(), list.output());
        JsonNode doc = JSON.readTree(list.output());
        assertEquals(total, doc.get("total").asInt());
        Set<String> formats = new HashSet<>();
        doc.get("events").forEach(e -> formats.add(e.get("format").asText()));
        assertEquals(FORMATS, formats, "every format is stored and listed");
        Run lines = Run.of("events", "list", "--store", store, "--repository", "web/nginx", "--limit", "100");
        assertEquals(0, lines.exitCode(), lines.output());
        assertTrue(lines.output().contains("3 of 3 events"), lines.output());
    }

    /** @return the headers a fixture is sent with: its NAME.headers file, or JSON's content type */
    private static Map<String, String> headers(String fixture) throws IOException {
        Path file = FIXTURES.resolve(fixture.replaceAll("\\.json$", ".headers"));
        if (!Files.exists(file)) {
            return Map.of("Content-Type", "application/json");
        }
        Map<String, String> headers = new TreeMap<>();
        for (String line : Files.readAllLines(file)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        return headers;
    }

    private static List<String> launcher(String... args) {
        Path jar = Path.of("target", "berth-examples.jar").toAbsolutePath();
        Path lib = Path.of("target", "lib").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-p", jar + ":" + lib, "-m", "dev.berth.examples/dev.berth.examples.cli.Berth"));
        command.addAll(List.of(args));
        return command;
    }

    /** A {@code berth events listen} process; its output lines after the first are read as they come. */
    private record Listener(Process process, URI uri, BlockingQueue<String> output) implements AutoCloseable {
        static Listener start(String... args) throws IOException {
            Process p = new ProcessBuilder(launcher(args)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            if (first == null || !first.startsWith("listening on ")) {
                p.destroyForcibly();
                throw new IOException("berth events listen did not start: " + first);
            }
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> out.lines().forEach(lines::add), "events-listen-output");
            reader.setDaemon(true);
            reader.start();
            return new Listener(p, URI.create(first.substring("listening on ".length())), lines);
        }

        List<String> lines(int n) throws InterruptedException {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String line = output.poll(30, TimeUnit.SECONDS);
                if (line == null) {
                    break;
                }
                lines.add(line);
            }
            return lines;
        }

        int waitFor() throws InterruptedException {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError("berth events listen did not end");
            }
            return process.exitValue();
        }

        @Override
        public void close() {
            Processes.stop(process);
        }
    }

    /** A berth command run to its end: its exit code and its standard output. */
    private record Run(int exitCode, String output) {
        static Run of(String... args) throws IOException, InterruptedException {
            Process p = new ProcessBuilder(launcher(args)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("berth " + String.join(" ", args) + " did not end");
            }
            return new Run(p.exitValue(), out);
        }
    }
}
