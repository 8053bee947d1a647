package dev.berth.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A webhook's text reaches the terminal of whoever runs {@code berth events
 * listen}: a hostile sender must not be able to forge lines, move the cursor,
 * recolour, reorder text or flood the screen.
 */
class EventsListenSafeOutputTest {
    private static final String LONG = "A".repeat(100_000);
    private static final List<String> HOSTILE = List.of(
            "\u001b[2J\u001b[H\u001b[31mred",                    // clear screen, home, colour
            "x\r\n2026-01-01T00:00:00Z push forged/line:1",      // a forged second line
            "nul\u0000byte\u0007bell\u007fdel",                   // NUL, BEL, DEL
            "\u202eevil\u2066\u200b\u2028sep\u2029",               // bidi override and isolate, zero width, separators
            "\u009b31m8-bit CSI",                                  // C1 control
            LONG);

    @Test
    void aHostileEventPrintsAsOneSafeBoundedLine() throws Exception {
        List<String> lines = listenTo(HOSTILE);
        assertEquals(HOSTILE.size(), lines.size(), "one line per event: " + lines);
        for (String line : lines) {
            assertTrue(line.codePoints().allMatch(EventsListenSafeOutputTest::isSafe), "unsafe character in: " + line);
            assertTrue(line.length() < 1200, "bounded, was " + line.length());
            assertTrue(line.startsWith("2026-11-22T10:00:00Z "), line);
        }
        assertTrue(lines.get(0).contains("?[2J?[H?[31mred"), lines.get(0));
        assertTrue(lines.get(1).contains("x??2026-01-01T00:00:00Z push forged/line:1"), lines.get(1));
        assertTrue(lines.get(HOSTILE.size() - 1).contains("AAA…"), "long text is cut and says so");
        assertTrue(lines.get(HOSTILE.size() - 1).contains(" via AAA"), "the user agent is printed, bounded too");
    }

    @Test
    void withJsonEachHostileEventIsOneLineOfPrintableAscii() throws Exception {
        // The document --json closes with comes after the streamed events.
        List<String> lines = listenTo(HOSTILE, "--json").stream().filter(l -> l.startsWith("{\"id\"")).toList();
        assertEquals(HOSTILE.size(), lines.size(), "one JSON document per event");
        ObjectMapper mapper = new ObjectMapper();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            assertTrue(line.chars().allMatch(c -> c >= 0x20 && c < 0x7f), () -> "not printable ASCII: " + line.substring(0, Math.min(200, line.length())));
            assertEquals(HOSTILE.get(i), mapper.readTree(line).path("target").path("repository").asText(),
                    "the JSON keeps the exact text, escaped");
        }
    }

    /** Runs {@code berth events listen}, posts one event per text, and returns the lines after the first. */
    private static List<String> listenTo(List<String> texts, String... flags) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Cli cli = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        List<String> args = new java.util.ArrayList<>(List.of("events", "listen", "--count", String.valueOf(texts.size())));
        args.addAll(List.of(flags));
        CompletableFuture<Integer> listening = CompletableFuture.supplyAsync(() -> cli.run(args.toArray(String[]::new)));
        String first = CliOutput.awaitFirstLine(out);
        URI url = URI.create(first.startsWith("{") ? new ObjectMapper().readTree(first).path("listening").asText()
                : first.substring("listening on ".length()));
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < texts.size(); i++) {
            assertEquals(200, post(http, url, envelope("hostile-" + i, texts.get(i))), "stored, whatever its text");
        }
        assertEquals(Cli.OK, listening.get(20, TimeUnit.SECONDS));
        return out.toString(StandardCharsets.UTF_8).lines().skip(1).toList();
    }

    private static boolean isSafe(int c) {
        int type = Character.getType(c);
        return !Character.isISOControl(c) && type != Character.FORMAT && type != Character.LINE_SEPARATOR
                && type != Character.PARAGRAPH_SEPARATOR && type != Character.SURROGATE;
    }

    /** An event whose every printed text field is {@code evil}. */
    private static String envelope(String id, String evil) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        ArrayNode events = root.putArray("events");
        ObjectNode e = events.addObject().put("id", id).put("timestamp", "2026-11-22T10:00:00Z").put("action", "push" + evil);
        e.putObject("target").put("repository", evil).put("tag", evil).put("mediaType", evil);
        e.putObject("request").put("useragent", evil);
        e.putObject("actor").put("name", evil);
        return root.toString();
    }

    private static int post(HttpClient http, URI url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(url).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

}
