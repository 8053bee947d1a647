package dev.berth.examples.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.server.auth.Htpasswd;
import dev.berth.testsupport.DistributionRegistry;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * US-REG-001..004 through the REST API: adding a registry tests it and names the failure kind, an edit keeps the
 * password, no answer and no file holds it in clear, removing a registry removes its events, all audited.
 * Against distribution 2.8 with htpasswd.
 */
class UiRegistriesTest {
    static final String PASSWORD = "s3cret-alice-pw";
    @TempDir
    static Path dir;
    static DistributionRegistry distribution;

    @BeforeAll
    static void startDistribution() throws Exception {
        Path htpasswd = dir.resolve("htpasswd");
        Files.writeString(htpasswd, Htpasswd.line("alice", PASSWORD) + "\n");
        distribution = DistributionRegistry.builder(dir.resolve("distribution")).htpasswd(htpasswd).start();
    }

    @AfterAll
    static void stopDistribution() {
        distribution.close();
    }

    static Map<String, Object> body(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void addingTestsTheConnectionAndNamesEachFailureKind(@TempDir Path config) throws Exception {
        try (UiFixture ui = UiFixture.start(config); ServerSocket closed = new ServerSocket(0)) {
            int refusedPort = closed.getLocalPort();
            closed.close(); // nothing listens there any more
            UiHttp.Answer ok = ui.http.post("api/v1/registries", body("name", "dist", "url", distribution.baseUrl(),
                    "username", "alice", "password", PASSWORD));
            assertEquals(201, ok.status(), ok.body());
            assertTrue(ok.json().path("test").path("ok").asBoolean(), ok.body());
            assertTrue(ok.json().path("test").path("authenticated").asBoolean());
            assertEquals("registry/2.0", ok.json().path("test").path("apiVersion").asText());
            assertTrue(ok.json().path("registry").path("hasPassword").asBoolean());

            assertEquals("AUTH", failure(ui, "wrong-pw", distribution.baseUrl(), "alice", "not-the-password"));
            assertEquals("REFUSED", failure(ui, "refused", "http://127.0.0.1:" + refusedPort, null, null));
            assertEquals("DNS", failure(ui, "dns", "http://no-such-registry.invalid:5000", null, null));
            // The UI itself answers HTTP but is no registry: /v2/ is 404 there.
            assertEquals("NOT_A_REGISTRY", failure(ui, "not-a-registry", ui.server.uri().toString().replaceAll("/$", ""),
                    null, null));

            JsonNode list = ui.http.get("api/v1/registries").json().path("registries");
            assertEquals(5, list.size());
            assertEquals("AUTH", list.get(1).path("status").path("failure").asText(), "the list shows the last test");
        }
    }

    private static String failure(UiFixture ui, String name, String url, String user, String password) throws Exception {
        UiHttp.Answer a = ui.http.post("api/v1/registries", body("name", name, "url", url, "username", user,
                "password", password));
        assertEquals(201, a.status(), "saved even when the test fails: " + a.body());
        assertFalse(a.json().path("test").path("ok").asBoolean(), a.body());
        return a.json().path("test").path("failure").asText();
    }

    @Test
    void anEditWithoutPasswordKeepsItAndNoAnswerOrFileHoldsIt(@TempDir Path config) throws Exception {
        try (UiFixture ui = UiFixture.start(config)) {
            assertEquals(201, ui.http.post("api/v1/registries", body("name", "dist", "url", distribution.baseUrl(),
                    "username", "alice", "password", PASSWORD)).status());
            UiHttp.Answer edited = ui.http.put("api/v1/registries/dist", body("url", distribution.baseUrl(),
                    "username", "alice", "insecure", true));
            assertEquals(200, edited.status(), edited.body());
            assertTrue(edited.json().path("test").path("authenticated").asBoolean(), "the kept password still works");
            assertTrue(edited.json().path("registry").path("insecure").asBoolean());
            assertTrue(ui.server.registries().hasPassword("dist"));

            String everything = ui.http.get("api/v1/registries").body() + edited.body()
                    + ui.http.post("api/v1/registries/dist/test", "").body() + ui.http.get("api/v1/audit").body();
            assertFalse(everything.contains(PASSWORD), everything);
            assertFalse(everything.contains("\"password\""), "no password field in any answer");
            for (Path f : List.of(config.resolve("registries.json"), config.resolve("audit.log"))) {
                String stored = Files.readString(f);
                assertFalse(stored.contains(PASSWORD), f + " holds the password in clear: " + stored);
            }
            assertTrue(Files.readString(config.resolve("registries.json")).contains("berth-vault-v1:"),
                    "the password is kept encrypted");

            UiHttp.Answer wrong = ui.http.put("api/v1/registries/dist", body("url", distribution.baseUrl(),
                    "username", "alice", "password", "a-new-wrong-one"));
            assertEquals("AUTH", wrong.json().path("test").path("failure").asText(), "a given password replaces it");
        }
    }

    @Test
    void badInputIsA400NamingTheFieldAndUnknownNamesAre404(@TempDir Path config) throws Exception {
        try (UiFixture ui = UiFixture.start(config)) {
            UiHttp.Answer noUrl = ui.http.post("api/v1/registries", body("name", "x"));
            assertEquals(400, noUrl.status());
            assertTrue(noUrl.errorMessage().contains("\"url\""), noUrl.body());
            UiHttp.Answer badUrl = ui.http.post("api/v1/registries", body("name", "x", "url", "ftp://what ever"));
            assertEquals(400, badUrl.status());
            assertTrue(badUrl.errorMessage().contains("url"), badUrl.body());
            UiHttp.Answer badName = ui.http.post("api/v1/registries", body("name", " padded ", "url", "localhost:5000"));
            assertEquals(400, badName.status());
            assertTrue(badName.errorMessage().contains("name"), badName.body());
            UiHttp.Answer malformed = ui.http.post("api/v1/registries", "{\"name\": \"x\", \"url\": ");
            assertEquals(400, malformed.status());
            assertEquals("BAD_REQUEST", malformed.errorCode());
            assertTrue(malformed.errorMessage().startsWith("malformed JSON body"), malformed.body());
            UiHttp.Answer wrongType = ui.http.post("api/v1/registries", body("name", "x", "url", "localhost:1",
                    "insecure", "yes"));
            assertEquals(400, wrongType.status());
            assertTrue(wrongType.errorMessage().contains("\"insecure\""), wrongType.body());
            UiHttp.Answer huge = ui.http.post("api/v1/registries", "{\"name\":\"" + "x".repeat(UiServer.MAX_BODY) + "\"}");
            assertEquals(413, huge.status());

            assertEquals(201, ui.http.post("api/v1/registries", body("name", "x", "url", "localhost:1")).status());
            UiHttp.Answer again = ui.http.post("api/v1/registries", body("name", "x", "url", "localhost:2"));
            assertEquals(409, again.status());
            assertEquals("CONFLICT", again.errorCode());
            for (UiHttp.Answer a : List.of(ui.http.get("api/v1/registries/nope/repositories"),
                    ui.http.post("api/v1/registries/nope/test", ""), ui.http.delete("api/v1/registries/nope"),
                    ui.http.put("api/v1/registries/nope", body("url", "localhost:1")),
                    ui.http.get("api/v1/registries/nope/repositories/a/tags"))) {
                assertEquals(404, a.status(), a.body());
                assertEquals("NOT_FOUND", a.errorCode());
                assertTrue(a.contentType().startsWith("application/json"));
            }
        }
    }

    @Test
    void removingARegistryRemovesItsEventsAndEveryChangeIsAudited(@TempDir Path config) throws Exception {
        try (UiFixture ui = UiFixture.start(config)) {
            ui.http.post("api/v1/registries", body("name", "gone", "url", "localhost:1"));
            ui.http.post("api/v1/registries", body("name", "kept", "url", "localhost:2"));
            ui.http.put("api/v1/registries/gone", body("url", "localhost:3"));
            for (String registry : List.of("gone", "kept")) {
                UiHttp.Answer in = ui.http.post("api/v1/events?registry=" + registry,
                        UiEventsTest.envelope(registry + "-e1", "push", "team/app", "1.0"));
                assertEquals(202, in.status(), in.body());
            }
            UiHttp.Answer removed = ui.http.delete("api/v1/registries/gone");
            assertEquals(200, removed.status(), removed.body());
            assertEquals("gone", removed.json().path("removed").asText());
            assertEquals(1, removed.json().path("eventsRemoved").asInt());
            assertEquals(1, ui.http.get("api/v1/registries/kept/repositories/team/app/events").json().path("total").asInt());
            assertEquals(1, ui.events.count(dev.berth.events.store.EventQuery.all()), "the other registry's event stays");

            JsonNode audit = ui.http.get("api/v1/audit").json();
            assertEquals(4, audit.path("total").asInt(), audit.toString());
            List<String> actions = new java.util.ArrayList<>();
            audit.path("items").forEach(i -> actions.add(i.path("action").asText() + " " + i.path("target").asText()));
            assertEquals(List.of("registry.remove gone", "registry.edit gone", "registry.add kept", "registry.add gone"),
                    actions, "newest first");
            assertEquals("local", audit.path("items").get(0).path("user").asText());
        }
    }
}
