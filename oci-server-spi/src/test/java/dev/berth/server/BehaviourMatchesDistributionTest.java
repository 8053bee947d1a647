package dev.berth.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.MediaType;
import dev.berth.model.manifest.ImageManifest;
import dev.berth.testsupport.DistributionRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same push, pull, list and delete sequence against distribution 2.8 and
 * Berth: status codes, the headers clients rely on, and error codes must
 * agree. Where distribution is known to be wrong (FIELD-NOTES), Berth's
 * better answer is asserted separately.
 */
class BehaviourMatchesDistributionTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** What is compared of one answer. */
    record Seen(String step, int status, String errorCode, Map<String, String> headers) {
    }

    /** Runs the sequence against one registry. */
    private static final class Script {
        final String base;
        final List<Seen> seen = new ArrayList<>();
        String uploadPath;

        Script(String base) {
            this.base = base;
        }

        HttpResponse<byte[]> call(String step, String method, String path, byte[] body, Map<String, String> headers,
                                  String... compareHeaders) throws Exception {
            String url = path.startsWith("http") ? path : base + path;
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            headers.forEach(b::header);
            HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            Map<String, String> kept = new java.util.TreeMap<>();
            for (String h : compareHeaders) {
                String v = r.headers().firstValue(h).orElse("<absent>");
                if (h.equals("Location") && !v.equals("<absent>")) {
                    v = URI.create(v).getPath().replaceAll("/uploads/[^/]+$", "/uploads/<id>"); // absolute or relative: same path
                }
                kept.put(h, v);
            }
            String code = "";
            if (r.statusCode() >= 400 && r.body().length > 0 && !method.equals("HEAD")
                    && r.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
                JsonNode n = JSON.readTree(r.body());
                code = n == null ? "" : n.at("/errors/0/code").asText("");
            }
            seen.add(new Seen(step, r.statusCode(), code, kept));
            return r;
        }
    }

    private static void run(Script s) throws Exception {
        byte[] layer = "layer bytes for the comparison".getBytes(StandardCharsets.UTF_8);
        byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
                .getBytes(StandardCharsets.UTF_8);
        Digest layerDigest = Digest.sha256(layer);
        Digest configDigest = Digest.sha256(config);
        ImageManifest manifest = ImageManifest.builder().config(Descriptor.of(MediaType.OCI_CONFIG, configDigest, config.length))
                .layer(Descriptor.of(MediaType.OCI_LAYER_TAR_GZIP, layerDigest, layer.length)).build();
        Map<String, String> none = Map.of();
        Map<String, String> octets = Map.of("Content-Type", "application/octet-stream");
        Map<String, String> oci = Map.of("Content-Type", MediaType.OCI_MANIFEST);
        Map<String, String> accept = Map.of("Accept", MediaType.MANIFEST_ACCEPT);

        s.call("ping", "GET", "/v2/", null, none, "Docker-Distribution-API-Version");
        HttpResponse<byte[]> start = s.call("start upload", "POST", "/v2/cmp/app/blobs/uploads/", null, none,
                "Location", "Range");
        String upload = start.headers().firstValue("Location").orElseThrow();
        upload = upload.startsWith("http") ? upload : s.base + upload;
        HttpResponse<byte[]> p1 = s.call("patch chunk", "PATCH", upload, java.util.Arrays.copyOf(layer, 10),
                Map.of("Content-Type", "application/octet-stream", "Content-Range", "0-9"), "Range");
        upload = absolute(s, p1.headers().firstValue("Location").orElseThrow());
        s.call("upload status", "GET", upload, null, none, "Range");
        HttpResponse<byte[]> p2 = s.call("patch rest", "PATCH", upload, java.util.Arrays.copyOfRange(layer, 10, layer.length),
                Map.of("Content-Type", "application/octet-stream", "Content-Range", "10-" + (layer.length - 1)), "Range");
        upload = absolute(s, p2.headers().firstValue("Location").orElseThrow());
        s.call("finish upload", "PUT", upload + (upload.contains("?") ? "&" : "?") + "digest=" + layerDigest, null, octets,
                "Location", "Docker-Content-Digest");
        HttpResponse<byte[]> mono = s.call("monolithic start", "POST", "/v2/cmp/app/blobs/uploads/", null, none);
        s.call("monolithic put", "PUT", absolute(s, mono.headers().firstValue("Location").orElseThrow())
                + (absolute(s, mono.headers().firstValue("Location").orElseThrow()).contains("?") ? "&" : "?")
                + "digest=" + configDigest, config, octets, "Location", "Docker-Content-Digest");
        HttpResponse<byte[]> bad = s.call("start upload 2", "POST", "/v2/cmp/app/blobs/uploads/", null, none);
        String badLocation = absolute(s, bad.headers().firstValue("Location").orElseThrow());
        s.call("wrong digest", "PUT", badLocation + (badLocation.contains("?") ? "&" : "?") + "digest="
                + Digest.sha256(new byte[1]), "x".getBytes(StandardCharsets.UTF_8), octets);
        s.call("head blob", "HEAD", "/v2/cmp/app/blobs/" + layerDigest, null, none, "Content-Length", "Docker-Content-Digest");
        s.call("get blob", "GET", "/v2/cmp/app/blobs/" + configDigest, null, none, "Content-Length", "Docker-Content-Digest");
        s.call("unknown blob", "GET", "/v2/cmp/app/blobs/" + Digest.sha256(new byte[2]), null, none);
        String md5 = "/v2/cmp/app/blobs/md5:d41d8cd98f00b204e9800998ecf8427e";
        s.call("get blob of an unsupported algorithm", "GET", md5, null, none);
        s.call("head blob of an unsupported algorithm", "HEAD", md5, null, none);
        s.call("delete blob of an unsupported algorithm", "DELETE", md5, null, none);
        s.call("delete manifest by a malformed digest", "DELETE", "/v2/cmp/app/manifests/sha256:baddigeststring", null, none);
        s.call("put manifest", "PUT", "/v2/cmp/app/manifests/1.0", manifest.bytes(), oci, "Location", "Docker-Content-Digest");
        s.call("get manifest", "GET", "/v2/cmp/app/manifests/1.0", null, accept, "Content-Type", "Docker-Content-Digest",
                "Content-Length");
        s.call("head manifest", "HEAD", "/v2/cmp/app/manifests/" + manifest.digest(), null, accept, "Content-Type",
                "Docker-Content-Digest", "Content-Length");
        ImageManifest dangling = ImageManifest.builder().config(Descriptor.of(MediaType.OCI_CONFIG, Digest.sha256(new byte[3]), 3)).build();
        s.call("manifest with missing blob", "PUT", "/v2/cmp/app/manifests/x", dangling.bytes(), oci);
        s.call("manifest not json", "PUT", "/v2/cmp/app/manifests/y", "{".getBytes(StandardCharsets.UTF_8), oci);
        s.call("tags", "GET", "/v2/cmp/app/tags/list", null, none, "Content-Type");
        s.call("catalog", "GET", "/v2/_catalog", null, none);
        s.call("catalog of none", "GET", "/v2/_catalog?n=0", null, none, "Link");
        s.call("unknown tag", "GET", "/v2/cmp/app/manifests/nope", null, accept);
        s.call("head unknown tag", "HEAD", "/v2/cmp/app/manifests/nope", null, accept, "Content-Type",
                "Docker-Distribution-API-Version");
        s.call("unknown repository", "GET", "/v2/cmp/nobody/tags/list", null, none);
        s.call("mount", "POST", "/v2/cmp/other/blobs/uploads/?mount=" + layerDigest + "&from=cmp/app", null, none,
                "Location", "Docker-Content-Digest");
        s.call("mount malformed digest", "POST", "/v2/cmp/other/blobs/uploads/?mount=sha256:zz&from=cmp/app", null, none);
        s.call("mount from invalid name", "POST", "/v2/cmp/other/blobs/uploads/?mount=" + configDigest + "&from=A..B", null, none);
        s.call("mount from nothing", "POST", "/v2/cmp/other/blobs/uploads/?mount=" + configDigest + "&from=", null, none);
        s.call("mount without from", "POST", "/v2/cmp/other/blobs/uploads/?mount=" + configDigest, null, none);
        s.call("not mounted", "HEAD", "/v2/cmp/other/blobs/" + configDigest, null, none);
        s.call("delete manifest", "DELETE", "/v2/cmp/app/manifests/" + manifest.digest(), null, none);
        s.call("deleted manifest", "GET", "/v2/cmp/app/manifests/" + manifest.digest(), null, accept);
        s.call("delete blob", "DELETE", "/v2/cmp/other/blobs/" + layerDigest, null, none);
        HttpResponse<byte[]> third = s.call("start upload 3", "POST", "/v2/cmp/app/blobs/uploads/", null, none);
        s.call("cancel upload", "DELETE", absolute(s, third.headers().firstValue("Location").orElseThrow()), null, none);
    }

    // POST then PUT, the upload both registries take
    private static void pushBlob(Script s, String repo, byte[] blob) throws Exception {
        HttpResponse<byte[]> start = s.call("start upload", "POST", "/v2/" + repo + "/blobs/uploads/", null, Map.of());
        String location = absolute(s, start.headers().firstValue("Location").orElseThrow());
        HttpResponse<byte[]> put = s.call("finish upload", "PUT", location + (location.contains("?") ? "&" : "?") + "digest="
                + Digest.sha256(blob), blob, Map.of("Content-Type", "application/octet-stream"));
        assertEquals(201, put.statusCode(), s.base);
    }

    /** A status line and headers read off a socket: distribution's 416 announces the blob's length but sends less. */
    record Head(int status, Map<String, String> headers, byte[] body) {
    }

    private static Head rawGet(String base, String path, String extraHeaders) throws Exception {
        URI uri = URI.create(base);
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + uri.getAuthority() + "\r\n" + extraHeaders
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            java.io.InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
                int c = in.read();
                if (c < 0) {
                    throw new java.io.EOFException("the answer ended in its headers: " + head);
                }
                head.append((char) c);
            }
            String[] lines = head.toString().trim().split("\r\n");
            Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
            }
            int length = Integer.parseInt(headers.getOrDefault("Content-Length", "0"));
            return new Head(Integer.parseInt(lines[0].split(" ")[1]), headers, in.readNBytes(length));
        }
    }

    @Test
    void anUnsatisfiableRangeIs416WithTheLengthAndNoErrorCode() throws Exception {
        try (DistributionRegistry distribution = DistributionRegistry.builder(dir.resolve("d")).start();
             EmbeddedRegistry berth = EmbeddedRegistry.builder().start()) {
            byte[] blob = "ranged blob".getBytes(StandardCharsets.UTF_8);
            String path = "/v2/ranged/app/blobs/" + Digest.sha256(blob);
            pushBlob(new Script(distribution.baseUrl()), "ranged/app", blob);
            pushBlob(new Script(berth.baseUri().toString()), "ranged/app", blob);
            Head theirs = rawGet(distribution.baseUrl(), path, "Range: bytes=1000-2000\r\n");
            Head ours = rawGet(berth.baseUri().toString(), path, "Range: bytes=1000-2000\r\n");
            assertEquals(416, theirs.status());
            assertEquals("bytes */" + blob.length, theirs.headers().get("Content-Range"));
            assertTrue(theirs.headers().get("Content-Type").startsWith("text/plain"), "distribution 2.8: no error code");
            assertEquals(416, ours.status());
            assertEquals("bytes */" + blob.length, ours.headers().get("Content-Range"));
            assertEquals("0", ours.headers().get("Content-Length"), "no body: the specification lists no code for it");
            assertEquals(0, ours.body().length);
        }
    }

    private static String absolute(Script s, String location) {
        return location.startsWith("http") ? location : s.base + location;
    }

    @Test
    void theSameSequenceGetsTheSameAnswers() throws Exception {
        try (DistributionRegistry distribution = DistributionRegistry.builder(dir.resolve("d")).start();
             EmbeddedRegistry berth = EmbeddedRegistry.builder().start()) {
            Script theirs = new Script(distribution.baseUrl());
            Script ours = new Script(berth.baseUri().toString());
            run(theirs);
            run(ours);
            assertEquals(theirs.seen.size(), ours.seen.size());
            for (int i = 0; i < theirs.seen.size(); i++) {
                assertEquals(theirs.seen.get(i), ours.seen.get(i), "step " + theirs.seen.get(i).step());
            }
        }
    }

    @Test
    void whereDistributionIsWrongBerthAnswersBetter() throws Exception {
        try (DistributionRegistry distribution = DistributionRegistry.builder(dir.resolve("d")).start();
             EmbeddedRegistry berth = EmbeddedRegistry.builder().start()) {
            Script d = new Script(distribution.baseUrl());
            Script b = new Script(berth.baseUri().toString());
            d.call("malformed digest", "GET", "/v2/cmp/app/manifests/sha256:nothex", null, Map.of());
            b.call("malformed digest", "GET", "/v2/cmp/app/manifests/sha256:nothex", null, Map.of());
            assertEquals(500, d.seen.get(0).status(), "distribution 2.8 answers a malformed digest with 500 (FIELD-NOTES)");
            assertEquals(400, b.seen.get(0).status());
            assertEquals("DIGEST_INVALID", b.seen.get(0).errorCode());

            byte[] blob = "single post".getBytes(StandardCharsets.UTF_8);
            d.call("single post", "POST", "/v2/cmp/app/blobs/uploads/?digest=" + Digest.sha256(blob), blob, Map.of());
            b.call("single post", "POST", "/v2/cmp/app/blobs/uploads/?digest=" + Digest.sha256(blob), blob, Map.of());
            assertEquals(202, d.seen.get(1).status(), "distribution 2.8 ignores a single POST's body: upload it again");
            assertEquals(201, b.seen.get(1).status(), "Berth stores it in one request");

            d.call("referrers", "GET", "/v2/cmp/app/referrers/" + Digest.sha256(new byte[4]), null, Map.of());
            b.call("referrers", "GET", "/v2/cmp/app/referrers/" + Digest.sha256(new byte[4]), null, Map.of());
            assertEquals(404, d.seen.get(2).status(), "distribution 2.8 has no referrers API");
            assertEquals(200, b.seen.get(2).status());
        }
    }

    @Test
    void aPageOfNoneIsAnEmptyListWithoutALinkAsInDistribution() throws Exception {
        try (DistributionRegistry distribution = DistributionRegistry.builder(dir.resolve("d")).start();
             EmbeddedRegistry berth = EmbeddedRegistry.builder().start()) {
            for (Script s : List.of(new Script(distribution.baseUrl()), new Script(berth.baseUri().toString()))) {
                pushBlob(s, "paged/app", "paged".getBytes(StandardCharsets.UTF_8));
                HttpResponse<byte[]> none = s.call("catalog of none", "GET", "/v2/_catalog?n=0", null, Map.of(), "Link");
                assertEquals(200, none.statusCode(), s.base);
                assertEquals("[]", JSON.readTree(none.body()).get("repositories").toString(), s.base);
                assertEquals("<absent>", s.seen.get(s.seen.size() - 1).headers().get("Link"), s.base);
            }
        }
    }

    @Test
    void aMalformedPageSizeIsRefusedWhereDistributionIgnoresIt() throws Exception {
        try (DistributionRegistry distribution = DistributionRegistry.builder(dir.resolve("d")).start();
             EmbeddedRegistry berth = EmbeddedRegistry.builder().start()) {
            Script d = new Script(distribution.baseUrl());
            Script b = new Script(berth.baseUri().toString());
            for (String n : List.of("-1", "abc")) {
                d.call("n=" + n, "GET", "/v2/_catalog?n=" + n, null, Map.of());
                b.call("n=" + n, "GET", "/v2/_catalog?n=" + n, null, Map.of());
            }
            for (int i = 0; i < 2; i++) {
                assertEquals(200, d.seen.get(i).status(), "distribution 2.8 lists as if n were absent: " + d.seen.get(i).step());
                assertEquals(new Seen(d.seen.get(i).step(), 400, "PAGINATION_NUMBER_INVALID", Map.of()), b.seen.get(i),
                        "Berth says what is wrong, as distribution does for n above its limit");
            }
        }
    }

    @Test
    void aManifestPushByAMalformedDigestIsDigestInvalidAsDistributionsDelete() throws Exception {
        try (DistributionRegistry distribution = DistributionRegistry.builder(dir.resolve("d")).start();
             EmbeddedRegistry berth = EmbeddedRegistry.builder().start()) {
            Script d = new Script(distribution.baseUrl());
            Script b = new Script(berth.baseUri().toString());
            byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
            byte[] body = ImageManifest.builder().config(Descriptor.of(MediaType.OCI_CONFIG, Digest.sha256(config), config.length))
                    .build().bytes();
            for (Script s : List.of(d, b)) {
                pushBlob(s, "cmp/app", config);
                s.seen.clear();
                s.call("delete", "DELETE", "/v2/cmp/app/manifests/sha256:baddigeststring", null, Map.of());
                s.call("put", "PUT", "/v2/cmp/app/manifests/sha256:baddigeststring", body, Map.of("Content-Type", MediaType.OCI_MANIFEST));
            }
            assertEquals(new Seen("delete", 400, "DIGEST_INVALID", Map.of()), d.seen.get(0));
            assertEquals(500, d.seen.get(1).status(), "distribution 2.8 takes it for a tag and fails in its storage driver");
            assertEquals(new Seen("delete", 400, "DIGEST_INVALID", Map.of()), b.seen.get(0));
            assertEquals(new Seen("put", 400, "DIGEST_INVALID", Map.of()), b.seen.get(1), "a tag cannot hold ':'");
        }
    }

    @Test
    void aReferenceThatIsNeitherTagNorDigestIsNotFound() throws Exception {
        try (DistributionRegistry distribution = DistributionRegistry.builder(dir.resolve("d")).start();
             EmbeddedRegistry berth = EmbeddedRegistry.builder().start()) {
            Script d = new Script(distribution.baseUrl());
            Script b = new Script(berth.baseUri().toString());
            for (String method : List.of("GET", "HEAD")) {
                d.call(method, method, "/v2/cmp/app/manifests/.INVALID_MANIFEST_NAME", null, Map.of());
                b.call(method, method, "/v2/cmp/app/manifests/.INVALID_MANIFEST_NAME", null, Map.of());
            }
            for (int i = 0; i < 2; i++) {
                assertEquals(404, d.seen.get(i).status(), "distribution 2.8: its router finds no such route");
                assertEquals(404, b.seen.get(i).status(), b.seen.get(i).step());
            }
            assertEquals("MANIFEST_UNKNOWN", b.seen.get(0).errorCode(), "Berth says so in the specification's terms");
        }
    }
}
