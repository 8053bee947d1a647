package dev.berth.examples.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * US-REG-040/041 through the REST API: webhooks in at both paths, kept under their registry, pulls ignored unless
 * included, an image's events newest first, filtered by tag and paginated. (The end-to-end case, distribution
 * notifying the UI, is in {@link UiDistributionTest}.)
 */
class UiEventsTest {

    /** A distribution notification envelope with one event, as distribution 2.8 sends it. */
    static String envelope(String id, String action, String repository, String tag) {
        return envelope(id, action, repository, tag, "2026-12-01T10:00:00Z", "registry.local:5000");
    }

    static String envelope(String id, String action, String repository, String tag, String timestamp, String host) {
        return "{\"events\":[{\"id\":\"" + id + "\",\"timestamp\":\"" + timestamp + "\",\"action\":\"" + action + "\","
                + "\"target\":{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"size\":528,"
                + "\"digest\":\"sha256:" + "a".repeat(64) + "\",\"repository\":\"" + repository + "\""
                + (tag == null ? "" : ",\"tag\":\"" + tag + "\"") + "},"
                + "\"request\":{\"id\":\"r-" + id + "\",\"addr\":\"10.1.2.3:40000\",\"host\":\"" + host + "\","
                + "\"method\":\"PUT\",\"useragent\":\"skopeo/1.9\"},\"actor\":{\"name\":\"alice\"},"
                + "\"source\":{\"addr\":\"registry-host:5000\",\"instanceID\":\"i-1\"}}]}";
    }

    @Test
    void eventsAreListedNewestFirstFilteredByTagAndPaginated(@TempDir Path config) throws Exception {
        try (UiFixture ui = UiFixture.start(config)) {
            ui.http.post("api/v1/registries", Map.of("name", "local", "url", "registry.local:5000"));
            for (int i = 1; i <= 5; i++) {
                String path = i % 2 == 0 ? "plugins/registry/events" : "api/v1/events"; // KubeDash's path and ours
                UiHttp.Answer in = ui.http.post(path, envelope("e" + i, "push", "team/app", i <= 3 ? "1.0" : "2.0",
                        "2026-12-01T10:00:0" + i + "Z", "registry.local:5000"));
                assertEquals(202, in.status(), in.body());
                assertEquals(1, in.json().path("accepted").asInt(), "placed by its request host: " + in.body());
            }
            JsonNode all = ui.http.get("api/v1/registries/local/repositories/team/app/events").json();
            assertEquals(5, all.path("total").asInt());
            assertEquals(List.of("e5", "e4", "e3", "e2", "e1"), ids(all));
            JsonNode first = all.path("items").get(0);
            assertEquals("push", first.path("action").asText());
            assertEquals("alice", first.path("actor").asText());
            assertEquals("10.1.2.3:40000", first.path("sourceAddr").asText());
            assertEquals("skopeo/1.9", first.path("userAgent").asText());
            assertEquals("local", first.path("registry").asText());
            assertEquals("2.0", first.path("tag").asText());
            assertEquals("sha256:" + "a".repeat(64), first.path("digest").asText());
            assertEquals("2026-12-01T10:00:05Z", first.path("timestamp").asText());

            JsonNode tagged = ui.http.get("api/v1/registries/local/repositories/team/app/events?tag=1.0").json();
            assertEquals(List.of("e3", "e2", "e1"), ids(tagged));
            JsonNode page2 = ui.http.get("api/v1/registries/local/repositories/team/app/events?size=2&page=2").json();
            assertEquals(5, page2.path("total").asInt());
            assertEquals(List.of("e3", "e2"), ids(page2));
            JsonNode beyond = ui.http.get("api/v1/registries/local/repositories/team/app/events?size=2&page=4").json();
            assertEquals(List.of(), ids(beyond));
        }
    }

    @Test
    void pullsAreIgnoredUnlessIncludedAndUnknownRegistriesToo(@TempDir Path config, @TempDir Path config2) throws Exception {
        try (UiFixture ui = UiFixture.start(config)) {
            ui.http.post("api/v1/registries", Map.of("name", "local", "url", "registry.local:5000"));
            UiHttp.Answer pull = ui.http.post("api/v1/events", envelope("p1", "pull", "team/app", "1.0"));
            assertEquals(202, pull.status());
            assertEquals(0, pull.json().path("accepted").asInt());
            assertEquals(1, pull.json().path("ignored").asInt());
            UiHttp.Answer elsewhere = ui.http.post("api/v1/events", envelope("x1", "push", "team/app", "1.0",
                    "2026-12-01T10:00:00Z", "other.host:5000"));
            assertEquals(0, elsewhere.json().path("accepted").asInt(), "no configured registry has that host");
            assertEquals(404, ui.http.post("api/v1/events?registry=nope", envelope("x2", "push", "a", "1")).status());
            UiHttp.Answer garbage = ui.http.post("api/v1/events", "{\"not\":\"an event\"}");
            assertEquals(400, garbage.status());
            assertEquals("BAD_REQUEST", garbage.errorCode());
        }
        try (UiFixture ui = UiFixture.start(config2, b -> b.includePulls(true))) {
            ui.http.post("api/v1/registries", Map.of("name", "local", "url", "registry.local:5000"));
            UiHttp.Answer pull = ui.http.post("api/v1/events", envelope("p1", "pull", "team/app", "1.0"));
            assertEquals(1, pull.json().path("accepted").asInt(), pull.body());
            JsonNode events = ui.http.get("api/v1/registries/local/repositories/team/app/events").json();
            assertEquals("pull", events.path("items").get(0).path("action").asText());
        }
    }

    static List<String> ids(JsonNode answer) {
        List<String> ids = new ArrayList<>();
        answer.path("items").forEach(e -> ids.add(e.path("id").asText()));
        return ids;
    }

    // Event Grid creates a subscription only once the endpoint answers its handshake as the receiver made it
    // (https://learn.microsoft.com/azure/event-grid/webhook-event-delivery): a JSON echo, or an OPTIONS preflight.
    @Test
    void eventGridHandshakesAreAnsweredAsTheReceiverMakesThem(@TempDir Path config) throws Exception {
        try (UiFixture ui = UiFixture.start(config)) {
            UiHttp.Answer echo = ui.http.send(java.net.http.HttpRequest.newBuilder(ui.server.uri().resolve("api/v1/events"))
                    .header("Content-Type", "application/json").header("aeg-event-type", "SubscriptionValidation")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("[{\"id\":\"v1\",\"topic\":\"t\","
                            + "\"subject\":\"\",\"eventType\":\"Microsoft.EventGrid.SubscriptionValidationEvent\","
                            + "\"eventTime\":\"2026-12-01T10:00:00Z\",\"dataVersion\":\"1\","
                            + "\"data\":{\"validationCode\":\"code-42\"}}]")));
            assertEquals(200, echo.status(), echo.body());
            assertEquals("application/json", echo.contentType());
            assertEquals("code-42", echo.json().path("validationResponse").asText(), echo.body());

            java.net.http.HttpResponse<String> preflight = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(ui.server.uri().resolve("plugins/registry/events"))
                            .header("WebHook-Request-Origin", "eventgrid.azure.net")
                            .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, preflight.statusCode(), preflight.body());
            assertEquals("eventgrid.azure.net", preflight.headers().firstValue("WebHook-Allowed-Origin").orElse(""));
        }
    }
}
