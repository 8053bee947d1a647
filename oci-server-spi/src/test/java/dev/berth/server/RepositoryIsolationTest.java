package dev.berth.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.auth.Scope;
import dev.berth.server.auth.SigningKey;
import dev.berth.server.auth.TokenIssuer;
import dev.berth.server.auth.TokenVerifier;
import dev.berth.model.Digest;
import dev.berth.testsupport.DistributionRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What one repository's caller can reach of another's: upload sessions and
 * mounts, without authentication and with tokens, against distribution 2.8
 * where it behaves the same.
 */
class RepositoryIsolationTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ISSUER = "isolation-issuer";
    private static final String SERVICE = "isolation-registry";

    @TempDir
    Path dir;

    private static HttpResponse<byte[]> send(String method, String url, byte[] body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            b.header("Content-Type", "application/octet-stream");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String code(HttpResponse<byte[]> r) throws Exception {
        return r.body().length == 0 ? "" : JSON.readTree(r.body()).at("/errors/0/code").asText();
    }

    private static String absolute(String base, HttpResponse<byte[]> r) {
        String location = r.headers().firstValue("Location").orElseThrow();
        return location.startsWith("http") ? location : base + location;
    }

    private static String withDigest(String url, Digest d) {
        return url + (url.contains("?") ? "&" : "?") + "digest=" + d;
    }

    /** The status and error code of each attempt on repository a's session through repository b's path. */
    private static Map<String, String> tryOtherRepository(String base, String token) throws Exception {
        byte[] content = "session content".getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> start = send("POST", base + "/v2/team/a/blobs/uploads/", null, token);
        assertEquals(202, start.statusCode());
        String inA = absolute(base, start);
        String inB = inA.replace("/v2/team/a/", "/v2/team/b/");
        Map<String, String> seen = new HashMap<>();
        HttpResponse<byte[]> get = send("GET", inB, null, token);
        seen.put("GET", get.statusCode() + " " + code(get));
        HttpResponse<byte[]> patch = send("PATCH", inB, content, token);
        seen.put("PATCH", patch.statusCode() + " " + code(patch));
        HttpResponse<byte[]> put = send("PUT", withDigest(inB, Digest.sha256(content)), content, token);
        seen.put("PUT", put.statusCode() + " " + code(put));
        HttpResponse<byte[]> delete = send("DELETE", inB, null, token);
        seen.put("DELETE", delete.statusCode() + " " + code(delete));
        // Nothing of that reached a's session or b: it still finishes, in a only.
        HttpResponse<byte[]> done = send("PUT", withDigest(inA, Digest.sha256(content)), content, token);
        seen.put("finish in a", Integer.toString(done.statusCode()));
        seen.put("in b", Integer.toString(send("HEAD", base + "/v2/team/b/blobs/" + Digest.sha256(content), null, token).statusCode()));
        return seen;
    }

    @Test
    void anUploadSessionIsUnknownThroughAnotherRepository() throws Exception {
        try (DistributionRegistry distribution = DistributionRegistry.builder(dir.resolve("d")).start();
             EmbeddedRegistry berth = EmbeddedRegistry.builder().start()) {
            Map<String, String> theirs = tryOtherRepository(distribution.baseUrl(), null);
            Map<String, String> ours = tryOtherRepository(berth.baseUri().toString(), null);
            for (String method : List.of("GET", "PATCH", "PUT", "DELETE")) {
                assertEquals("404 BLOB_UPLOAD_INVALID", theirs.get(method), "distribution 2.8, " + method);
                assertEquals("404 BLOB_UPLOAD_UNKNOWN", ours.get(method), method + ": the session is not b's (the spec's code)");
            }
            assertEquals("201", theirs.get("finish in a"));
            assertEquals("201", ours.get("finish in a"));
            assertEquals("404", theirs.get("in b"));
            assertEquals("404", ours.get("in b"));
        }
    }

    /** Berth with token authentication, and tokens issued directly. */
    private static final class TokenRegistry implements AutoCloseable {
        final TokenIssuer issuer;
        final EmbeddedRegistry registry;
        final String base;

        TokenRegistry(boolean automaticCrossMount) {
            SigningKey key = SigningKey.generate("ES256", "isolation", Duration.ofDays(1));
            issuer = new TokenIssuer(ISSUER, key, Duration.ofMinutes(5), Clock.systemUTC());
            registry = EmbeddedRegistry.builder().automaticCrossMount(automaticCrossMount)
                    .tokenAuth(new TokenAuth("http://127.0.0.1:9/token", SERVICE,
                            new TokenVerifier(ISSUER, SERVICE, key.publicKey(), Clock.systemUTC()))).start();
            base = registry.baseUri().toString();
        }

        String token(Scope... scopes) {
            return issuer.issue("someone", SERVICE, List.of(scopes)).token();
        }

        @Override
        public void close() {
            registry.close();
        }
    }

    @Test
    void aTokenForBothRepositoriesStillCannotUseOnesSessionThroughTheOther() throws Exception {
        try (TokenRegistry berth = new TokenRegistry(false)) {
            String both = berth.token(Scope.push("team/a"), Scope.push("team/b"));
            Map<String, String> seen = tryOtherRepository(berth.base, both);
            for (String method : List.of("GET", "PATCH", "PUT", "DELETE")) {
                assertEquals("404 BLOB_UPLOAD_UNKNOWN", seen.get(method), method);
            }
            assertEquals("201", seen.get("finish in a"));
            assertEquals("404", seen.get("in b"));
        }
    }

    private static Digest pushToA(TokenRegistry berth, String content) throws Exception {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        Digest d = Digest.sha256(bytes);
        HttpResponse<byte[]> r = send("POST", withDigest(berth.base + "/v2/team/a/blobs/uploads/", d), bytes,
                berth.token(Scope.push("team/a")));
        assertEquals(201, r.statusCode());
        return d;
    }

    @Test
    void aMountWithoutFromNeverLinksWhatTheCallerCouldNotPull() throws Exception {
        for (boolean automatic : new boolean[] {false, true}) {
            try (TokenRegistry berth = new TokenRegistry(automatic)) {
                Digest secret = pushToA(berth, "a's secret layer " + automatic);
                String onlyB = berth.token(Scope.push("team/b"));
                HttpResponse<byte[]> mount = send("POST", berth.base + "/v2/team/b/blobs/uploads/?mount=" + secret, null, onlyB);
                assertEquals(202, mount.statusCode(), "automatic cross-mount " + automatic + ": upload it yourself");
                assertEquals(404, send("GET", berth.base + "/v2/team/b/blobs/" + secret, null, onlyB).statusCode(),
                        "nothing of a became readable through b");
                HttpResponse<byte[]> named = send("POST", berth.base + "/v2/team/b/blobs/uploads/?mount=" + secret + "&from=team/a",
                        null, onlyB);
                assertEquals(202, named.statusCode(), "naming a does not help either");
                assertEquals(404, send("HEAD", berth.base + "/v2/team/b/blobs/" + secret, null, onlyB).statusCode());
            }
        }
    }

    @Test
    void automaticCrossMountLinksFromARepositoryTheCallerMayPull() throws Exception {
        try (TokenRegistry off = new TokenRegistry(false); TokenRegistry on = new TokenRegistry(true)) {
            for (TokenRegistry berth : List.of(off, on)) {
                Digest shared = pushToA(berth, "shared layer");
                String pullAPushB = berth.token(Scope.pull("team/a"), Scope.push("team/b"));
                HttpResponse<byte[]> mount = send("POST", berth.base + "/v2/team/b/blobs/uploads/?mount=" + shared, null, pullAPushB);
                boolean automatic = berth == on;
                assertEquals(automatic ? 201 : 202, mount.statusCode(), "automatic cross-mount " + automatic);
                assertEquals(automatic ? 200 : 404, send("HEAD", berth.base + "/v2/team/b/blobs/" + shared, null, pullAPushB)
                        .statusCode());
            }
        }
    }

    @Test
    void distributionAlsoUploadsWhenAMountHasNoFrom() throws Exception {
        Path certs = dir.resolve("root.pem");
        SigningKey key = SigningKey.generate("RS256", "isolation", Duration.ofDays(1));
        Files.writeString(certs, key.certificatePem());
        TokenIssuer issuer = new TokenIssuer(ISSUER, key, Duration.ofMinutes(5), Clock.systemUTC());
        try (DistributionRegistry distribution = DistributionRegistry.builder(dir.resolve("d"))
                .token("http://127.0.0.1:9/token", SERVICE, ISSUER, certs).start()) {
            String base = distribution.baseUrl();
            byte[] bytes = "a's layer".getBytes(StandardCharsets.UTF_8);
            String a = issuer.issue("someone", SERVICE, List.of(Scope.push("team/a"))).token();
            HttpResponse<byte[]> start = send("POST", base + "/v2/team/a/blobs/uploads/", null, a);
            assertEquals(201, send("PUT", withDigest(absolute(base, start), Digest.sha256(bytes)), bytes, a).statusCode());
            String onlyB = issuer.issue("someone", SERVICE, List.of(Scope.push("team/b"))).token();
            assertEquals(202, send("POST", base + "/v2/team/b/blobs/uploads/?mount=" + Digest.sha256(bytes), null, onlyB).statusCode());
            assertEquals(404, send("HEAD", base + "/v2/team/b/blobs/" + Digest.sha256(bytes), null, onlyB).statusCode());
        }
    }
}
