package dev.berth.examples.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.examples.ui.UiServer;
import dev.berth.auth.Scope;
import dev.berth.server.auth.Authorizer;
import dev.berth.server.auth.Htpasswd;
import dev.berth.server.auth.SigningKey;
import dev.berth.server.auth.TokenEndpoint;
import dev.berth.server.auth.TokenEndpointServer;
import dev.berth.server.auth.TokenIssuer;
import dev.berth.testsupport.DistributionRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page of {@code berth ui} in a real headless Chromium, used as its users use it, against
 * the two registries it is built for: distribution 2.8 with htpasswd, deletes enabled and its
 * notifications pointed at the UI, and {@code berth serve} notifying KubeDash's route; both
 * filled by skopeo. Through the page only: add the registry in the form, browse, filter,
 * sort tags by version, open a detail with its SBOM referrer and push events, delete a tag
 * and see it gone; then search across both registries and read the audit log.
 *
 * <p>An IT (failsafe) because {@code berth serve} runs from the packaged launcher jar and
 * because a browser session with two registries takes tens of seconds. It writes a
 * screenshot of each view to {@code target/screenshots}, or to the directory named by
 * {@code -Dberth.screenshots=DIR} (the README's are made with {@code ../docs/screenshots}).
 */
class BerthUiBrowserIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Events reach the UI through the registries' notification queues; the page polls for them. */
    private static final Duration EVENT_WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private WebDriver driver;
    private WebDriverWait wait;
    private URI page;
    private Path screenshots;

    @BeforeEach
    void screenshotsDirectory() throws IOException {
        screenshots = Files.createDirectories(
                Path.of(System.getProperty("berth.screenshots", "target/screenshots")).toAbsolutePath());
    }

    @Test
    void addBrowseSortInspectAndDeleteOnDistributionAndBerthServe() throws Exception {
        Path htpasswd = dir.resolve("htpasswd");
        Files.writeString(htpasswd, Htpasswd.line("alice", "alice-secret") + "\n");

        UiServer ui = UiServer.builder()
                .address(new InetSocketAddress("127.0.0.1", 0))
                .configDir(dir.resolve("ui"))
                .build();
        ui.start();
        try (DistributionRegistry distribution = DistributionRegistry.builder(dir.resolve("distribution"))
                     .htpasswd(htpasswd)
                     .notifications(ui.uri().resolve("/api/v1/events?registry=dist"), null)
                     .start();
             BerthServe serve = BerthServe.start("--storage", dir.resolve("serve").toString(),
                     "--notify", ui.uri().resolve("/plugins/registry/events?registry=serve").toString());
             HeadlessChromium chromium = HeadlessChromium.start(1280, 900)) {
            driver = chromium.driver();
            wait = new WebDriverWait(driver, WAIT);
            wait.ignoring(StaleElementReferenceException.class).ignoring(NoSuchElementException.class);
            page = ui.uri();

            try {
                SampleImages distImages = SampleImages.write(dir.resolve("images-dist"), "dist");
                scenario("dist", distribution.hostPort(), "alice", "alice-secret", distImages, true);
                // berth serve's images are promoted into distribution through the page.
                SampleImages serveImages = SampleImages.write(dir.resolve("images-serve"), "serve");
                scenario("serve", serve.hostPort(), null, null, serveImages, false);
                promote("serve", "1.2.0", "dist", "promoted/app");

                searchAcrossBothRegistries();
                auditLogNamesWhatWasDone();
            } catch (Throwable t) {
                dumpPage("failure-scenario");
                throw t;
            }
        } finally {
            ui.close();
        }
    }

    /**
     * Beyond loopback admin actions need a login: the page asks for it before the form, refuses a wrong
     * password, and then goes on to the form. A registry nothing listens for is saved with the failure kind
     * shown in the form and in the list, and removed after a confirmation.
     */
    @Test
    void signInThenAnUnreachableRegistryShowsWhyAndIsRemovedAfterAConfirmation() throws Exception {
        UiServer ui = UiServer.builder()
                .address(new InetSocketAddress("127.0.0.1", 0))
                .configDir(dir.resolve("ui"))
                .loginRequired(true)
                .adminPassword("admin-secret-pw")
                .build();
        ui.start();
        try (HeadlessChromium chromium = HeadlessChromium.start(1280, 900)) {
            driver = chromium.driver();
            wait = new WebDriverWait(driver, WAIT);
            wait.ignoring(StaleElementReferenceException.class).ignoring(NoSuchElementException.class);
            page = ui.uri();
            try {
                driver.get(page.resolve("/#/registries").toString());
                byTest("login-open");
                assertEquals("Read only: sign in to make changes", text("session-user"));
                click(By.cssSelector("[data-test=\'registry-add\']"));
                WebElement login = waitFor(By.cssSelector("[data-test='login-dialog'][open]"));
                login.findElement(By.cssSelector("[data-test='login-username']")).sendKeys("admin");
                login.findElement(By.cssSelector("[data-test='login-password']")).sendKeys("not-the-password");
                login.findElement(By.cssSelector("[data-test='login-submit']")).click();
                wait.until(d -> text("login-error").equals("Wrong username or password."));
                WebElement password = login.findElement(By.cssSelector("[data-test='login-password']"));
                password.clear();
                password.sendKeys("admin-secret-pw");
                login.findElement(By.cssSelector("[data-test='login-submit']")).click();
                waitFor(By.cssSelector("[data-test='registry-dialog'][open]"));
                assertEquals("Signed in as admin", text("session-user"));

                int closedPort = DistributionRegistry.freePort();
                byTest("registry-name").sendKeys("gone");
                byTest("registry-host").sendKeys("http://127.0.0.1:" + closedPort);
                click(By.cssSelector("[data-test=\'registry-save\']"));
                wait.until(d -> text("registry-test-failure").contains("[REFUSED]"));
                assertTrue(text("registry-form-result").startsWith("Saved, but the connection test failed"));
                screenshot("registry-form");
                click(By.cssSelector("[data-test=\'registry-cancel\']"));
                wait.until(d -> "fail".equals(status("gone")));
                assertTrue(text("registry-status-failure").contains("REFUSED"), text("registry-status-failure"));
                assertTrue(text("registry-cell-url").equals("http://127.0.0.1:" + closedPort), text("registry-cell-url"));

                click(By.cssSelector("[data-test=\'registry-remove\']"));
                WebElement confirm = waitFor(By.cssSelector("[data-test='confirm-dialog'][open]"));
                assertEquals("Remove registry gone?", text("confirm-title"));
                confirm.findElement(By.cssSelector("[data-test='confirm-ok']")).click();
                wait.until(d -> text("flash").startsWith("Removed registry gone"));
                waitFor(By.cssSelector("[data-test='registries-empty']"));

                click(By.cssSelector("[data-test=\'logout\']"));
                byTest("login-open");
            } catch (Throwable t) {
                dumpPage("failure-login");
                throw t;
            }
        } finally {
            ui.close();
        }
    }

    /**
     * A registry that refuses {@code _catalog} as Docker Hub does (distribution 2.8 with token auth whose issuer
     * never grants {@code registry:catalog:*}): the page says so and opens a repository by its name instead. A
     * registry with deletes off ({@code berth serve --config} without {@code storage.delete.enabled}, distribution's
     * default): the delete dialog explains the refusal and the tag stays.
     */
    @Test
    void aRefusedCatalogAndDeletesOffAreExplained() throws Exception {
        Path htpasswd = Files.writeString(dir.resolve("htpasswd"), Htpasswd.line("alice", "alice-secret") + "\n");
        SigningKey key = SigningKey.generate("ES256", "browser test issuer", Duration.ofDays(1));
        Path rootCerts = Files.writeString(dir.resolve("root.pem"), key.certificatePem());
        Authorizer noCatalog = (subject, scope) -> scope.type().equals(Scope.CATALOG.type()) || subject.isEmpty()
                ? Set.of() : scope.actions();
        TokenEndpoint endpoint = new TokenEndpoint(new TokenIssuer("browser-issuer", key, Duration.ofMinutes(5),
                Clock.systemUTC()), "browser-registry", Htpasswd.load(htpasswd), noCatalog);
        Path config = Files.writeString(dir.resolve("config.yml"), """
                version: 0.1
                storage:
                  filesystem:
                    rootdirectory: %s
                auth:
                  htpasswd:
                    realm: berth
                    path: %s
                """.formatted(dir.resolve("data"), htpasswd));
        UiServer ui = UiServer.builder()
                .address(new InetSocketAddress("127.0.0.1", 0))
                .configDir(dir.resolve("ui"))
                .build();
        ui.start();
        try (TokenEndpointServer tokens = TokenEndpointServer.start(endpoint, new InetSocketAddress("127.0.0.1", 0), "/token");
             DistributionRegistry hubLike = DistributionRegistry.builder(dir.resolve("hub-like"))
                     .token(tokens.uri().toString(), "browser-registry", "browser-issuer", rootCerts).start();
             BerthServe noDeletes = BerthServe.start("--config", config.toString());
             HeadlessChromium chromium = HeadlessChromium.start(1280, 900)) {
            SampleImages.write(dir.resolve("images-hub"), "hub").push(hubLike.hostPort(), "alice:alice-secret");
            SampleImages images = SampleImages.write(dir.resolve("images-locked"), "locked");
            images.push(noDeletes.hostPort(), "alice:alice-secret");
            driver = chromium.driver();
            wait = new WebDriverWait(driver, WAIT);
            wait.ignoring(StaleElementReferenceException.class).ignoring(NoSuchElementException.class);
            page = ui.uri();
            try {
                driver.get(page.resolve("/#/registries").toString());
                addRegistryThroughTheForm("hub-like", hubLike.hostPort(), "alice", "alice-secret");
                click(By.cssSelector("[data-test='registry-row'][data-name='hub-like'] [data-test='registry-link']"));
                wait.until(d -> text("catalog-unsupported").contains("does not list its repositories"));
                screenshot("catalog-refused");
                byTest("repo-by-name").sendKeys("team/app");
                click(By.cssSelector("[data-test=\'repo-by-name-open\']"));
                wait.until(d -> semverTags().size() == 3);

                click(By.cssSelector("[data-test=\'nav-registries\']"));
                addRegistryThroughTheForm("no-deletes", noDeletes.hostPort(), "alice", "alice-secret");
                click(By.cssSelector("[data-test='registry-row'][data-name='no-deletes'] [data-test='registry-link']"));
                click(By.linkText("team/app"));
                wait.until(d -> semverTags().size() == 3);
                click(By.cssSelector("[data-test='tag-row'][data-tag='1.2.0'] [data-test='tag-delete']"));
                WebElement dialog = waitFor(By.cssSelector("[data-test='delete-dialog'][open]"));
                String digest = images.digest("1.2.0").toString();
                wait.until(d -> digest.equals(text("delete-digest")));
                byTest("delete-no-other-tags");
                dialog.findElement(By.cssSelector("[data-test='delete-confirm']")).click();
                new WebDriverWait(driver, WAIT).withMessage(() -> "the refusal explained: " + text("delete-error"))
                        .until(d -> text("delete-disabled").startsWith("This registry does not allow deletes."));
                screenshot("delete-disabled");
                dialog.findElement(By.cssSelector("[data-test='delete-cancel']")).click();
                click(By.cssSelector("[data-test=\'tag-refresh\']"));
                wait.until(d -> semverTags().contains("1.2.0"));
            } catch (Throwable t) {
                dumpPage("failure-refusals");
                throw t;
            }
        } finally {
            ui.close();
        }
    }

    /** One registry from the form to a deleted tag. */
    private void scenario(String name, String hostPort, String user, String password, SampleImages images,
                          boolean takeScreenshots) throws Exception {
        driver.get(page.resolve("/#/registries").toString());
        addRegistryThroughTheForm(name, hostPort, user, password);
        images.push(hostPort, user == null ? null : user + ":" + password);

        // Registries: the new one is connected, its password not on the page.
        driver.navigate().refresh();
        WebElement row = waitFor(By.cssSelector("[data-test='registry-row'][data-name='" + name + "']"));
        wait.until(d -> "ok".equals(status(name)));
        if (user != null) {
            assertTrue(row.findElement(By.cssSelector("[data-test='registry-cell-auth']")).getText().contains(user));
            assertFalse(driver.getPageSource().contains(password), "the password never reaches the page");
        }
        if (takeScreenshots) {
            screenshot("registries");
        }

        // Repositories: both listed, the search filters as one types, clear brings both back.
        click(By.cssSelector("[data-test='registry-row'][data-name='" + name + "'] [data-test='registry-link']"));
        wait.until(d -> texts("[data-test='repo-link']").equals(List.of("team/app", "tools/cli")));
        assertEquals("2 repositories", text("repo-count"));
        if (takeScreenshots) {
            screenshot("repositories");
        }
        byTest("repo-filter").sendKeys("app");
        wait.until(d -> texts("[data-test='repo-link']").equals(List.of("team/app")));
        wait.until(d -> text("repo-count").startsWith("1 repository"));
        click(By.cssSelector("[data-test=\'repo-filter-clear\']"));
        wait.until(d -> texts("[data-test='repo-link']").size() == 2);
        new Select(byTest("repo-sort")).selectByValue("desc");
        wait.until(d -> texts("[data-test='repo-link']").equals(List.of("tools/cli", "team/app")));

        // Tags: by name (1.10.0 before 1.2.0), then by semantic version (1.2.0, 1.9.3, 1.10.0).
        click(By.linkText("team/app"));
        wait.until(d -> semverTags().size() == 3);
        assertEquals(List.of("1.10.0", "1.2.0", "1.9.3"), semverTags(), "sorted by name");
        new Select(byTest("tag-sort")).selectByValue("semver");
        new Select(byTest("tag-order")).selectByValue("asc");
        wait.until(d -> semverTags().equals(List.of("1.2.0", "1.9.3", "1.10.0")));
        assertTrue(tagNames().contains("latest"), "latest: " + tagNames());
        String signatureTag = "sha256-" + images.digest("1.10.0").encoded() + ".sig";
        assertTrue(driver.findElement(By.cssSelector("[data-test='tag-row'][data-tag='" + signatureTag + "']")).getText()
                .contains("cosign signature"), "cosign's tag is shown for what it is");
        if (takeScreenshots) {
            screenshot("tags");
        }

        // Detail: digest, layers, config with the secret masked, build info, the SBOM referrer, the push events.
        click(By.cssSelector("[data-test='tag-row'][data-tag='1.10.0'] [data-test='tag-link']"));
        String digest = images.digest("1.10.0").toString();
        wait.until(d -> digest.equals(text("detail-digest")));
        assertEquals("team/app:1.10.0", text("detail-title"));
        assertEquals("application/vnd.oci.image.manifest.v1+json", text("detail-media-type"));
        assertEquals("2", text("detail-schema-version"));
        assertEquals(1, driver.findElements(By.cssSelector("[data-test='layer-row']")).size());
        assertTrue(text("detail-other-tags").contains("latest"), text("detail-other-tags"));
        assertEquals("app", text("config-user"));
        assertTrue(text("config-entrypoint").contains("/app/bin/server"), text("config-entrypoint"));
        assertTrue(text("config-ports").contains("8080/tcp"), text("config-ports"));
        assertFalse(driver.getPageSource().contains("not-for-the-page"), "the secret-looking variable is masked");
        assertTrue(text("build-facts").contains("docker.io/library/alpine:3.20"), text("build-facts"));
        assertTrue(text("build-facts").contains("https://example.com/team/app"), text("build-facts"));
        WebElement hostileLabel = byTest("config-labels").findElement(By.cssSelector("tr[data-key='org.example.note'] td"));
        assertEquals(SampleImages.HOSTILE_LABEL, hostileLabel.getText(), "a label is shown as text");
        assertTrue(hostileLabel.findElements(By.tagName("img")).isEmpty(), "a label never becomes markup");
        wait.until(d -> !d.findElements(By.cssSelector("[data-test='referrer-row'][data-kind='sbom']")).isEmpty());
        WebElement sbom = driver.findElement(By.cssSelector("[data-test='referrer-row'][data-kind='sbom']"));
        assertEquals(images.sbomDigest().toString(), sbom.findElement(By.cssSelector("code.digest")).getAttribute("title"));
        assertTrue(sbom.getText().contains("application/spdx+json"), sbom.getText());
        assertEquals(String.valueOf(SampleImages.SBOM_PACKAGES), text("sbom-packages"));
        WebElement signature = driver.findElement(By.cssSelector("[data-test='referrer-row'][data-kind='signature']"));
        assertEquals("cosign tag sha256-" + digest.substring("sha256:".length()) + ".sig",
                signature.findElement(By.cssSelector("[data-test='referrer-tag']")).getText(), "found at its cosign tag");
        new WebDriverWait(driver, EVENT_WAIT).ignoring(StaleElementReferenceException.class)
                .withMessage("the push event of team/app:1.10.0 on " + name)
                .until(d -> !pushEvents("1.10.0").isEmpty());
        WebElement push = pushEvents("1.10.0").get(0);
        assertEquals(user == null ? "—" : user, push.findElement(By.cssSelector("[data-test='event-actor']")).getText());
        assertTrue(push.findElement(By.cssSelector("[data-test='event-source']")).getText().startsWith("127.0.0.1"),
                push.getText());
        assertTrue(driver.findElements(By.cssSelector("[data-test='event-row']")).stream()
                .allMatch(r -> "1.10.0".equals(r.getAttribute("data-tag"))), "the detail shows its tag's events");
        if (takeScreenshots) {
            fullPageScreenshot("detail");
            scrollTo(byTest("events"));
            screenshot("events");
        }

        // Delete: the dialog names the image and the tag that goes with it; then the tags are gone.
        click(By.cssSelector("[data-test=\'detail-delete\']"));
        WebElement dialog = waitFor(By.cssSelector("[data-test='delete-dialog'][open]"));
        wait.until(d -> digest.equals(text("delete-digest")));
        assertEquals("team/app:1.10.0", text("delete-image"));
        assertEquals(name, text("delete-registry"));
        wait.until(d -> texts("[data-test='delete-other-tag']").equals(List.of("team/app:latest")));
        if (takeScreenshots) {
            screenshot("delete");
        }
        dialog.findElement(By.cssSelector("[data-test='delete-confirm']")).click();
        wait.until(ExpectedConditions.invisibilityOf(dialog));
        wait.until(d -> text("flash").startsWith("Deleted team/app:1.10.0"));
        wait.until(d -> semverTags().equals(List.of("1.2.0", "1.9.3")));
        assertFalse(tagNames().contains("latest"), "latest went with 1.10.0's manifest: " + tagNames());
        assertFalse(tagNames().contains("1.10.0"), tagNames().toString());
    }

    /** The pull / promote dialog copies a tag into another configured registry, its progress bar full at the end. */
    private void promote(String from, String tag, String to, String repository) {
        click(By.cssSelector("[data-test='tag-row'][data-tag='" + tag + "'] [data-test='tag-link']"));
        wait.until(d -> text("detail-title").equals("team/app:" + tag));
        click(By.cssSelector("[data-test=\'detail-pull\']"));
        waitFor(By.cssSelector("[data-test='pull-dialog'][open]"));
        assertEquals(from + "/team/app:" + tag, text("pull-source"));
        new Select(byTest("pull-target-registry")).selectByValue(to);
        WebElement target = byTest("pull-target-repo");
        target.clear();
        target.sendKeys(repository);
        click(By.cssSelector("[data-test=\'pull-start\']"));
        new WebDriverWait(driver, WAIT).withMessage(() -> "the copy finished: " + text("pull-status"))
                .until(d -> "done".equals(byTest("pull-status").getAttribute("data-state")));
        assertTrue(text("pull-status").startsWith("Copied to " + to + "/" + repository + ":" + tag), text("pull-status"));
        WebElement bar = byTest("pull-progress");
        assertEquals(bar.getAttribute("max"), bar.getAttribute("value"), "the progress bar is full");
        screenshot("pull");
        click(By.cssSelector("[data-test=\'pull-close\']"));

        driver.get(page.resolve("/#/registries/" + to).toString());
        click(By.cssSelector("[data-test=\'repo-refresh\']")); // the list of this registry was cached before the copy
        wait.until(d -> texts("[data-test='repo-link']").contains(repository));
        click(By.linkText(repository));
        wait.until(d -> tagNames().equals(List.of(tag)));
    }

    private void addRegistryThroughTheForm(String name, String hostPort, String user, String password) {
        click(By.cssSelector("[data-test=\'registry-add\']"));
        waitFor(By.cssSelector("[data-test='registry-dialog'][open]"));
        byTest("registry-name").sendKeys(name);
        byTest("registry-host").sendKeys("127.0.0.1");
        WebElement tls = byTest("registry-tls");
        if (tls.isSelected()) {
            tls.click();
        }
        WebElement port = byTest("registry-port");
        port.clear();
        port.sendKeys(hostPort.substring(hostPort.lastIndexOf(':') + 1));
        if (user != null) {
            byTest("registry-username").sendKeys(user);
            byTest("registry-password").sendKeys(password);
        }
        click(By.cssSelector("[data-test=\'registry-save\']"));
        new WebDriverWait(driver, WAIT).withMessage(() -> "the registry form closed after a good connection test: "
                        + driver.findElements(By.cssSelector("[data-test='registry-form-result'],[data-test='registry-form-error']"))
                        .stream().map(WebElement::getText).collect(Collectors.joining(" / ")))
                .until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[data-test='registry-dialog'][open]")));
        wait.until(d -> text("flash").startsWith("Saved " + name + ": connected"));
    }

    private void searchAcrossBothRegistries() {
        click(By.cssSelector("[data-test=\'nav-search\']"));
        WebElement query = waitFor(By.cssSelector("[data-test='search-query']"));
        query.sendKeys("app");
        click(By.cssSelector("[data-test=\'search-submit\']"));
        wait.until(d -> searchHits().equals(List.of("dist promoted/app", "dist team/app", "serve team/app")));
        new Select(byTest("search-registry")).selectByValue("serve");
        wait.until(d -> searchHits().equals(List.of("serve team/app")));
        screenshot("search");
    }

    private void auditLogNamesWhatWasDone() {
        click(By.cssSelector("[data-test=\'nav-audit\']"));
        wait.until(d -> d.findElements(By.cssSelector("[data-test='audit-row']")).size() >= 4);
        String log = text("audit-table");
        assertTrue(log.contains("dist") && log.contains("serve"), log);
        assertTrue(log.contains("team/app"), "the deletions are in the audit log: " + log);
        screenshot("audit");
    }

    // -------------------------------------------------------------- helpers

    /** What the page showed and logged when the test failed: target/screenshots/NAME.{png,html,log}. */
    private void dumpPage(String name) {
        try {
            screenshot(name);
            Files.writeString(screenshots.resolve(name + ".html"), driver.getPageSource());
            Files.writeString(screenshots.resolve(name + ".log"), driver.getCurrentUrl() + "\n"
                    + driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .map(Object::toString).collect(Collectors.joining("\n")));
        } catch (IOException | RuntimeException e) {
            System.err.println("could not save the failed page: " + e);
        }
    }

    private String status(String registry) {
        return driver.findElement(By.cssSelector("[data-test='registry-row'][data-name='" + registry + "'] [data-test='registry-status']"))
                .getAttribute("data-state");
    }

    private List<String> tagNames() {
        return driver.findElements(By.cssSelector("[data-test='tag-row']")).stream()
                .map(r -> r.getAttribute("data-tag")).collect(Collectors.toList());
    }

    private List<String> semverTags() {
        return tagNames().stream().filter(t -> t.matches("\\d+\\.\\d+\\.\\d+")).collect(Collectors.toList());
    }

    private List<WebElement> pushEvents(String tag) {
        return driver.findElements(By.cssSelector("[data-test='event-row'][data-action='push'][data-tag='" + tag + "']"));
    }

    private List<String> searchHits() {
        return driver.findElements(By.cssSelector("[data-test='search-result']")).stream()
                .map(r -> r.getAttribute("data-registry") + " " + r.getAttribute("data-repository"))
                .sorted().collect(Collectors.toList());
    }

    /** Clicks what {@code by} finds once it is there, again if a render replaced it before the click landed. */
    private void click(By by) {
        wait.until(d -> {
            d.findElement(by).click();
            return true;
        });
    }

    private WebElement waitFor(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private WebElement byTest(String test) {
        return waitFor(By.cssSelector("[data-test='" + test + "']"));
    }

    private String text(String test) {
        List<WebElement> found = driver.findElements(By.cssSelector("[data-test='" + test + "']"));
        return found.isEmpty() ? "" : found.get(0).getText();
    }

    private List<String> texts(String css) {
        return driver.findElements(By.cssSelector(css)).stream().map(WebElement::getText).collect(Collectors.toList());
    }

    private void scrollTo(WebElement element) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'start'});", element);
    }

    /** The whole page, as tall as its content (up to 3000 px), then the window as it was. */
    private void fullPageScreenshot(String view) {
        Dimension before = driver.manage().window().getSize();
        Number height = (Number) ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollHeight;");
        driver.manage().window().setSize(new Dimension(before.getWidth(), Math.min(3000, height.intValue() + 20)));
        try {
            screenshot(view);
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    private void screenshot(String view) {
        ((JavascriptExecutor) driver).executeScript("document.activeElement && document.activeElement.blur && "
                + "document.activeElement.tagName !== 'BODY' && document.activeElement.blur();");
        byte[] png = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        try {
            Files.write(screenshots.resolve(view + ".png"), png);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
