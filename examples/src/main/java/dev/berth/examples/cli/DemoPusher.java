package dev.berth.examples.cli;

import dev.berth.model.Digest;
import dev.berth.model.OciException;
import dev.berth.model.manifest.Manifest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * The few distribution-API calls the demo makes against the embedded
 * registry: a monolithic blob upload, a manifest push, a GET. (The full
 * client, with auth, retries and chunked uploads, is oci-client's job.)
 */
final class DemoPusher {
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;

    DemoPusher(URI base) {
        this.base = base;
    }

    void pushBlobs(String repository, Map<Digest, byte[]> blobs) {
        for (Map.Entry<Digest, byte[]> b : blobs.entrySet()) {
            expect(201, send("POST", "/v2/" + repository + "/blobs/uploads/?digest=" + b.getKey(), b.getValue(), null),
                    "blob " + b.getKey().shortForm());
        }
    }

    Digest pushManifest(String repository, String reference, Manifest manifest) {
        HttpResponse<byte[]> r = send("PUT", "/v2/" + repository + "/manifests/" + reference, manifest.bytes(), manifest.mediaType());
        expect(201, r, "manifest " + reference);
        return Digest.parse(r.headers().firstValue("Docker-Content-Digest").orElseThrow());
    }

    HttpResponse<byte[]> get(String path) {
        return send("GET", path, null, null);
    }

    HttpResponse<byte[]> delete(String path) {
        return send("DELETE", path, null, null);
    }

    private HttpResponse<byte[]> send(String method, String path, byte[] body, String contentType) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new OciException("the embedded registry did not answer " + method + " " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OciException("interrupted", e);
        }
    }

    private static void expect(int status, HttpResponse<byte[]> r, String what) {
        if (r.statusCode() != status) {
            throw new OciException("pushing " + what + " to the embedded registry: HTTP " + r.statusCode() + " "
                    + new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
