package dev.berth.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventsCommandsTest {
    @TempDir
    Path dir;

    static String envelope(String id, String action, String tag) {
        return "{\"events\":[{\"id\":\"" + id + "\",\"timestamp\":\"2026-11-22T10:00:0" + id.length() + "Z\",\"action\":\""
                + action + "\",\"target\":{\"repository\":\"team/app\",\"tag\":\"" + tag + "\"}}]}";
    }

    @Test
    void listenStoresAndPrintsThenListQueriesTheStore() throws Exception {
        String store = "jdbc:sqlite:" + dir.resolve("events.db");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Cli cli = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        CompletableFuture<Integer> listening = CompletableFuture.supplyAsync(() -> cli.run(new String[] {
                "events", "listen", "--store", store, "--secret", "s3", "--count", "2"}));
        String first = CliOutput.awaitFirstLine(out);
        assertTrue(first.startsWith("listening on http://127.0.0.1:"), first);
        URI url = URI.create(first.substring("listening on ".length()));
        HttpClient http = HttpClient.newHttpClient();
        assertEquals(401, post(http, url, "wrong", envelope("a", "push", "1")));
        assertEquals(200, post(http, url, "s3", envelope("a", "push", "1")));
        assertEquals(200, post(http, url, "s3", envelope("bb", "pull", "1")), "pulls are acknowledged but ignored");
        assertEquals(200, post(http, url, "s3", envelope("a", "push", "1")), "a redelivery");
        assertEquals(200, post(http, url, "s3", envelope("ccc", "delete", "1")));
        assertEquals(Cli.OK, listening.get(20, TimeUnit.SECONDS));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(3, printed.lines().count(), printed);
        assertTrue(printed.contains("push team/app:1") && printed.contains("delete team/app:1"), printed);

        ByteArrayOutputStream listOut = new ByteArrayOutputStream();
        Cli lister = new Cli(new PrintStream(listOut, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(Cli.OK, lister.run(new String[] {"events", "list", "--store", store, "--action", "delete", "--json"}));
        JsonNode doc = new ObjectMapper().readTree(listOut.toString(StandardCharsets.UTF_8));
        assertEquals(1, doc.get("total").asInt());
        assertEquals("ccc", doc.at("/events/0/id").asText());
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void badOptionsAreUsageErrors() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Cli cli = new Cli(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(Cli.USAGE, cli.run(new String[] {"events", "list"}));
        assertEquals(Cli.USAGE, cli.run(new String[] {"events", "list", "--store", "memory"}));
        assertEquals(Cli.USAGE, cli.run(new String[] {"events", "list", "--store", "jdbc:sqlite:" + dir.resolve("x.db"), "--limit", "0"}));
        assertEquals(Cli.USAGE, cli.run(new String[] {"events", "listen", "--addr", "nowhere"}));
        assertEquals(Cli.USAGE, cli.run(new String[] {"events", "listen", "--store", "redis://x"}));
        assertEquals(Cli.USAGE, cli.run(new String[] {"events"}));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--store must be"));
    }

    @Test
    void aForeignCursorIsAFailureWithOneLine() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Cli cli = new Cli(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(Cli.FAILED, cli.run(new String[] {"events", "list", "--store", "jdbc:sqlite:" + dir.resolve("y.db"),
                "--cursor", "%%%"}));
        assertEquals(1, err.toString(StandardCharsets.UTF_8).lines().count());
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("invalid cursor"));
    }

    private static int post(HttpClient http, URI url, String secret, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(url).header("Authorization", "Bearer " + secret)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
