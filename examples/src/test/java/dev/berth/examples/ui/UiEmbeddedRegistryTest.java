package dev.berth.examples.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.server.EmbeddedRegistry;
import dev.berth.testsupport.OciLayoutImage;
import dev.berth.testsupport.Skopeo;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The browser over Berth's own registry (what {@code berth serve} runs), filled by skopeo, delete on and off. */
class UiEmbeddedRegistryTest {

    @Test
    void browsesBerthsRegistryAndExplainsARefusedDelete(@TempDir Path dir) throws Exception {
        try (EmbeddedRegistry open = EmbeddedRegistry.builder().start();
             EmbeddedRegistry noDelete = EmbeddedRegistry.builder().deleteEnabled(false).start();
             UiFixture ui = UiFixture.start(dir.resolve("ui"))) {
            for (EmbeddedRegistry r : new EmbeddedRegistry[] {open, noDelete}) {
                OciLayoutImage image = OciLayoutImage.write(dir.resolve("img-" + r.port()), "1.0", "content " + r.port());
                Skopeo.run("copy", "--dest-tls-verify=false", image.skopeoName(), "docker://" + r.hostPort() + "/team/app:1.0");
                Skopeo.run("copy", "--dest-tls-verify=false", image.skopeoName(), "docker://" + r.hostPort() + "/team/app:stable");
            }
            ui.http.post("api/v1/registries", Map.of("name", "open", "url", open.baseUri().toString()));
            ui.http.post("api/v1/registries", Map.of("name", "locked", "url", noDelete.baseUri().toString()));

            JsonNode repos = ui.http.get("api/v1/registries/open/repositories").json();
            assertEquals(1, repos.path("total").asInt(), repos.toString());
            assertEquals("team/app", repos.path("items").get(0).asText());
            JsonNode detail = ui.http.get("api/v1/registries/open/repositories/team/app/tags/1.0").json();
            assertEquals(1, detail.path("image").path("details").path("layers").size(), detail.toString());
            assertEquals("stable", detail.path("otherTags").get(0).asText());

            UiHttp.Answer refused = ui.http.delete("api/v1/registries/locked/repositories/team/app/tags/1.0");
            assertEquals(405, refused.status(), refused.body());
            assertEquals("DELETE_DISABLED", refused.errorCode());
            assertTrue(refused.errorMessage().contains("does not allow deletes"), refused.body());
            assertEquals(2, ui.http.get("api/v1/registries/locked/repositories/team/app/tags").json().path("total").asInt());

            UiHttp.Answer deleted = ui.http.delete("api/v1/registries/open/repositories/team/app/tags/1.0");
            assertEquals(200, deleted.status(), deleted.body());
            assertEquals("stable", deleted.json().path("otherTags").get(0).asText());
            assertEquals(0, ui.http.get("api/v1/registries/open/repositories/team/app/tags").json().path("total").asInt());
        }
    }

    @Test
    void afterARestartTheSavedRegistriesAreTestedWithoutBeingAsked(@TempDir Path dir) throws Exception {
        try (EmbeddedRegistry up = EmbeddedRegistry.builder().start()) {
            int gone;
            try (EmbeddedRegistry stopped = EmbeddedRegistry.builder().start()) {
                gone = stopped.port();
            }
            try (UiFixture ui = UiFixture.start(dir.resolve("ui"))) {
                assertEquals(201, ui.http.post("api/v1/registries", Map.of("name", "up", "url", up.baseUri().toString())).status());
                assertEquals(201, ui.http.post("api/v1/registries", Map.of("name", "down",
                        "url", "http://127.0.0.1:" + gone)).status());
            }
            try (UiFixture restarted = UiFixture.start(dir.resolve("ui"))) {
                JsonNode list = null;
                for (long until = System.nanoTime() + 20_000_000_000L; System.nanoTime() < until; Thread.sleep(50)) {
                    list = restarted.http.get("api/v1/registries").json();
                    if (!list.findValues("status").stream().anyMatch(JsonNode::isNull)) {
                        break;
                    }
                }
                Map<String, JsonNode> byName = new java.util.HashMap<>();
                list.path("registries").forEach(r -> byName.put(r.path("name").asText(), r.path("status")));
                assertTrue(byName.get("up").path("ok").asBoolean(), list.toString());
                assertEquals("REFUSED", byName.get("down").path("failure").asText(), list.toString());
            }
        }
    }

    // bench/ui: a detail opened first walked every other tag (one HEAD each, 4 s for 2,000). Past WALKED_TAGS it
    // answers without them and the delete dialog asks for them with ?otherTags=read.
    @Test
    void aDetailOfARepositoryWithManyTagsLeavesItsOtherTagsToTheDeleteDialog(@TempDir Path dir) throws Exception {
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder().start();
             UiFixture ui = UiFixture.start(dir.resolve("ui"))) {
            OciLayoutImage image = OciLayoutImage.write(dir.resolve("img"), "1.0", "many tags");
            Skopeo.run("copy", "--dest-tls-verify=false", image.skopeoName(), "docker://" + registry.hostPort() + "/team/app:1.0");
            try (dev.berth.client.RegistryClient client = dev.berth.client.RegistryClient.builder(registry.hostPort()).build()) {
                dev.berth.model.manifest.Manifest manifest = client.getManifest("team/app", "1.0");
                java.util.List<String> tags = new java.util.ArrayList<>();
                for (int i = 0; i <= BrowseApi.WALKED_TAGS; i++) {
                    tags.add("v" + i);
                }
                client.pushManifest("team/app", manifest, tags);
            }
            ui.http.post("api/v1/registries", Map.of("name", "r", "url", registry.baseUri().toString()));

            JsonNode detail = ui.http.get("api/v1/registries/r/repositories/team/app/tags/1.0").json();
            assertTrue(detail.path("otherTags").isNull(), "not walked: " + detail.path("otherTags"));
            JsonNode asked = ui.http.get("api/v1/registries/r/repositories/team/app/tags/1.0?otherTags=read").json();
            assertEquals(BrowseApi.WALKED_TAGS + 1, asked.path("otherTags").size(), asked.path("otherTags").toString());
            assertTrue(asked.path("cached").asBoolean(), "the rest of the detail came from the cache");
        }
    }
}
