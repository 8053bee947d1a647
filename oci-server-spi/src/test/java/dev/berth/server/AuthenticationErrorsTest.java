package dev.berth.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.auth.Scope;
import dev.berth.server.auth.Htpasswd;
import dev.berth.server.auth.SigningKey;
import dev.berth.server.auth.TokenIssuer;
import dev.berth.server.auth.TokenVerifier;
import dev.berth.testsupport.DistributionRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a refused request says: the body's detail and, for HEAD, the same headers as GET; as distribution 2.8 does. */
class AuthenticationErrorsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static HttpResponse<byte[]> send(String method, String url, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonNode error(HttpResponse<byte[]> r) throws Exception {
        return JSON.readTree(r.body()).at("/errors/0");
    }

    @Test
    void aBasicChallengeCarriesTheNeededAccessAsDistributionDoesAndHeadTheSameHeaders() throws Exception {
        Path file = dir.resolve("htpasswd");
        Files.writeString(file, Htpasswd.line("alice", "alice-pw") + "\n");
        try (DistributionRegistry distribution = DistributionRegistry.builder(dir.resolve("d")).htpasswd(file).start();
             EmbeddedRegistry berth = EmbeddedRegistry.builder().authenticator(Htpasswd.load(file)).start()) {
            for (String path : List.of("/v2/team/app/tags/list", "/v2/team/app/manifests/1")) {
                HttpResponse<byte[]> theirs = send("GET", distribution.baseUrl() + path, null);
                HttpResponse<byte[]> ours = send("GET", berth.baseUri() + path, null);
                assertEquals(401, ours.statusCode());
                assertEquals(error(theirs).get("code"), error(ours).get("code"), path);
                assertEquals(error(theirs).get("detail"), error(ours).get("detail"), path + ": " + new String(ours.body()));
                HttpResponse<byte[]> head = send("HEAD", berth.baseUri() + path, null);
                assertEquals(401, head.statusCode());
                for (String h : List.of("Content-Type", "WWW-Authenticate", "Docker-Distribution-API-Version")) {
                    assertEquals(ours.headers().firstValue(h), head.headers().firstValue(h), "HEAD " + path + " " + h);
                }
                assertEquals(String.valueOf(ours.body().length), head.headers().firstValue("Content-Length").orElseThrow(),
                        "HEAD " + path + ": the length of the body a GET gets");
                HttpResponse<byte[]> theirHead = send("HEAD", distribution.baseUrl() + path, null);
                assertEquals(String.valueOf(theirs.body().length), theirHead.headers().firstValue("Content-Length").orElseThrow(),
                        "distribution does the same");
            }
            HttpResponse<byte[]> wrong = send("GET", berth.baseUri() + "/v2/team/app/tags/list",
                    "Basic " + java.util.Base64.getEncoder().encodeToString("alice:nope".getBytes()));
            assertEquals(401, wrong.statusCode());
            assertEquals("team/app", error(wrong).at("/detail/0/Name").asText());
        }
    }

    @Test
    void aRefusedTokenSaysWhyInTheBodyAndTheChallenge() throws Exception {
        SigningKey key = SigningKey.generate("ES256", "errors", Duration.ofDays(1));
        TokenIssuer issuer = new TokenIssuer("errors-issuer", key, Duration.ofMinutes(5), Clock.systemUTC());
        try (EmbeddedRegistry berth = EmbeddedRegistry.builder().tokenAuth(new TokenAuth("http://127.0.0.1:9/token", "errors",
                new TokenVerifier("errors-issuer", "errors", key.publicKey(), Clock.systemUTC()))).start()) {
            String url = berth.baseUri() + "/v2/team/app/manifests/1";
            HttpResponse<byte[]> none = send("GET", url, null);
            assertEquals(401, none.statusCode());
            assertEquals("[{\"Type\":\"repository\",\"Class\":\"\",\"Name\":\"team/app\",\"Action\":\"pull\"}]",
                    error(none).get("detail").toString());

            String otherRepo = issuer.issue("bob", "errors", List.of(Scope.pull("team/other"))).token();
            HttpResponse<byte[]> denied = send("GET", url, "Bearer " + otherRepo);
            assertEquals(401, denied.statusCode());
            assertEquals("DENIED", error(denied).get("code").asText());
            assertEquals("team/app", error(denied).at("/detail/0/Name").asText());
            String challenge = denied.headers().firstValue("WWW-Authenticate").orElseThrow();
            assertTrue(challenge.contains("error=\"insufficient_scope\"") && challenge.contains("error_description=\"the token does not"
                    + " grant repository:team/app:pull\""), challenge);

            HttpResponse<byte[]> invalid = send("HEAD", url, "Bearer not.a.jwt");
            assertEquals(401, invalid.statusCode());
            String invalidChallenge = invalid.headers().firstValue("WWW-Authenticate").orElseThrow();
            assertTrue(invalidChallenge.contains("error=\"invalid_token\"") && invalidChallenge.contains("error_description=\"invalid token"),
                    invalidChallenge);
            assertTrue(Integer.parseInt(invalid.headers().firstValue("Content-Length").orElseThrow()) > 0, "HEAD: the body's length");
        }
    }

    @Test
    void aNonBcryptLineAddedWhileServingIsNotA500() throws Exception {
        Path file = dir.resolve("htpasswd");
        Files.writeString(file, Htpasswd.line("alice", "alice-pw") + "\n");
        try (EmbeddedRegistry berth = EmbeddedRegistry.builder().authenticator(Htpasswd.load(file)).start()) {
            String alice = "Basic " + java.util.Base64.getEncoder().encodeToString("alice:alice-pw".getBytes());
            assertEquals(200, send("GET", berth.baseUri() + "/v2/", alice).statusCode());
            Files.writeString(file, "md5user:$apr1$abc$def\n", java.nio.file.StandardOpenOption.APPEND);
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(java.time.Instant.now().plusSeconds(5)));
            for (int i = 0; i < 3; i++) {
                assertEquals(200, send("GET", berth.baseUri() + "/v2/", alice).statusCode(), "the other users keep working");
                assertEquals(401, send("GET", berth.baseUri() + "/v2/", "Basic "
                        + java.util.Base64.getEncoder().encodeToString("md5user:x".getBytes())).statusCode());
            }
        }
    }
}
