package dev.berth.server.internal;

import dev.berth.auth.Scope;
import dev.berth.model.Digest;
import dev.berth.model.ErrorCode;
import dev.berth.model.MediaType;
import dev.berth.model.Page;
import dev.berth.model.internal.QueryString;
import dev.berth.model.manifest.Manifest;
import dev.berth.model.manifest.ManifestIndex;
import dev.berth.server.http.RegistryExchange;
import dev.berth.server.internal.http.FileRegion;
import dev.berth.server.internal.pipeline.Call;
import dev.berth.server.internal.pipeline.Caller;
import dev.berth.server.internal.pipeline.EventFact;
import dev.berth.server.internal.pipeline.Handler;
import dev.berth.server.spi.BlobInfo;
import dev.berth.server.spi.ManifestRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The distribution API: routes {@code /v2/...} requests to
 * {@link RegistryService} and writes its answers. What is not the API's own
 * job is done by the stages around it: authentication and authorization
 * (which leave the caller on the {@link Call}, asked here only where a mount
 * needs a source repository), read-only mode, notifications (sent from the
 * facts recorded here) and error answers ({@link ApiError}s thrown here
 * are answered by {@link dev.berth.server.internal.pipeline.ApiErrors}).
 */
public final class HttpApi implements Handler {
    private static final int MAX_PAGE = 10_000;
    // As distribution labels its JSON answers.
    private static final String JSON_UTF8 = "application/json; charset=utf-8";

    private final RegistryService registry;

    /** @param registry the registry's rules */
    public HttpApi(RegistryService registry) {
        this.registry = registry;
    }

    @Override
    public void handle(Call call) throws IOException {
        RegistryExchange ex = call.exchange();
        String method = ex.method();
        ApiPath path = call.path();
        Map<String, List<String>> query = QueryString.parse(ex.rawQuery());
        switch (path.kind()) {
            case PING -> {
                requireMethod(method, "GET", "HEAD");
                json(ex, 200, "{}".getBytes(StandardCharsets.UTF_8), JSON_UTF8);
            }
            case CATALOG -> {
                requireMethod(method, "GET");
                catalog(ex, call.caller(), query);
            }
            case TAGS -> {
                requireMethod(method, "GET");
                tags(ex, RegistryService.repository(path.repository()), query);
            }
            case UPLOADS -> uploads(call, method, RegistryService.repository(path.repository()), path.tail(), query);
            case MANIFEST -> manifests(call, method, RegistryService.repository(path.repository()), path.tail(), query);
            case BLOB -> blob(call, method, RegistryService.repository(path.repository()), RegistryService.blobDigest(path.tail()));
            case REFERRERS -> {
                String repo = RegistryService.repository(path.repository());
                requireMethod(method, "GET");
                referrers(ex, repo, RegistryService.digest(path.tail()), query);
            }
            case REPOSITORY -> {
                if (!method.equals("DELETE")) {
                    throw new ApiError(ErrorCode.UNSUPPORTED, 404, "not a registry API path: " + ex.rawPath());
                }
                String repo = RegistryService.repository(path.repository());
                registry.deleteRepository(repo);
                empty(ex, 202);
                call.record(EventFact.deleted(repo, null, ""));
            }
            default -> throw new ApiError(ErrorCode.UNSUPPORTED, 404, "not a registry API path: " + ex.rawPath());
        }
    }

    // ---- manifests

    private void manifests(Call call, String method, String repo, String reference, Map<String, List<String>> query)
            throws IOException {
        RegistryExchange ex = call.exchange();
        switch (method) {
            case "GET", "HEAD" -> {
                ManifestRecord m = registry.getManifest(repo, reference);
                ex.setHeader("Docker-Content-Digest", m.digest().toString());
                if (method.equals("HEAD")) {
                    head(ex, m.size(), m.mediaType());
                } else {
                    json(ex, 200, m.bytes(), m.mediaType());
                    call.record(EventFact.manifest("pull", repo, reference.contains(":") ? "" : reference, m.digest(), m.mediaType(),
                            m.size()));
                }
            }
            case "PUT" -> {
                byte[] body = ex.requestBody().readNBytes(Manifest.MAX_BYTES + 1);
                RegistryService.Pushed pushed = registry.putManifest(repo, reference, query.getOrDefault("tag", List.of()),
                        ex.requestHeader("Content-Type").orElse(null), body);
                ex.setHeader("Location", "/v2/" + repo + "/manifests/" + pushed.digest());
                ex.setHeader("Docker-Content-Digest", pushed.digest().toString());
                pushed.subject().ifPresent(s -> ex.setHeader("OCI-Subject", s.toString()));
                if (query.containsKey("tag")) {
                    // One header per tag applied, as the specification asks of pushes with tag parameters.
                    pushed.tags().forEach(t -> ex.addHeader("OCI-Tag", t));
                }
                empty(ex, 201);
                List<String> tags = pushed.tags().isEmpty() ? List.of("") : pushed.tags();
                for (String tag : tags) {
                    call.record(EventFact.manifest("push", repo, tag, pushed.digest(), pushed.mediaType(), body.length));
                }
            }
            case "DELETE" -> {
                registry.deleteManifest(repo, reference);
                empty(ex, 202);
                if (reference.contains(":")) {
                    call.record(EventFact.deleted(repo, RegistryService.digest(reference), ""));
                } else {
                    call.record(EventFact.deleted(repo, null, reference));
                }
            }
            default -> throw methodNotAllowed(method);
        }
    }

    // ---- blobs

    private void blob(Call call, String method, String repo, Digest digest) throws IOException {
        RegistryExchange ex = call.exchange();
        switch (method) {
            case "GET", "HEAD" -> {
                BlobInfo info = registry.statBlob(repo, digest);
                ex.setHeader("Docker-Content-Digest", digest.toString());
                ex.setHeader("Accept-Ranges", "bytes");
                if (method.equals("HEAD")) {
                    head(ex, info.size(), MediaType.OCTET_STREAM);
                    return;
                }
                Optional<java.net.URI> elsewhere = registry.blobRedirect(digest);
                if (elsewhere.isPresent()) {
                    // Authorized already; the client fetches the bytes there, Range and all, and checks the digest.
                    ex.setHeader("Location", elsewhere.get().toASCIIString());
                    empty(ex, 307);
                    call.record(EventFact.blob("pull", repo, digest, info.size(), null));
                    return;
                }
                long[] range = range(ex.requestHeader("Range").orElse(null), info.size());
                ex.setHeader("Content-Type", MediaType.OCTET_STREAM);
                int status = 200;
                if (range != null) {
                    status = 206;
                    ex.setHeader("Content-Range", "bytes " + range[0] + "-" + range[1] + "/" + info.size());
                }
                long offset = range == null ? 0 : range[0];
                long length = range == null ? info.size() : range[1] - range[0] + 1;
                try (InputStream in = registry.openBlob(digest, offset, length); OutputStream out = ex.respond(status, length)) {
                    if (length > 0 && in instanceof FileRegion file) {
                        file.sendTo(out); // sendfile where the transport can
                    } else if (length > 0) {
                        copy(in, out);
                    }
                }
                call.record(EventFact.blob("pull", repo, digest, info.size(), null));
            }
            case "DELETE" -> {
                registry.deleteBlob(repo, digest);
                empty(ex, 202);
                call.record(EventFact.deleted(repo, digest, ""));
            }
            default -> throw methodNotAllowed(method);
        }
    }

    // InputStream.transferTo copies 8 KiB at a time; large blobs stream far faster in bigger steps.
    private static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[256 * 1024];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            out.write(buffer, 0, n);
        }
    }

    // @return {first, last} inclusive, or null for the whole blob
    private static long[] range(String header, long size) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String h = header.trim();
        if (!h.startsWith("bytes=") || h.contains(",")) {
            throw unsatisfiable(size, "only a single bytes= range is supported");
        }
        String spec = h.substring(6);
        int dash = spec.indexOf('-');
        try {
            long first;
            long last;
            if (dash == 0) {
                long suffix = Long.parseLong(spec.substring(1));
                first = Math.max(0, size - suffix);
                last = size - 1;
            } else {
                first = Long.parseLong(spec.substring(0, dash));
                last = dash == spec.length() - 1 ? size - 1 : Math.min(size - 1, Long.parseLong(spec.substring(dash + 1)));
            }
            if (first > last || first >= size) {
                throw unsatisfiable(size, "range " + spec + " is outside the blob");
            }
            return new long[] {first, last};
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw unsatisfiable(size, "malformed Range " + header);
        }
    }

    // No error body: the specification lists no code for it (distribution 2.8 sends none); RFC 9110 asks for the length.
    private static ApiError unsatisfiable(long size, String why) {
        return ApiError.withoutBody(416, why, Map.of("Content-Range", "bytes */" + size));
    }

    // ---- uploads

    private void uploads(Call call, String method, String repo, String id, Map<String, List<String>> query)
            throws IOException {
        RegistryExchange ex = call.exchange();
        if (id.isEmpty()) {
            requireMethod(method, "POST");
            // A mount with a malformed digest or source falls back to an upload, as the specification says.
            Optional<Digest> mountable = first(query, "mount").flatMap(Digest::tryParse);
            if (mountable.isPresent()) {
                Digest digest = mountable.get();
                Optional<RegistryService.Mounted> mounted = mount(call.caller(), repo, digest, first(query, "from"));
                if (mounted.isPresent()) {
                    created(ex, repo, digest);
                    call.record(EventFact.blob("mount", repo, digest, mounted.get().blob().size(), mounted.get().from()));
                    return;
                }
            }
            Optional<String> digest = first(query, "digest");
            String session = registry.startUpload(repo);
            if (digest.isPresent()) {
                Digest d = RegistryService.digest(digest.get());
                BlobInfo stored;
                try {
                    registry.append(repo, session, 0L, ex.requestBody());
                    stored = registry.finishUpload(repo, session, d);
                } catch (ApiError e) {
                    registry.cancelUploadQuietly(session);
                    throw e;
                }
                created(ex, repo, d);
                call.record(EventFact.blob("push", repo, d, stored.size(), null));
                return;
            }
            uploadStatus(ex, repo, session, 0, 202);
            return;
        }
        switch (method) {
            case "PATCH" -> {
                Long offset = contentRangeStart(ex.requestHeader("Content-Range").orElse(null));
                long size = registry.append(repo, id, offset, ex.requestBody());
                uploadStatus(ex, repo, id, size, 202);
            }
            case "PUT" -> {
                Digest digest = RegistryService.digest(first(query, "digest").orElseThrow(() ->
                        new ApiError(ErrorCode.DIGEST_INVALID, "the digest parameter is required to finish an upload")));
                Long offset = contentRangeStart(ex.requestHeader("Content-Range").orElse(null));
                registry.append(repo, id, offset, ex.requestBody());
                BlobInfo stored = registry.finishUpload(repo, id, digest);
                created(ex, repo, digest);
                call.record(EventFact.blob("push", repo, digest, stored.size(), null));
            }
            case "GET" -> uploadStatus(ex, repo, id, registry.uploadSize(repo, id), 204);
            case "DELETE" -> {
                registry.cancelUpload(repo, id);
                empty(ex, 204);
            }
            default -> throw methodNotAllowed(method);
        }
    }

    // A mount links a blob only from repositories the caller may pull; anything else falls back to an upload (202).
    private Optional<RegistryService.Mounted> mount(Caller caller, String repo, Digest digest, Optional<String> from) {
        if (from.isPresent()) {
            if (from.get().isEmpty()) {
                return Optional.empty();
            }
            return caller.may(Scope.pull(from.get())) ? registry.mount(repo, digest, from.get()) : Optional.empty();
        }
        if (!registry.automaticCrossMount()) {
            return Optional.empty();
        }
        Iterable<String> all = registry.allRepositories();
        Iterable<String> pullable = () -> java.util.stream.StreamSupport.stream(all.spliterator(), false)
                .filter(name -> caller.may(Scope.pull(name))).iterator();
        return registry.mountFromAny(repo, digest, pullable);
    }

    // Content-Range on PATCH is "<start>-<end>" (no unit); some clients add "bytes ".
    private static Long contentRangeStart(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String h = header.trim().replaceFirst("^bytes[ =]", "");
        int dash = h.indexOf('-');
        try {
            return Long.parseLong(dash < 0 ? h : h.substring(0, dash));
        } catch (NumberFormatException e) {
            throw new ApiError(ErrorCode.BLOB_UPLOAD_INVALID, 400, "malformed Content-Range " + header);
        }
    }

    private static void uploadStatus(RegistryExchange ex, String repo, String id, long size, int status) throws IOException {
        ex.setHeader("Location", "/v2/" + repo + "/blobs/uploads/" + id);
        ex.setHeader("Range", size == 0 ? "0-0" : "0-" + (size - 1));
        ex.setHeader("Docker-Upload-UUID", id);
        empty(ex, status);
    }

    private static void created(RegistryExchange ex, String repo, Digest digest) throws IOException {
        ex.setHeader("Location", "/v2/" + repo + "/blobs/" + digest);
        ex.setHeader("Docker-Content-Digest", digest.toString());
        empty(ex, 201);
    }

    // ---- discovery

    private void tags(RegistryExchange ex, String repo, Map<String, List<String>> query) throws IOException {
        int n = pageSize(query);
        String last = first(query, "last").orElse("");
        Page<String> page = registry.tags(repo, last, n);
        StringBuilder body = new StringBuilder("{\"name\":").append(quote(repo)).append(",\"tags\":[");
        appendNames(body, page.items()).append("]}");
        nextPageLink(ex, "/v2/" + repo + "/tags/list", n, page);
        json(ex, 200, body.toString().getBytes(StandardCharsets.UTF_8), JSON_UTF8);
    }

    // The catalog lists only what the caller may see (an access policy: what they may pull).
    private void catalog(RegistryExchange ex, Caller caller, Map<String, List<String>> query) throws IOException {
        int n = pageSize(query);
        Page<String> page = registry.catalog(first(query, "last").orElse(""), n, caller::lists);
        StringBuilder body = new StringBuilder("{\"repositories\":[");
        appendNames(body, page.items()).append("]}");
        nextPageLink(ex, "/v2/_catalog", n, page);
        json(ex, 200, body.toString().getBytes(StandardCharsets.UTF_8), JSON_UTF8);
    }

    private void referrers(RegistryExchange ex, String repo, Digest subject, Map<String, List<String>> query) throws IOException {
        Optional<String> artifactType = first(query, "artifactType");
        ManifestIndex index = artifactType.filter(t -> !t.isBlank())
                .map(t -> registry.referrers(repo, subject, t)).orElseGet(() -> registry.referrers(repo, subject));
        artifactType.ifPresent(t -> ex.setHeader("OCI-Filters-Applied", "artifactType"));
        json(ex, 200, index.bytes(), MediaType.OCI_INDEX);
    }

    // n is digits only (no sign, no spaces), 0 included: the specification answers n=0 with an empty list.
    private static int pageSize(Map<String, List<String>> query) {
        Optional<String> n = first(query, "n");
        if (n.isEmpty()) {
            return -1;
        }
        String text = n.get();
        if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(c -> c >= '0' && c <= '9')
                || Integer.parseInt(text) > MAX_PAGE) {
            throw new ApiError(ErrorCode.PAGINATION_NUMBER_INVALID, 400, "n must be a whole number from 0 to " + MAX_PAGE
                    + ", not \"" + text + "\"");
        }
        return Integer.parseInt(text);
    }

    // A Link only to a page that can follow this one: never after an empty page (n=0 has no Link, as the specification says).
    private static void nextPageLink(RegistryExchange ex, String path, int n, Page<String> page) {
        if (page.isLast() || page.items().isEmpty()) {
            return;
        }
        String last = page.items().get(page.items().size() - 1);
        ex.setHeader("Link", "<" + path + "?n=" + n + "&last=" + URLEncoder.encode(last, StandardCharsets.UTF_8)
                + ">; rel=\"next\"");
    }

    private static StringBuilder appendNames(StringBuilder body, List<String> names) {
        for (int i = 0; i < names.size(); i++) {
            body.append(i == 0 ? "" : ",").append(quote(names.get(i)));
        }
        return body;
    }

    // Names are validated repository names and tags: letters, digits and . _ - / only, nothing to escape.
    private static String quote(String s) {
        return "\"" + s + "\"";
    }

    // ---- plumbing

    private static void requireMethod(String method, String... allowed) {
        for (String a : allowed) {
            if (a.equals(method)) {
                return;
            }
        }
        throw methodNotAllowed(method);
    }

    private static ApiError methodNotAllowed(String method) {
        return new ApiError(ErrorCode.UNSUPPORTED, 405, "method " + method + " is not supported here");
    }

    private static void json(RegistryExchange ex, int status, byte[] body, String contentType) throws IOException {
        ex.setHeader("Content-Type", contentType);
        // A HEAD's answer carries the length of what a GET would send; the transport drops the body.
        try (OutputStream out = ex.respond(status, body.length)) {
            if (!ex.method().equals("HEAD")) {
                out.write(body);
            }
        }
    }

    private static void head(RegistryExchange ex, long length, String contentType) throws IOException {
        ex.setHeader("Content-Type", contentType);
        ex.respond(200, length).close();
    }

    private static void empty(RegistryExchange ex, int status) throws IOException {
        ex.requestBody().transferTo(OutputStream.nullOutputStream());
        ex.respond(status, 0).close();
    }

    private static Optional<String> first(Map<String, List<String>> query, String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

}
