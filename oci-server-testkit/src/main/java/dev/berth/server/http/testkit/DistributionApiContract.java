package dev.berth.server.http.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.MediaType;
import dev.berth.model.Platform;
import dev.berth.model.artifact.Artifacts;
import dev.berth.model.manifest.ImageManifest;
import dev.berth.model.manifest.Manifest;
import dev.berth.model.manifest.ManifestIndex;
import dev.berth.server.EmbeddedRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The distribution API as a client sees it, endpoint by endpoint, with its
 * status codes, headers and errors: the contract Berth's registry passes
 * behind whatever server carries its {@link dev.berth.server.http.RegistryExchange}.
 * Berth's own HTTP/1.1 server passes it, and so does the servlet adapter
 * under Jetty; a transport of an application's own can too. Extend it and
 * implement {@link #serve}.
 */
public abstract class DistributionApiContract {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Served registry;

    /** For subclasses, which say how the registry is served. */
    protected DistributionApiContract() {
    }

    /** A registry being served, until it is closed. */
    public interface Served extends AutoCloseable {
        /** @return where it is served, e.g. {@code http://127.0.0.1:41234}: the API is under {@code /v2/} there */
        URI baseUri();
    }

    /**
     * Serves the registry a builder describes; called for each test, and
     * again by tests of options (automatic cross-mount, sparse indexes).
     *
     * @param builder the registry's options, storage included; the transport adds none
     * @return the registry, being served
     * @throws Exception if it cannot be served; the test fails with it
     */
    protected abstract Served serve(EmbeddedRegistry.Builder builder) throws Exception;

    @BeforeEach
    void serveRegistry() throws Exception {
        registry = serve(EmbeddedRegistry.builder());
    }

    @AfterEach
    void stopRegistry() throws Exception {
        registry.close();
    }

    private HttpResponse<byte[]> send(String method, String path, byte[] body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(registry.baseUri() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> send(String method, String path) throws Exception {
        return send(method, path, null, Map.of());
    }

    private static String errorCode(HttpResponse<byte[]> r) throws Exception {
        return JSON.readTree(r.body()).at("/errors/0/code").asText();
    }

    private Descriptor pushBlob(String repo, byte[] content, String mediaType) throws Exception {
        Digest d = Digest.sha256(content);
        HttpResponse<byte[]> r = send("POST", "/v2/" + repo + "/blobs/uploads/?digest=" + d, content, Map.of());
        assertEquals(201, r.statusCode());
        return Descriptor.of(mediaType, d, content.length);
    }

    private ImageManifest pushImage(String repo, String tag, String seed) throws Exception {
        Descriptor config = pushBlob(repo, ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"seed\":\"" + seed + "\"}")
                .getBytes(StandardCharsets.UTF_8), MediaType.OCI_CONFIG);
        Descriptor layer = pushBlob(repo, ("layer " + seed).getBytes(StandardCharsets.UTF_8), MediaType.OCI_LAYER_TAR_GZIP);
        ImageManifest m = ImageManifest.builder().config(config).layer(layer).build();
        HttpResponse<byte[]> r = send("PUT", "/v2/" + repo + "/manifests/" + tag, m.bytes(), Map.of("Content-Type", m.mediaType()));
        assertEquals(201, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        assertEquals(m.digest().toString(), r.headers().firstValue("Docker-Content-Digest").orElseThrow());
        return m;
    }

    @Test
    void pingAnswersWithTheApiVersion() throws Exception {
        HttpResponse<byte[]> r = send("GET", "/v2/");
        assertEquals(200, r.statusCode());
        assertEquals("registry/2.0", r.headers().firstValue("Docker-Distribution-API-Version").orElseThrow());
    }

    @Test
    void chunkedUploadWithStatusWrongOffsetAndCommit() throws Exception {
        HttpResponse<byte[]> start = send("POST", "/v2/a/b/blobs/uploads/");
        assertEquals(202, start.statusCode());
        String location = start.headers().firstValue("Location").orElseThrow();
        assertEquals("0-0", start.headers().firstValue("Range").orElseThrow());
        HttpResponse<byte[]> p1 = send("PATCH", location, "hello ".getBytes(StandardCharsets.UTF_8), Map.of("Content-Range", "0-5"));
        assertEquals(202, p1.statusCode());
        assertEquals("0-5", p1.headers().firstValue("Range").orElseThrow());
        HttpResponse<byte[]> wrong = send("PATCH", location, "x".getBytes(StandardCharsets.UTF_8), Map.of("Content-Range", "3-3"));
        assertEquals(416, wrong.statusCode());
        assertEquals("0-5", wrong.headers().firstValue("Range").orElseThrow(), "the status says where to resume");
        HttpResponse<byte[]> status = send("GET", location);
        assertEquals(204, status.statusCode());
        assertEquals("0-5", status.headers().firstValue("Range").orElseThrow());
        send("PATCH", location, "world".getBytes(StandardCharsets.UTF_8), Map.of());
        Digest digest = Digest.sha256("hello world".getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> bad = send("PUT", location + "?digest=" + Digest.sha256(new byte[0]), null, Map.of());
        assertEquals(400, bad.statusCode());
        assertEquals("DIGEST_INVALID", errorCode(bad));
        assertEquals("BLOB_UPLOAD_UNKNOWN", errorCode(send("GET", location)), "a failed commit ends the session");

        HttpResponse<byte[]> again = send("POST", "/v2/a/b/blobs/uploads/");
        String loc2 = again.headers().firstValue("Location").orElseThrow();
        send("PATCH", loc2, "hello world".getBytes(StandardCharsets.UTF_8), Map.of());
        HttpResponse<byte[]> done = send("PUT", loc2 + "?digest=" + digest, null, Map.of());
        assertEquals(201, done.statusCode());
        assertEquals("/v2/a/b/blobs/" + digest, done.headers().firstValue("Location").orElseThrow());

        HttpResponse<byte[]> head = send("HEAD", "/v2/a/b/blobs/" + digest);
        assertEquals(200, head.statusCode());
        assertEquals("11", head.headers().firstValue("Content-Length").orElseThrow());
        HttpResponse<byte[]> range = send("GET", "/v2/a/b/blobs/" + digest, null, Map.of("Range", "bytes=6-"));
        assertEquals(206, range.statusCode());
        assertEquals("world", new String(range.body(), StandardCharsets.UTF_8));
        assertEquals("bytes 6-10/11", range.headers().firstValue("Content-Range").orElseThrow());
        HttpResponse<byte[]> outside = send("GET", "/v2/a/b/blobs/" + digest, null, Map.of("Range", "bytes=20-30"));
        assertEquals(416, outside.statusCode());
        assertEquals("bytes */11", outside.headers().firstValue("Content-Range").orElseThrow(), "RFC 9110: the current length");
        assertEquals(0, outside.body().length, "the specification has no error code for it; distribution 2.8 sends no body either");
    }

    @Test
    void aPatchWithAChunkedBodyOfUnknownLengthIsStoredWhole() throws Exception {
        byte[] content = new byte[300_000];
        new java.util.Random(7).nextBytes(content);
        String location = send("POST", "/v2/chunked/app/blobs/uploads/").headers().firstValue("Location").orElseThrow();
        // A stream of unknown length: the JDK's client sends it with Transfer-Encoding: chunked.
        HttpResponse<byte[]> patch = HTTP.send(HttpRequest.newBuilder(URI.create(registry.baseUri() + location))
                .method("PATCH", HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(content))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(202, patch.statusCode(), new String(patch.body(), StandardCharsets.UTF_8));
        assertEquals("0-" + (content.length - 1), patch.headers().firstValue("Range").orElseThrow());
        Digest digest = Digest.sha256(content);
        HttpResponse<byte[]> done = send("PUT", location + "?digest=" + digest, null, Map.of());
        assertEquals(201, done.statusCode(), new String(done.body(), StandardCharsets.UTF_8));
        HttpResponse<byte[]> get = send("GET", "/v2/chunked/app/blobs/" + digest);
        assertEquals(200, get.statusCode());
        assertEquals(digest, Digest.sha256(get.body()));
        assertEquals(String.valueOf(content.length), get.headers().firstValue("Content-Length").orElseThrow());
    }

    @Test
    void anOutOfOrderChunkIsRefusedWithASpecificationCode() throws Exception {
        HttpResponse<byte[]> start = send("POST", "/v2/a/b/blobs/uploads/");
        String location = start.headers().firstValue("Location").orElseThrow();
        send("PATCH", location, "hello ".getBytes(StandardCharsets.UTF_8), Map.of("Content-Range", "0-5"));
        HttpResponse<byte[]> wrong = send("PATCH", location, "x".getBytes(StandardCharsets.UTF_8), Map.of("Content-Range", "9-9"));
        assertEquals(416, wrong.statusCode());
        assertEquals("0-5", wrong.headers().firstValue("Range").orElseThrow());
        assertEquals("BLOB_UPLOAD_INVALID", errorCode(wrong), "a code the specification lists, not distribution's RANGE_INVALID");
        assertTrue(JSON.readTree(wrong.body()).at("/errors/0/message").asText().contains("6"), "says where the upload is");
    }

    @Test
    void aPageOfNoneIsAnEmptyListWithoutALink() throws Exception {
        pushImage("zero/app", "a", "zero");
        pushImage("zero/app", "b", "zero");
        for (String path : List.of("/v2/zero/app/tags/list?n=0", "/v2/zero/app/tags/list?n=0&last=a", "/v2/_catalog?n=0")) {
            HttpResponse<byte[]> r = send("GET", path);
            assertEquals(200, r.statusCode(), path + ": " + new String(r.body(), StandardCharsets.UTF_8));
            assertEquals("[]", JSON.readTree(r.body()).get(path.contains("catalog") ? "repositories" : "tags").toString(), path);
            assertTrue(r.headers().firstValue("Link").isEmpty(), path);
        }
        for (String n : List.of("-1", "abc", "", "+1", "-0", "10001")) {
            HttpResponse<byte[]> r = send("GET", "/v2/zero/app/tags/list?n=" + n);
            assertEquals(400, r.statusCode(), n);
            assertEquals("PAGINATION_NUMBER_INVALID", errorCode(r), n);
        }
    }

    @Test
    void aPushByAReferenceThatIsNoValidDigestIsDigestInvalid() throws Exception {
        ImageManifest m = pushImage("r", "1", "bad-digest-push");
        for (String reference : List.of("sha256:baddigeststring", "sha256:abc", "SHA256:" + m.digest().encoded(), "sha256:")) {
            HttpResponse<byte[]> put = send("PUT", "/v2/r/manifests/" + reference, m.bytes(), Map.of("Content-Type", m.mediaType()));
            assertEquals(400, put.statusCode(), reference);
            assertEquals("DIGEST_INVALID", errorCode(put), reference + ": a tag cannot hold ':', so it can only mean a digest");
            assertEquals("DIGEST_INVALID", errorCode(send("GET", "/v2/r/manifests/" + reference)), "as GET answers");
            assertEquals("DIGEST_INVALID", errorCode(send("DELETE", "/v2/r/manifests/" + reference)), "as DELETE answers");
        }
        HttpResponse<byte[]> unknownAlgorithm = send("PUT", "/v2/r/manifests/foo:bar", m.bytes(), Map.of("Content-Type", m.mediaType()));
        assertEquals("DIGEST_INVALID", errorCode(unknownAlgorithm), "well-formed, but not an algorithm Berth can verify");
    }

    @Test
    void aBlobDigestOfAnAlgorithmBerthCannotComputeIsInvalidNotUnknown() throws Exception {
        for (String digest : List.of("md5:d41d8cd98f00b204e9800998ecf8427e", "blake3:" + "a".repeat(64), "foo:0123456789abcdef")) {
            for (String method : List.of("GET", "HEAD", "DELETE")) {
                HttpResponse<byte[]> r = send(method, "/v2/r/blobs/" + digest);
                assertEquals(400, r.statusCode(), method + " " + digest);
                if (!method.equals("HEAD")) {
                    assertEquals("DIGEST_INVALID", errorCode(r), method + " " + digest);
                }
            }
        }
        assertEquals("BLOB_UNKNOWN", errorCode(send("GET", "/v2/r/blobs/sha512:" + "b".repeat(128))), "sha512 is supported");
    }

    @Test
    void uploadsCanBeCancelled() throws Exception {
        String location = send("POST", "/v2/r/blobs/uploads/").headers().firstValue("Location").orElseThrow();
        assertEquals(204, send("DELETE", location).statusCode());
        assertEquals(404, send("GET", location).statusCode());
        assertEquals(404, send("DELETE", location).statusCode());
    }

    @Test
    void mountsWithAndWithoutFrom() throws Exception {
        Descriptor blob = pushBlob("src", "shared".getBytes(StandardCharsets.UTF_8), MediaType.OCTET_STREAM);
        HttpResponse<byte[]> mounted = send("POST", "/v2/dst/blobs/uploads/?mount=" + blob.digest() + "&from=src");
        assertEquals(201, mounted.statusCode());
        assertEquals(200, send("HEAD", "/v2/dst/blobs/" + blob.digest()).statusCode());
        assertEquals(202, send("POST", "/v2/other/blobs/uploads/?mount=" + blob.digest()).statusCode(),
                "without from: automatic cross-mount is off by default, as in distribution");
        assertEquals(404, send("HEAD", "/v2/other/blobs/" + blob.digest()).statusCode());
        HttpResponse<byte[]> unknown = send("POST", "/v2/dst2/blobs/uploads/?mount=" + Digest.sha256(new byte[1]) + "&from=src");
        assertEquals(202, unknown.statusCode(), "not mountable: upload it yourself");
        assertEquals(202, send("POST", "/v2/dst3/blobs/uploads/?mount=" + blob.digest() + "&from=nowhere").statusCode());
    }

    @Test
    void manifestsByTagAndDigestWithSeveralTagsAndDeletes() throws Exception {
        ImageManifest m = pushImage("team/app", "1.0", "a");
        HttpResponse<byte[]> byDigest = send("PUT", "/v2/team/app/manifests/" + m.digest() + "?tag=1&tag=latest", m.bytes(),
                Map.of("Content-Type", m.mediaType()));
        assertEquals(201, byDigest.statusCode());
        JsonNode tags = JSON.readTree(send("GET", "/v2/team/app/tags/list").body());
        assertEquals("[\"1\",\"1.0\",\"latest\"]", tags.get("tags").toString());
        HttpResponse<byte[]> get = send("GET", "/v2/team/app/manifests/latest");
        assertEquals(m.mediaType(), get.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(m.digest(), Digest.sha256(get.body()));
        HttpResponse<byte[]> head = send("HEAD", "/v2/team/app/manifests/1.0");
        assertEquals(String.valueOf(m.size()), head.headers().firstValue("Content-Length").orElseThrow());

        assertEquals(202, send("DELETE", "/v2/team/app/manifests/1").statusCode(), "a tag delete keeps the manifest");
        assertEquals(200, send("GET", "/v2/team/app/manifests/" + m.digest()).statusCode());
        assertEquals(202, send("DELETE", "/v2/team/app/manifests/" + m.digest()).statusCode());
        assertEquals("MANIFEST_UNKNOWN", errorCode(send("GET", "/v2/team/app/manifests/latest")), "its tags went with it");
        assertEquals("[]", JSON.readTree(send("GET", "/v2/team/app/tags/list").body()).get("tags").toString());
    }

    @Test
    void manifestValidationRefusesWhatIsMissingOrWrong() throws Exception {
        Descriptor config = Descriptor.forContent(MediaType.OCI_CONFIG, "{}".getBytes(StandardCharsets.UTF_8));
        ImageManifest missing = ImageManifest.builder().config(config).build();
        HttpResponse<byte[]> r = send("PUT", "/v2/r/manifests/x", missing.bytes(), Map.of("Content-Type", missing.mediaType()));
        assertEquals("MANIFEST_BLOB_UNKNOWN", errorCode(r));
        ImageManifest embedded = ImageManifest.builder().artifactType("application/vnd.example")
                .config(dev.berth.model.artifact.Artifacts.EMPTY_CONFIG.toBuilder().data(dev.berth.model.artifact.Artifacts.EMPTY_JSON).build())
                .build();
        assertEquals("MANIFEST_BLOB_UNKNOWN", errorCode(send("PUT", "/v2/r/manifests/e", embedded.bytes(),
                Map.of("Content-Type", embedded.mediaType()))), "embedded data does not stand in for the blob, as in distribution");
        assertEquals("MANIFEST_INVALID", errorCode(send("PUT", "/v2/r/manifests/x", "{".getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", MediaType.OCI_MANIFEST))));
        ImageManifest ok = pushImage("r", "1", "b");
        assertEquals("DIGEST_INVALID", errorCode(send("PUT", "/v2/r/manifests/" + Digest.sha256(new byte[0]), ok.bytes(),
                Map.of("Content-Type", ok.mediaType()))));
        assertEquals("MANIFEST_INVALID", errorCode(send("PUT", "/v2/r/manifests/2", ok.bytes(),
                Map.of("Content-Type", MediaType.DOCKER_MANIFEST))), "Content-Type contradicts the body");
        HttpResponse<byte[]> huge = send("PUT", "/v2/r/manifests/3", new byte[4 * 1024 * 1024 + 1], Map.of("Content-Type", MediaType.OCI_MANIFEST));
        assertEquals(413, huge.statusCode());
        ManifestIndex index = ManifestIndex.builder().manifest(Descriptor.of(MediaType.OCI_MANIFEST, Digest.sha256(new byte[3]), 3)
                .withPlatform(Platform.parse("linux/arm64"))).build();
        assertEquals("MANIFEST_BLOB_UNKNOWN", errorCode(send("PUT", "/v2/r/manifests/multi", index.bytes(),
                Map.of("Content-Type", index.mediaType()))));
        assertEquals("TAG_INVALID", errorCode(send("PUT", "/v2/r/manifests/-bad", ok.bytes(), Map.of("Content-Type", ok.mediaType()))));
    }

    /**
     * A client that writes the whole oversized body before it reads (as most do) still reads the 413: the server
     * takes in what it refused before it closes, where closing with the body unread would reset the connection
     * and lose the answer with it.
     */
    @Test
    void anOversizedManifestSentWholeIsAnswered413NotAReset() throws Exception {
        URI base = registry.baseUri();
        byte[] body = new byte[Manifest.MAX_BYTES + 1];
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(("PUT /v2/r/manifests/big HTTP/1.1\r\nHost: " + base.getAuthority() + "\r\nContent-Type: "
                    + MediaType.OCI_MANIFEST + "\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String answer = readResponse(s.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 413 "), answer);
            assertTrue(answer.contains("\"SIZE_INVALID\""), answer);
        }
    }

    // One response, framed by its Content-Length: a proxy in front may keep the connection open after it.
    private static String readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return head.toString();
            }
            head.append((char) b);
        }
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(head);
        byte[] body = length.find() ? in.readNBytes(Integer.parseInt(length.group(1))) : in.readAllBytes();
        return head + new String(body, StandardCharsets.ISO_8859_1);
    }

    @Test
    void malformedDigestsAndNamesAre400NeverA500() throws Exception {
        HttpResponse<byte[]> badDigest = send("GET", "/v2/r/manifests/sha256:nothex");
        assertEquals(400, badDigest.statusCode());
        assertEquals("DIGEST_INVALID", errorCode(badDigest));
        assertEquals("DIGEST_INVALID", errorCode(send("GET", "/v2/r/blobs/sha256:zz")));
        assertEquals("DIGEST_INVALID", errorCode(send("GET", "/v2/r/referrers/md5")));
        for (String path : List.of("/v2/../etc/manifests/x", "/v2/a/%2e%2e/b/manifests/x", "/v2/UPPER/manifests/x",
                "/v2/a//b/manifests/x", "/v2/a%2Fb/../c/tags/list")) {
            HttpResponse<byte[]> r = send("GET", path);
            assertEquals(400, r.statusCode(), path);
            assertEquals("NAME_INVALID", errorCode(r), path);
        }
        assertEquals("NAME_UNKNOWN", errorCode(send("GET", "/v2/nobody/tags/list")));
        assertEquals(405, send("POST", "/v2/r/manifests/x").statusCode());
    }

    @Test
    void tagListingAndCatalogPaginateWithLinkHeaders() throws Exception {
        ImageManifest m = pushImage("z/one", "a", "c");
        for (String tag : List.of("c", "b", "d")) {
            send("PUT", "/v2/z/one/manifests/" + tag, m.bytes(), Map.of("Content-Type", m.mediaType()));
        }
        pushImage("a/two", "x", "d");
        HttpResponse<byte[]> page = send("GET", "/v2/z/one/tags/list?n=2");
        assertEquals("[\"a\",\"b\"]", JSON.readTree(page.body()).get("tags").toString());
        assertEquals("</v2/z/one/tags/list?n=2&last=b>; rel=\"next\"", page.headers().firstValue("Link").orElseThrow());
        HttpResponse<byte[]> next = send("GET", "/v2/z/one/tags/list?n=2&last=b");
        assertEquals("[\"c\",\"d\"]", JSON.readTree(next.body()).get("tags").toString());
        assertTrue(next.headers().firstValue("Link").isEmpty());
        HttpResponse<byte[]> catalog = send("GET", "/v2/_catalog?n=1");
        assertEquals("[\"a/two\"]", JSON.readTree(catalog.body()).get("repositories").toString());
        assertTrue(catalog.headers().firstValue("Link").orElseThrow().contains("last=a%2Ftwo"));
        assertEquals("[\"a/two\",\"z/one\"]", JSON.readTree(send("GET", "/v2/_catalog").body()).get("repositories").toString());
        assertEquals("PAGINATION_NUMBER_INVALID", errorCode(send("GET", "/v2/_catalog?n=-1")));
    }

    @Test
    void referrersListFilterAndSurviveTheirDeletion() throws Exception {
        ImageManifest image = pushImage("app", "1", "e");
        Descriptor sbomBlob = pushBlob("app", "{\"spdxVersion\":\"SPDX-2.3\"}".getBytes(StandardCharsets.UTF_8), MediaType.SPDX_JSON);
        pushBlob("app", Artifacts.EMPTY_JSON, MediaType.OCI_EMPTY);
        ImageManifest sbom = Artifacts.manifest(MediaType.SPDX_JSON, List.of(sbomBlob), image.descriptor(),
                Map.of("org.opencontainers.image.created", "2026-11-22T00:00:00Z"));
        HttpResponse<byte[]> put = send("PUT", "/v2/app/manifests/" + sbom.digest(), sbom.bytes(), Map.of("Content-Type", sbom.mediaType()));
        assertEquals(201, put.statusCode());
        assertEquals(image.digest().toString(), put.headers().firstValue("OCI-Subject").orElseThrow());

        HttpResponse<byte[]> all = send("GET", "/v2/app/referrers/" + image.digest());
        assertEquals(MediaType.OCI_INDEX, all.headers().firstValue("Content-Type").orElseThrow());
        JsonNode index = JSON.readTree(all.body());
        assertEquals(sbom.digest().toString(), index.at("/manifests/0/digest").asText());
        assertEquals(MediaType.SPDX_JSON, index.at("/manifests/0/artifactType").asText());
        assertEquals("2026-11-22T00:00:00Z", index.at("/manifests/0/annotations/org.opencontainers.image.created").asText());

        HttpResponse<byte[]> filtered = send("GET", "/v2/app/referrers/" + image.digest() + "?artifactType=application/vnd.other");
        assertEquals("artifactType", filtered.headers().firstValue("OCI-Filters-Applied").orElseThrow());
        assertEquals(0, JSON.readTree(filtered.body()).get("manifests").size());
        HttpResponse<byte[]> unknown = send("GET", "/v2/app/referrers/" + Digest.sha256(new byte[9]));
        assertEquals(200, unknown.statusCode(), "an unknown subject has an empty list, never a 404");

        send("DELETE", "/v2/app/manifests/" + sbom.digest());
        assertEquals(0, JSON.readTree(send("GET", "/v2/app/referrers/" + image.digest()).body()).get("manifests").size());
    }

    @Test
    void blobsCanBeDeletedFromARepository() throws Exception {
        Descriptor blob = pushBlob("del", "bye".getBytes(StandardCharsets.UTF_8), MediaType.OCTET_STREAM);
        assertEquals(202, send("DELETE", "/v2/del/blobs/" + blob.digest()).statusCode());
        assertEquals("BLOB_UNKNOWN", errorCode(send("GET", "/v2/del/blobs/" + blob.digest())));
        assertEquals(404, send("HEAD", "/v2/del/blobs/" + blob.digest()).statusCode());
    }

    @Test
    void automaticCrossMountIsAnOption() throws Exception {
        try (Served on = serve(EmbeddedRegistry.builder().automaticCrossMount(true))) {
            byte[] content = "discoverable".getBytes(StandardCharsets.UTF_8);
            Digest d = Digest.sha256(content);
            String base = on.baseUri().toString();
            assertEquals(201, HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v2/src/blobs/uploads/?digest=" + d))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(content)).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
            HttpResponse<Void> mounted = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v2/dst/blobs/uploads/?mount=" + d))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            assertEquals(201, mounted.statusCode(), "without authentication every repository may be pulled");
            assertEquals("/v2/dst/blobs/" + d, mounted.headers().firstValue("Location").orElseThrow());
            HttpResponse<Void> unknown = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v2/dst/blobs/uploads/?mount="
                    + Digest.sha256(new byte[7]))).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            assertEquals(202, unknown.statusCode(), "a blob no repository holds is uploaded");
        }
    }

    @Test
    void aReferenceThatIsNeitherTagNorDigestIsAnUnknownManifestButAnInvalidTagToPush() throws Exception {
        ImageManifest m = pushImage("r", "1", "invalid-ref");
        for (String method : List.of("GET", "HEAD")) {
            HttpResponse<byte[]> r = send(method, "/v2/r/manifests/.INVALID_MANIFEST_NAME");
            assertEquals(404, r.statusCode(), method);
        }
        assertEquals("MANIFEST_UNKNOWN", errorCode(send("GET", "/v2/r/manifests/.INVALID_MANIFEST_NAME")));
        HttpResponse<byte[]> put = send("PUT", "/v2/r/manifests/.INVALID_MANIFEST_NAME", m.bytes(), Map.of("Content-Type", m.mediaType()));
        assertEquals(400, put.statusCode());
        assertEquals("TAG_INVALID", errorCode(put));
    }

    @Test
    void aManifestPushedBySha512IsStoredAndServedUnderThatDigest() throws Exception {
        ImageManifest image = pushImage("s512", "base", "sha512");
        send("DELETE", "/v2/s512/manifests/base");
        Digest sha512 = Digest.sha512(image.bytes());
        HttpResponse<byte[]> put = send("PUT", "/v2/s512/manifests/" + sha512 + "?tag=long", image.bytes(),
                Map.of("Content-Type", image.mediaType()));
        assertEquals(201, put.statusCode(), new String(put.body(), StandardCharsets.UTF_8));
        assertEquals(sha512.toString(), put.headers().firstValue("Docker-Content-Digest").orElseThrow(), "the client's digest");
        assertEquals("/v2/s512/manifests/" + sha512, put.headers().firstValue("Location").orElseThrow());
        for (String method : List.of("GET", "HEAD")) {
            HttpResponse<byte[]> r = send(method, "/v2/s512/manifests/" + sha512);
            assertEquals(200, r.statusCode(), method);
            assertEquals(sha512.toString(), r.headers().firstValue("Docker-Content-Digest").orElseThrow(), method);
        }
        assertEquals(sha512.toString(), send("HEAD", "/v2/s512/manifests/long").headers().firstValue("Docker-Content-Digest")
                .orElseThrow(), "its tag points at the sha512 digest");

        ManifestIndex index = ManifestIndex.builder().manifest(Descriptor.of(image.mediaType(), sha512, image.size())
                .withPlatform(Platform.parse("linux/amd64"))).build();
        Digest indexDigest = Digest.sha512(index.bytes());
        HttpResponse<byte[]> indexPut = send("PUT", "/v2/s512/manifests/" + indexDigest, index.bytes(),
                Map.of("Content-Type", index.mediaType()));
        assertEquals(201, indexPut.statusCode(), "its child is there under sha512: " + new String(indexPut.body(), StandardCharsets.UTF_8));
        assertEquals(200, send("GET", "/v2/s512/manifests/" + indexDigest).statusCode());
        HttpResponse<byte[]> byTag = send("PUT", "/v2/s512/manifests/short", image.bytes(), Map.of("Content-Type", image.mediaType()));
        assertEquals(image.digest().toString(), byTag.headers().firstValue("Docker-Content-Digest").orElseThrow(),
                "by tag: the canonical sha256");
    }

    @Test
    void aPushWithTagParametersAnswersOneOciTagHeaderPerTag() throws Exception {
        ImageManifest m = pushImage("tagged", "first", "oci-tag");
        HttpResponse<byte[]> put = send("PUT", "/v2/tagged/manifests/" + m.digest() + "?tag=a&tag=b&tag=c", m.bytes(),
                Map.of("Content-Type", m.mediaType()));
        assertEquals(201, put.statusCode());
        assertEquals(List.of("a", "b", "c"), put.headers().allValues("OCI-Tag"));
        HttpResponse<byte[]> plain = send("PUT", "/v2/tagged/manifests/" + m.digest(), m.bytes(), Map.of("Content-Type", m.mediaType()));
        assertEquals(List.of(), plain.headers().allValues("OCI-Tag"), "no tag parameters, no header");
    }

    @Test
    void sparseIndexesAreRefusedByDefaultAndAcceptedWhenConfigured() throws Exception {
        ImageManifest present = pushImage("sparse", "amd64", "sparse");
        ManifestIndex index = ManifestIndex.builder()
                .manifest(present.descriptor().withPlatform(Platform.parse("linux/amd64")))
                .manifest(Descriptor.of(MediaType.OCI_MANIFEST, Digest.sha256(new byte[11]), 11).withPlatform(Platform.parse("linux/arm64")))
                .build();
        HttpResponse<byte[]> refused = send("PUT", "/v2/sparse/manifests/multi", index.bytes(), Map.of("Content-Type", index.mediaType()));
        assertEquals(400, refused.statusCode());
        assertEquals("MANIFEST_BLOB_UNKNOWN", errorCode(refused));
        try (Served sparse = serve(EmbeddedRegistry.builder().sparseIndexes(true))) {
            HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(sparse.baseUri() + "/v2/sparse/manifests/multi"))
                    .header("Content-Type", index.mediaType()).PUT(HttpRequest.BodyPublishers.ofByteArray(index.bytes())).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertEquals(201, r.statusCode(), "a copy of some platforms of an index");
            assertEquals(200, HTTP.send(HttpRequest.newBuilder(URI.create(sparse.baseUri() + "/v2/sparse/manifests/multi")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
        }
    }

    @Test
    void aHeadErrorCarriesTheHeadersOfTheGetsError() throws Exception {
        for (String path : List.of("/v2/r/manifests/nope", "/v2/r/blobs/" + Digest.sha256(new byte[5]), "/v2/r/manifests/sha256:zz")) {
            HttpResponse<byte[]> get = send("GET", path);
            HttpResponse<byte[]> head = send("HEAD", path);
            assertEquals(get.statusCode(), head.statusCode(), path);
            assertEquals(0, head.body().length);
            assertEquals(get.headers().firstValue("Content-Type"), head.headers().firstValue("Content-Type"), path);
            assertEquals(String.valueOf(get.body().length), head.headers().firstValue("Content-Length").orElseThrow(), path);
            assertEquals("registry/2.0", head.headers().firstValue("Docker-Distribution-API-Version").orElseThrow(), path);
        }
    }
}
