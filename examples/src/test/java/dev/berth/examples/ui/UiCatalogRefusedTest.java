package dev.berth.examples.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.auth.Scope;
import dev.berth.server.auth.Authorizer;
import dev.berth.server.auth.Htpasswd;
import dev.berth.server.auth.SigningKey;
import dev.berth.server.auth.TokenEndpoint;
import dev.berth.server.auth.TokenEndpointServer;
import dev.berth.server.auth.TokenIssuer;
import dev.berth.testsupport.DistributionRegistry;
import dev.berth.testsupport.OciLayoutImage;
import dev.berth.testsupport.Skopeo;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry that refuses {@code _catalog} as Docker Hub does: distribution 2.8 with token auth whose issuer grants
 * repository scopes but never {@code registry:catalog:*}. The UI says the catalog is unavailable, and a repository
 * opened by its name still lists its tags.
 */
class UiCatalogRefusedTest {

    @Test
    void aRefusedCatalogIsExplainedAndRepositoriesOpenByName(@TempDir Path dir) throws Exception {
        Path htpasswd = dir.resolve("htpasswd");
        Files.writeString(htpasswd, Htpasswd.line("alice", "alice-pw") + "\n");
        SigningKey key = SigningKey.generate("ES256", "ui test issuer", Duration.ofDays(1));
        Path rootCerts = dir.resolve("root.pem");
        Files.writeString(rootCerts, key.certificatePem());
        Authorizer noCatalog = (subject, scope) -> scope.type().equals(Scope.CATALOG.type()) || subject.isEmpty()
                ? Set.of() : scope.actions();
        TokenEndpoint endpoint = new TokenEndpoint(new TokenIssuer("ui-issuer", key, Duration.ofMinutes(5), Clock.systemUTC()),
                "ui-registry", Htpasswd.load(htpasswd), noCatalog);
        try (TokenEndpointServer tokens = TokenEndpointServer.start(endpoint, new InetSocketAddress("127.0.0.1", 0), "/token");
             DistributionRegistry registry = DistributionRegistry.builder(dir.resolve("registry"))
                     .token(tokens.uri().toString(), "ui-registry", "ui-issuer", rootCerts).start();
             UiFixture ui = UiFixture.start(dir.resolve("ui"))) {
            OciLayoutImage image = OciLayoutImage.write(dir.resolve("img"), "1.0", "hub-like");
            Skopeo.run("copy", "--dest-tls-verify=false", "--dest-creds", "alice:alice-pw", image.skopeoName(),
                    "docker://" + registry.hostPort() + "/library/app:1.0");
            UiHttp.Answer added = ui.http.post("api/v1/registries", Map.of("name", "hub-like", "url", registry.baseUrl(),
                    "username", "alice", "password", "alice-pw"));
            assertTrue(added.json().path("test").path("ok").asBoolean(), added.body());

            UiHttp.Answer repos = ui.http.get("api/v1/registries/hub-like/repositories");
            assertEquals(200, repos.status(), repos.body());
            JsonNode r = repos.json();
            assertFalse(r.path("catalogAvailable").asBoolean(), r.toString());
            assertEquals(0, r.path("total").asInt());
            assertEquals(0, r.path("items").size());
            assertTrue(r.path("message").asText().contains("does not list its repositories"), r.toString());

            JsonNode tags = ui.http.get("api/v1/registries/hub-like/repositories/library/app/tags").json();
            assertEquals("1.0", tags.path("items").get(0).path("name").asText(), tags.toString());
        }
    }
}
