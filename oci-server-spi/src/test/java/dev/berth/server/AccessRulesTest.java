package dev.berth.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.auth.Scope;
import dev.berth.model.Digest;
import dev.berth.server.auth.AccessPolicy;
import dev.berth.server.auth.Htpasswd;
import dev.berth.server.auth.SigningKey;
import dev.berth.server.auth.TokenIssuer;
import dev.berth.server.auth.TokenVerifier;
import dev.berth.testsupport.OciLayoutImage;
import dev.berth.testsupport.Skopeo;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every route of the registry as anonymous, reader, writer and admin, with an
 * access policy over htpasswd users: the status each gets, and that what a
 * refused request would have written is nowhere in the store afterwards; the
 * same policy over token subjects; skopeo as a real client.
 */
class AccessRulesTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json";
    private static final byte[] CONFIG = "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] LAYER = "seed layer".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ELSEWHERE = "a blob only other/app holds".getBytes(StandardCharsets.UTF_8);
    private static final List<String> USERS = List.of("admin", "writer", "reader", "pusher");

    // pusher's rule names push alone: push grants pull, so real clients can push with it.
    private static final AccessPolicy POLICY = AccessPolicy.builder()
            .admins("admin")
            .rule(List.of("team/**"), List.of("writer"), List.of("pull", "push", "delete"))
            .rule(List.of("team/**"), List.of("pusher"), List.of("push"))
            .rule(List.of("team/*"), List.of("reader"), List.of("pull"))
            .build();

    @TempDir
    Path dir;
    private Htpasswd users;

    @BeforeEach
    void writeUsers() throws IOException {
        Path file = dir.resolve("htpasswd");
        StringBuilder lines = new StringBuilder();
        for (String user : USERS) {
            lines.append(Htpasswd.line(user, user + "-pw")).append('\n');
        }
        Files.writeString(file, lines);
        users = Htpasswd.load(file);
    }

    private static String basic(String user) {
        return user == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((user + ":" + user + "-pw").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyRouteAsAnonymousReaderWriterAndAdmin() throws Exception {
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder().authenticator(users).accessPolicy(POLICY).start()) {
            Api admin = new Api(registry, basic("admin"));
            seed(admin);

            Map<String, String> anonymous = walk(registry, null, "anonymous");
            assertEquals(expected("401 UNAUTHORIZED", "401 UNAUTHORIZED", "401 UNAUTHORIZED", "401 UNAUTHORIZED"), anonymous);
            Map<String, String> reader = walk(registry, "reader", "reader");
            assertEquals(expected("200", "204", "403 DENIED", "403 DENIED"), reader);
            Map<String, String> writer = walk(registry, "writer", "writer");
            assertEquals(expected("200", "204", "2xx", "202"), writer, "writer: a mount from a repository it may not pull is an upload");
            Map<String, String> everything = walk(registry, "admin", "admin");
            assertEquals(expected("200", "204", "2xx", "201"), everything);
        }
    }

    @Test
    void anonymousRequestsMayDoThePolicysAnonymousActionsAndAreAskedToSignInForTheRest() throws Exception {
        AccessPolicy open = AccessPolicy.builder().admins("admin").anonymous("pull").build();
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder().authenticator(users).accessPolicy(open).start()) {
            seed(new Api(registry, basic("admin")));
            Map<String, String> anonymous = walk(registry, null, "anonymous");
            assertEquals(expected("200", "204", "401 UNAUTHORIZED", "401 UNAUTHORIZED"), anonymous);
            Api nobody = new Api(registry, null);
            assertEquals(List.of("other/app", "team/app"), nobody.catalog(), "anonymous may pull everything, so it sees everything");
            HttpResponse<byte[]> refused = nobody.send("POST", "/v2/team/app/blobs/uploads/", new byte[0]);
            assertEquals("Basic realm=\"berth\"", refused.headers().firstValue("WWW-Authenticate").orElseThrow());
            HttpResponse<byte[]> wrongPassword = HTTP.send(HttpRequest.newBuilder(registry.baseUri().resolve("/v2/team/app/tags/list"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("reader:nope".getBytes())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(401, wrongPassword.statusCode(), "a wrong password is told, not read as anonymous");
        }
    }

    @Test
    void theCatalogListsOnlyWhatTheCallerMayPullWithExactPages() throws Exception {
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder().authenticator(users).accessPolicy(POLICY).start()) {
            Api admin = new Api(registry, basic("admin"));
            seed(admin);
            pushImage(admin, "team/sub/deep", "1");
            pushImage(admin, "team/zed", "1");
            assertEquals(List.of("other/app", "team/app", "team/sub/deep", "team/zed"), admin.catalog());
            Api reader = new Api(registry, basic("reader"));
            assertEquals(List.of("team/app", "team/zed"), reader.catalog(), "team/* does not reach team/sub/deep");
            HttpResponse<byte[]> first = reader.send("GET", "/v2/_catalog?n=1", null);
            assertEquals("[\"team/app\"]", JSON.readTree(first.body()).get("repositories").toString());
            assertTrue(first.headers().firstValue("Link").orElseThrow().contains("last=team%2Fapp"), first.headers().map().toString());
            HttpResponse<byte[]> second = reader.send("GET", "/v2/_catalog?n=1&last=team%2Fapp", null);
            assertEquals("[\"team/zed\"]", JSON.readTree(second.body()).get("repositories").toString());
            assertTrue(second.headers().firstValue("Link").isEmpty(), "no more repositories the reader may pull");
            assertEquals(List.of("team/app", "team/sub/deep", "team/zed"), new Api(registry, basic("writer")).catalog());
        }
    }

    @Test
    void skopeoPushesAsAWriterAndAPushOnlyUserAndIsRefusedAsAReader() throws Exception {
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder().authenticator(users).accessPolicy(POLICY).start()) {
            OciLayoutImage image = OciLayoutImage.write(dir.resolve("image"), "1.0", "access rules " + System.nanoTime());
            String target = "docker://" + registry.hostPort() + "/team/app";
            Skopeo.run("copy", "--dest-tls-verify=false", "--dest-creds", "writer:writer-pw", image.skopeoName(), target + ":1.0");
            Skopeo.run("copy", "--dest-tls-verify=false", "--dest-creds", "pusher:pusher-pw", image.skopeoName(), target + ":pushed");
            IOException refused = assertThrows(IOException.class, () -> Skopeo.run("copy", "--dest-tls-verify=false",
                    "--dest-creds", "reader:reader-pw", image.skopeoName(), target + ":2.0"));
            assertTrue(refused.getMessage().toLowerCase().contains("denied"), refused.getMessage());
            JsonNode tags = JSON.readTree(Skopeo.run("list-tags", "--tls-verify=false", "--creds", "reader:reader-pw", target));
            assertEquals("[\"1.0\",\"pushed\"]", tags.get("Tags").toString(), "the reader's push left no tag");
        }
    }

    @Test
    void tokenSubjectsGetWhatBothTheTokenAndThePolicyGrant() throws Exception {
        SigningKey key = SigningKey.generate("ES256", "access", Duration.ofDays(1));
        TokenIssuer issuer = new TokenIssuer("access-issuer", key, Duration.ofMinutes(5), Clock.systemUTC());
        TokenAuth tokens = new TokenAuth("http://127.0.0.1:9/token", "access",
                new TokenVerifier("access-issuer", "access", key.publicKey(), Clock.systemUTC()));
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder().tokenAuth(tokens).accessPolicy(POLICY).start()) {
            Api admin = new Api(registry, "Bearer " + issuer.issue("admin", "access",
                    List.of(Scope.CATALOG, Scope.push("team/app"), Scope.push("other/app"))).token());
            seed(admin);
            // The issuer granted the reader push (an issuer that does not know the policy): the policy still refuses it.
            Api reader = new Api(registry, "Bearer " + issuer.issue("reader", "access",
                    List.of(Scope.CATALOG, Scope.push("team/app"), Scope.pull("other/app"))).token());
            Digest blob = Digest.sha256("from a token".getBytes(StandardCharsets.UTF_8));
            assertEquals("403 DENIED", outcome(reader.send("POST", "/v2/team/app/blobs/uploads/?digest=" + blob,
                    "from a token".getBytes(StandardCharsets.UTF_8))));
            assertEquals(404, admin.send("HEAD", "/v2/team/app/blobs/" + blob, null).statusCode(), "nothing was written");
            assertEquals("200", outcome(reader.send("GET", "/v2/team/app/manifests/1", null)));
            assertEquals(List.of("team/app"), reader.catalog(), "other/app is in the token, but the policy does not let the reader pull it");
            assertEquals(List.of("other/app", "team/app"), admin.catalog());
            // A token without the scope is still answered as distribution does: 401, insufficient_scope.
            Api narrow = new Api(registry, "Bearer " + issuer.issue("writer", "access", List.of(Scope.pull("team/app"))).token());
            HttpResponse<byte[]> insufficient = narrow.send("POST", "/v2/team/app/blobs/uploads/", new byte[0]);
            assertEquals(401, insufficient.statusCode());
            assertTrue(insufficient.headers().firstValue("WWW-Authenticate").orElseThrow().contains("insufficient_scope"));
        }
    }

    @Test
    void theTokenIssuerGivenThePolicysAuthorizerGrantsWhatTheRegistryAllows() {
        assertEquals(java.util.Set.of("pull"), POLICY.authorizer().grant("reader", Scope.push("team/app")));
        assertEquals(java.util.Set.of("pull", "push"), POLICY.authorizer().grant("pusher", Scope.push("team/app")));
    }

    @Test
    void automaticCrossMountLinksOnlyFromRepositoriesTheCallerMayPull() throws Exception {
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder().authenticator(users).accessPolicy(POLICY)
                .automaticCrossMount(true).start()) {
            Api admin = new Api(registry, basic("admin"));
            seed(admin);
            String mount = "/v2/team/app/blobs/uploads/?mount=" + Digest.sha256(ELSEWHERE);
            assertEquals("202", outcome(new Api(registry, basic("writer")).send("POST", mount, new byte[0])),
                    "only other/app holds the blob, and the writer may not pull there: an upload instead");
            assertEquals(404, admin.send("HEAD", "/v2/team/app/blobs/" + Digest.sha256(ELSEWHERE), null).statusCode());
            assertEquals("201", outcome(admin.send("POST", mount, new byte[0])));
        }
    }

    @Test
    void theReadmeExampleServesAsItSays() throws Exception {
        Path htpasswdFile = dir.resolve("readme-htpasswd");
        Files.writeString(htpasswdFile, Htpasswd.line("alice", "alice-pw") + "\n" + Htpasswd.line("bob", "bob-pw") + "\n"
                + Htpasswd.line("dave", "dave-pw") + "\n");
        // snippet: server-access-policy
        AccessPolicy policy = AccessPolicy.builder()
                .admins("alice")
                .anonymous("pull")
                .rule(List.of("team/**"), List.of("bob", "carol"), List.of("pull", "push"))
                .rule(List.of("**"), List.of("*"), List.of("pull"))                            // "*": any signed-in user
                .build();
        EmbeddedRegistry registry = EmbeddedRegistry.builder().authenticator(Htpasswd.load(htpasswdFile))
                .accessPolicy(policy).start();                   // policy.authorizer() gives a TokenEndpoint the same rules
        // end snippet
        try (registry) {
            pushImage(new Api(registry, basic("bob")), "team/app", "1");
            assertEquals("403 DENIED", outcome(new Api(registry, basic("dave")).sendManifest("team/app", "2", manifest("dave"))));
            assertEquals("401 UNAUTHORIZED", outcome(new Api(registry, null).sendManifest("team/app", "2", manifest("nobody"))));
            assertEquals("200", outcome(new Api(registry, null).send("GET", "/v2/team/app/manifests/1", null)));
            assertEquals("202", outcome(new Api(registry, basic("alice")).send("DELETE", "/v2/team/app/manifests/"
                    + Digest.sha256(manifest("seed")), null)));
        }
    }

    @Test
    void aPolicyWithoutUsersToApplyItToIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> EmbeddedRegistry.builder().accessPolicy(POLICY).build());
        assertTrue(e.getMessage().contains("authenticator"), e.getMessage());
    }

    // ---- the walk

    // Per step, what a role gets: reads and the upload status (a pull), writes and deletes, and the mount from
    // other/app. Writes that succeed answer 201, 202 or 204 by route; "2xx" stands for those. A HEAD's refusal
    // has no body to name its code.
    private static Map<String, String> expected(String read, String uploadStatus, String write, String mount) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String step : List.of("ping", "catalog", "tags", "manifest GET", "manifest HEAD", "blob GET", "blob HEAD", "referrers")) {
            m.put(step, read.equals("401 UNAUTHORIZED") && step.endsWith("HEAD") ? "401" : read);
        }
        m.put("upload GET", read.equals("200") ? uploadStatus : read);
        Map<String, String> writes = new LinkedHashMap<>();
        writes.put("upload POST", "202");
        writes.put("upload POST monolithic", "201");
        writes.put("upload PATCH", "202");
        writes.put("upload PUT", "201");
        writes.put("upload DELETE", "204");
        writes.put("manifest PUT", "201");
        writes.put("manifest DELETE", "202");
        writes.put("blob DELETE", "202");
        writes.forEach((step, ok) -> m.put(step, write.equals("2xx") ? ok : write));
        m.put("mount", mount);
        return m;
    }

    /** What one role's walk leaves to find afterwards. */
    private record Victims(String patched, String cancelled, Digest manifest, Digest blob) {
    }

    private Map<String, String> walk(EmbeddedRegistry registry, String user, String role) throws Exception {
        Api admin = new Api(registry, basic("admin"));
        Api as = new Api(registry, basic(user));
        // What the role is to change, made by the admin: two upload sessions, a manifest and a blob to delete.
        Victims victims = new Victims(admin.startUpload("team/app"), admin.startUpload("team/app"),
                pushManifest(admin, "team/app", "victim-" + role, "victim " + role), uploadBlob(admin, "team/app", ("victim " + role).getBytes()));
        Digest seedManifest = pushManifest(admin, "team/app", "1", "seed");
        byte[] chunk = ("chunk of " + role).getBytes(StandardCharsets.UTF_8);
        byte[] whole = ("monolithic from " + role).getBytes(StandardCharsets.UTF_8);
        Digest layer = Digest.sha256(LAYER);
        Map<String, String> got = new LinkedHashMap<>();
        got.put("ping", outcome(as.send("GET", "/v2/", null)));
        got.put("catalog", outcome(as.send("GET", "/v2/_catalog", null)));
        got.put("tags", outcome(as.send("GET", "/v2/team/app/tags/list", null)));
        got.put("manifest GET", outcome(as.send("GET", "/v2/team/app/manifests/1", null)));
        got.put("manifest HEAD", outcome(as.send("HEAD", "/v2/team/app/manifests/1", null)));
        got.put("blob GET", outcome(as.send("GET", "/v2/team/app/blobs/" + layer, null)));
        got.put("blob HEAD", outcome(as.send("HEAD", "/v2/team/app/blobs/" + layer, null)));
        got.put("referrers", outcome(as.send("GET", "/v2/team/app/referrers/" + seedManifest, null)));
        got.put("upload GET", outcome(as.send("GET", victims.patched(), null)));
        got.put("upload POST", outcome(as.send("POST", "/v2/team/app/blobs/uploads/", new byte[0])));
        got.put("upload POST monolithic", outcome(as.send("POST", "/v2/team/app/blobs/uploads/?digest=" + Digest.sha256(whole), whole)));
        got.put("upload PATCH", outcome(as.send("PATCH", victims.patched(), chunk)));
        got.put("upload PUT", outcome(as.send("PUT", victims.patched() + "?digest=" + Digest.sha256(chunk), new byte[0])));
        got.put("upload DELETE", outcome(as.send("DELETE", victims.cancelled(), null)));
        got.put("manifest PUT", outcome(as.sendManifest("team/app", "by-" + role, manifest("by " + role))));
        got.put("manifest DELETE", outcome(as.send("DELETE", "/v2/team/app/manifests/" + victims.manifest(), null)));
        got.put("blob DELETE", outcome(as.send("DELETE", "/v2/team/app/blobs/" + victims.blob(), null)));
        got.put("mount", outcome(as.send("POST", "/v2/team/app/blobs/uploads/?mount=" + Digest.sha256(ELSEWHERE) + "&from=other/app",
                new byte[0])));

        // What the store holds afterwards, as the admin sees it: everything a refused write would have changed.
        boolean wrote = got.get("manifest PUT").equals("201");
        assertEquals(wrote ? 200 : 404, admin.send("HEAD", "/v2/team/app/blobs/" + Digest.sha256(whole), null).statusCode(), role);
        assertEquals(wrote ? 200 : 404, admin.send("HEAD", "/v2/team/app/blobs/" + Digest.sha256(chunk), null).statusCode(), role);
        assertEquals(wrote ? 200 : 404, admin.send("HEAD", "/v2/team/app/manifests/by-" + role, null).statusCode(), role);
        assertEquals(wrote ? 404 : 200, admin.send("HEAD", "/v2/team/app/manifests/" + victims.manifest(), null).statusCode(), role);
        assertEquals(wrote ? 404 : 200, admin.send("HEAD", "/v2/team/app/blobs/" + victims.blob(), null).statusCode(), role);
        assertEquals(wrote ? 404 : 204, admin.send("GET", victims.cancelled(), null).statusCode(), role);
        if (!wrote) {
            HttpResponse<byte[]> untouched = admin.send("GET", victims.patched(), null);
            assertEquals(204, untouched.statusCode(), role);
            assertEquals("0-0", untouched.headers().firstValue("Range").orElseThrow(), role + ": the session got no bytes");
        }
        boolean mounted = got.get("mount").equals("201");
        assertEquals(mounted ? 200 : 404, admin.send("HEAD", "/v2/team/app/blobs/" + Digest.sha256(ELSEWHERE), null).statusCode(),
                role + ": a blob comes from other/app only for who may pull there");
        if (mounted) {
            assertEquals(202, admin.send("DELETE", "/v2/team/app/blobs/" + Digest.sha256(ELSEWHERE), null).statusCode());
        }
        if (got.get("catalog").equals("200")) {
            // Anonymous gets this far only where it may pull everything.
            List<String> expected = user == null || user.equals("admin") ? List.of("other/app", "team/app") : List.of("team/app");
            assertEquals(expected, as.catalog(), role + "'s catalog");
        }
        return got;
    }

    // The status, and the error code where a body says one (HEAD has none).
    private static String outcome(HttpResponse<byte[]> r) throws IOException {
        if (r.statusCode() < 400 || r.body().length == 0) {
            return String.valueOf(r.statusCode());
        }
        return r.statusCode() + " " + JSON.readTree(r.body()).at("/errors/0/code").asText();
    }

    // ---- content

    private static void seed(Api admin) throws Exception {
        pushImage(admin, "team/app", "1");
        pushImage(admin, "other/app", "1");
        uploadBlob(admin, "other/app", ELSEWHERE);
    }

    private static void pushImage(Api admin, String repo, String tag) throws Exception {
        uploadBlob(admin, repo, CONFIG);
        uploadBlob(admin, repo, LAYER);
        pushManifest(admin, repo, tag, "seed");
    }

    private static Digest pushManifest(Api admin, String repo, String tag, String note) throws Exception {
        byte[] body = manifest(note);
        assertEquals(201, admin.sendManifest(repo, tag, body).statusCode(), "seeding " + repo + ":" + tag);
        return Digest.sha256(body);
    }

    private static Digest uploadBlob(Api admin, String repo, byte[] content) throws Exception {
        Digest digest = Digest.sha256(content);
        assertEquals(201, admin.send("POST", "/v2/" + repo + "/blobs/uploads/?digest=" + digest, content).statusCode(),
                "seeding a blob into " + repo);
        return digest;
    }

    private static byte[] manifest(String note) {
        return ("{\"schemaVersion\":2,\"mediaType\":\"" + MANIFEST_TYPE + "\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + Digest.sha256(CONFIG)
                + "\",\"size\":" + CONFIG.length + "},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + Digest.sha256(LAYER)
                + "\",\"size\":" + LAYER.length + "}],"
                + "\"annotations\":{\"note\":\"" + note + "\"}}").getBytes(StandardCharsets.UTF_8);
    }

    /** Requests as one user (null: without credentials). */
    private record Api(EmbeddedRegistry registry, String authorization) {
        HttpResponse<byte[]> send(String method, String pathAndQuery, byte[] body) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(registry.baseUri().resolve(pathAndQuery))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            if (body != null) {
                b.header("Content-Type", "application/octet-stream");
            }
            if (authorization != null) {
                b.header("Authorization", authorization);
            }
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        }

        HttpResponse<byte[]> sendManifest(String repo, String tag, byte[] body) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(registry.baseUri().resolve("/v2/" + repo + "/manifests/" + tag))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", MANIFEST_TYPE);
            if (authorization != null) {
                b.header("Authorization", authorization);
            }
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        }

        String startUpload(String repo) throws Exception {
            HttpResponse<byte[]> r = send("POST", "/v2/" + repo + "/blobs/uploads/", new byte[0]);
            assertEquals(202, r.statusCode(), "starting an upload");
            return r.headers().firstValue("Location").orElseThrow();
        }

        List<String> catalog() throws Exception {
            HttpResponse<byte[]> r = send("GET", "/v2/_catalog", null);
            assertEquals(200, r.statusCode());
            return JSON.convertValue(JSON.readTree(r.body()).get("repositories"),
                    JSON.getTypeFactory().constructCollectionType(List.class, String.class));
        }
    }
}
