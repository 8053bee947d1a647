package dev.berth.examples.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin login a UI beyond loopback asks for (forced on here while listening on 127.0.0.1: tests may not bind
 * 0.0.0.0), the page's files with their content types, and hostile requests: path traversal over raw sockets and
 * another site's page posting to the UI.
 */
class UiLoginAndHostileInputTest {
    static final String TEST_PAGE = "/dev/berth/examples/ui/testpage/";

    @Test
    void changesNeedTheAdminLoginBeyondLoopback(@TempDir Path config) throws Exception {
        try (UiFixture ui = UiFixture.start(config, b -> b.loginRequired(true).adminPassword("open-sesame"))) {
            assertEquals(Map.of("loginRequired", true, "loggedIn", false),
                    Map.of("loginRequired", ui.http.get("api/v1/session").json().path("loginRequired").asBoolean(),
                            "loggedIn", ui.http.get("api/v1/session").json().path("loggedIn").asBoolean()));
            UiHttp.Answer anonymous = ui.http.post("api/v1/registries", Map.of("name", "x", "url", "localhost:1"));
            assertEquals(401, anonymous.status());
            assertEquals("UNAUTHORIZED", anonymous.errorCode());
            assertEquals(401, ui.http.delete("api/v1/registries/x").status());
            assertEquals(200, ui.http.get("api/v1/registries").status(), "browsing needs no login");
            assertEquals(202, ui.http.post("api/v1/events", UiEventsTest.envelope("e", "push", "a", "1")).status(),
                    "registries post webhooks without a session");

            UiHttp.Answer wrong = ui.http.post("api/v1/login", Map.of("username", "admin", "password", "guess"));
            assertEquals(401, wrong.status());
            UiHttp.Answer right = ui.http.post("api/v1/login", Map.of("username", "admin", "password", "open-sesame"));
            assertEquals(200, right.status(), right.body());
            assertTrue(right.setCookie().startsWith("berth_session="), right.setCookie());
            assertTrue(right.setCookie().contains("HttpOnly") && right.setCookie().contains("SameSite=Strict"));
            assertTrue(ui.http.get("api/v1/session").json().path("loggedIn").asBoolean());
            assertEquals(201, ui.http.post("api/v1/registries", Map.of("name", "x", "url", "localhost:1")).status());
            assertEquals("admin", ui.http.get("api/v1/audit").json().path("items").get(0).path("user").asText());
            assertFalse(ui.http.get("api/v1/audit").body().contains("open-sesame"));

            assertEquals(200, ui.http.post("api/v1/logout", "").status());
            assertEquals(401, ui.http.delete("api/v1/registries/x").status(), "logged out");
        }
    }

    @Test
    void aGeneratedPasswordIsKeptOwnerOnlyAndUsedAgainAfterARestart(@TempDir Path config) throws Exception {
        String generated;
        try (UiFixture ui = UiFixture.start(config, b -> b.loginRequired(true))) {
            generated = ui.server.generatedAdminPassword().orElseThrow();
            Path file = config.resolve("admin-password");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals(generated, Files.readString(file).strip());
        }
        try (UiFixture ui = UiFixture.start(config, b -> b.loginRequired(true))) {
            assertTrue(ui.server.generatedAdminPassword().isEmpty(), "shown once, on the start that made it");
            assertEquals(200, ui.http.post("api/v1/login", Map.of("username", "admin", "password", generated)).status());
        }
        try (UiFixture ui = UiFixture.start(config)) {
            assertFalse(ui.server.loginRequired(), "on loopback no login");
            assertEquals(201, ui.http.post("api/v1/registries", Map.of("name", "x", "url", "localhost:1")).status());
        }
    }

    @Test
    void thePageIsServedWithItsContentTypesAndIndexForTheRoot(@TempDir Path config) throws Exception {
        try (UiFixture ui = UiFixture.start(config, b -> b.staticRoot(TEST_PAGE))) {
            UiHttp.Answer root = ui.http.get("/");
            assertEquals(200, root.status());
            assertEquals("text/html; charset=utf-8", root.contentType());
            assertTrue(root.body().contains("test page"));
            assertEquals("text/javascript; charset=utf-8", ui.http.get("/app.js").contentType());
            assertEquals("text/css; charset=utf-8", ui.http.get("/css/app.css").contentType());
            assertEquals("application/json", ui.http.get("/data.json").contentType());
            assertEquals(404, ui.http.get("/missing.html").status());
            assertEquals(404, ui.http.get("/api/v2/registries").status());
        }
    }

    @Test
    void pathTraversalNeverLeavesThePageFolder(@TempDir Path config) throws Exception {
        try (UiFixture ui = UiFixture.start(config, b -> b.staticRoot(TEST_PAGE))) {
            URI base = ui.server.uri();
            for (String path : List.of("/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fUiServer.class",
                    "/css/../../UiServer.class", "/%2e%2e%5c%2e%2e%5cetc%5cpasswd", "/.%00./index.html",
                    "//etc/passwd", "/../ui/UiServer.class", "/dev/berth/examples/ui/UiServer.class")) {
                String answer = raw(base, "GET " + path + " HTTP/1.1\r\nHost: " + base.getAuthority()
                        + "\r\nConnection: close\r\n\r\n");
                String status = answer.substring(0, answer.indexOf("\r\n"));
                assertFalse(status.contains(" 200 "), path + " answered " + status);
                assertFalse(answer.contains("root:") || answer.contains("\u00ca\u00fe\u00ba\u00be"), path + " leaked a file");
            }
        }
    }

    @Test
    void anotherSitesPageCannotChangeAnything(@TempDir Path config) throws Exception {
        try (UiFixture ui = UiFixture.start(config)) {
            UiHttp.Answer crossSite = ui.http.send(HttpRequest.newBuilder(ui.server.uri().resolve("api/v1/registries"))
                    .header("Origin", "http://evil.example").header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\",\"url\":\"localhost:1\"}")));
            assertEquals(403, crossSite.status());
            assertEquals("FORBIDDEN", crossSite.errorCode());
            String own = ui.server.uri().toString().replaceAll("/$", "");
            UiHttp.Answer sameSite = ui.http.send(HttpRequest.newBuilder(ui.server.uri().resolve("api/v1/registries"))
                    .header("Origin", own).POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\",\"url\":\"localhost:1\"}")));
            assertEquals(201, sameSite.status(), sameSite.body());
            assertNotEquals(403, ui.http.get("api/v1/registries").status());
        }
    }

    private static String raw(URI base, String request) throws Exception {
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
