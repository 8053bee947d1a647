package dev.berth.server.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.berth.model.Digest;
import dev.berth.model.ErrorCode;
import dev.berth.model.MediaType;
import dev.berth.model.RegistryError;
import dev.berth.model.internal.QueryString;
import dev.berth.model.manifest.Manifest;
import dev.berth.model.manifest.ManifestIndex;
import dev.berth.server.spi.BlobInfo;
import dev.berth.server.spi.ManifestRecord;
import dev.berth.server.spi.Page;
import dev.berth.server.spi.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The distribution API over the JDK HTTP server: routes {@code /v2/...}
 * requests to {@link RegistryService} and writes its answers and errors, the
 * latter in exactly one place with the specification's error body.
 */
public final class HttpApi implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private static final String API_VERSION = "registry/2.0";
    private static final int MAX_PAGE = 10_000;
    // As distribution labels its JSON answers.
    private static final String JSON_UTF8 = "application/json; charset=utf-8";
    // The verified bearer token of the request, for decisions beyond the path's own scope (mounts).
    private static final String TOKEN = "berth.token";

    private final RegistryService registry;
    private final dev.berth.server.auth.Authenticator authenticator;
    private final dev.berth.server.TokenAuth tokenAuth;
    private final boolean readOnly;
    private final EventEmitter events;
    private final java.util.concurrent.atomic.AtomicInteger active = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * @param registry      the registry's rules
     * @param authenticator checks Basic credentials, or null
     * @param tokenAuth     checks bearer tokens, or null (at most one of the two)
     * @param readOnly      whether writes are refused
     * @param events        where notifications go
     */
    public HttpApi(RegistryService registry, dev.berth.server.auth.Authenticator authenticator,
                   dev.berth.server.TokenAuth tokenAuth, boolean readOnly, EventEmitter events) {
        this.registry = registry;
        this.authenticator = authenticator;
        this.tokenAuth = tokenAuth;
        this.readOnly = readOnly;
        this.events = events;
    }

    /** @return how many requests are being handled right now */
    public int activeRequests() {
        return active.get();
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        active.incrementAndGet();
        try (ex) {
            ex.getResponseHeaders().set("Docker-Distribution-API-Version", API_VERSION);
            try {
                route(ex);
            } catch (ApiError e) {
                error(ex, e.status, e.code, e.getMessage(), e.headers, e.detail);
            } catch (StorageException e) {
                // The path only: a query can carry secrets (upload state, tokens), as the access log knows.
                LOG.warn("storage failure on {} {}: {}", ex.getRequestMethod(), ex.getRequestURI().getRawPath(), e.getMessage());
                error(ex, 500, ErrorCode.UNKNOWN, "storage failure", Map.of(), null);
            } catch (IOException e) {
                LOG.debug("client went away during {} {}: {}", ex.getRequestMethod(), ex.getRequestURI().getRawPath(), e.toString());
            } catch (RuntimeException e) {
                // One line per failure at WARN; the stack trace only for whoever turns on DEBUG.
                LOG.warn("unexpected failure on {} {}: {}", ex.getRequestMethod(), ex.getRequestURI().getRawPath(), e.toString());
                LOG.debug("unexpected failure on {} {}", ex.getRequestMethod(), ex.getRequestURI().getRawPath(), e);
                error(ex, 500, ErrorCode.UNKNOWN, "internal error", Map.of(), null);
            }
        } finally {
            active.decrementAndGet();
        }
    }

    private void route(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        ApiPath path = ApiPath.parse(ex.getRequestURI().getRawPath());
        dev.berth.auth.Scope scope = requiredScope(method, path);
        String actor = tokenAuth != null ? authorizeToken(ex, scope) : authenticate(ex, scope);
        ex.setAttribute(EventEmitter.ACTOR, actor);
        if (readOnly && !method.equals("GET") && !method.equals("HEAD")) {
            throw new ApiError(ErrorCode.UNSUPPORTED, 405, "the registry is in read-only mode");
        }
        Map<String, List<String>> query = QueryString.parse(ex.getRequestURI().getRawQuery());
        switch (path.kind()) {
            case PING -> {
                requireMethod(method, "GET", "HEAD");
                json(ex, 200, "{}".getBytes(StandardCharsets.UTF_8), JSON_UTF8);
            }
            case CATALOG -> {
                requireMethod(method, "GET");
                catalog(ex, query);
            }
            case TAGS -> {
                requireMethod(method, "GET");
                tags(ex, RegistryService.repository(path.repository()), query);
            }
            case UPLOADS -> uploads(ex, method, RegistryService.repository(path.repository()), path.tail(), query);
            case MANIFEST -> manifests(ex, method, RegistryService.repository(path.repository()), path.tail(), query);
            case BLOB -> blob(ex, method, RegistryService.repository(path.repository()), RegistryService.blobDigest(path.tail()));
            case REFERRERS -> {
                String repo = RegistryService.repository(path.repository());
                requireMethod(method, "GET");
                referrers(ex, repo, RegistryService.digest(path.tail()), query);
            }
            default -> throw new ApiError(ErrorCode.UNSUPPORTED, 404, "not a registry API path: " + ex.getRequestURI().getRawPath());
        }
    }

    // Every API path needs credentials when an authenticator is set, /v2/ included (clients probe it).
    private String authenticate(HttpExchange ex, dev.berth.auth.Scope scope) {
        if (authenticator == null) {
            return "";
        }
        String header = ex.getRequestHeaders().getFirst("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(java.util.Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon > 0 && authenticator.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1))) {
                    return decoded.substring(0, colon);
                }
            } catch (IllegalArgumentException malformed) {
                // answered like a wrong password below
            }
        }
        throw new ApiError(ErrorCode.UNAUTHORIZED, 401, "authentication required",
                Map.of("WWW-Authenticate", "Basic realm=\"berth\""), accessDetail(scope));
    }

    // A 401's detail as distribution writes it: the access the request needs, one entry per action. Clients that
    // shorten a default message to its code (podman: "unauthorized") print the detail.
    private static String accessDetail(dev.berth.auth.Scope scope) {
        com.fasterxml.jackson.databind.node.ArrayNode detail = dev.berth.model.internal.Json.mapper().createArrayNode();
        if (scope != null) {
            for (String action : new java.util.TreeSet<>(scope.actions())) {
                detail.addObject().put("Type", scope.type()).put("Class", "").put("Name", scope.name()).put("Action", action);
            }
        }
        return detail.toString();
    }

    // The scope a request needs, as distribution names it in its challenge; null for /v2/ and unknown paths.
    private static dev.berth.auth.Scope requiredScope(String method, ApiPath path) {
        return switch (path.kind()) {
            case PING, NONE -> null;
            case CATALOG -> dev.berth.auth.Scope.CATALOG;
            default -> switch (method) {
                case "GET", "HEAD" -> dev.berth.auth.Scope.pull(path.repository());
                case "DELETE" -> path.kind() == ApiPath.Kind.UPLOADS ? dev.berth.auth.Scope.push(path.repository())
                        : dev.berth.auth.Scope.delete(path.repository());
                default -> dev.berth.auth.Scope.push(path.repository());
            };
        };
    }

    // Bearer tokens: a valid token with the needed access, or a 401 that says where to get one.
    private String authorizeToken(HttpExchange ex, dev.berth.auth.Scope scope) {
        String header = ex.getRequestHeaders().getFirst("Authorization");
        String challenge = "Bearer realm=\"" + tokenAuth.realm() + "\",service=\"" + tokenAuth.service() + "\""
                + (scope == null ? "" : ",scope=\"" + scope + "\"");
        String detail = accessDetail(scope);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiError(ErrorCode.UNAUTHORIZED, 401, "authentication required", Map.of("WWW-Authenticate", challenge),
                    detail);
        }
        dev.berth.server.auth.TokenVerifier.Verified token;
        try {
            token = tokenAuth.verifier().verify(header.substring(7).trim());
        } catch (dev.berth.auth.AuthenticationException e) {
            // error_description too: clients build their error from the challenge and drop the body's message.
            throw new ApiError(ErrorCode.UNAUTHORIZED, 401, e.getMessage(), Map.of("WWW-Authenticate",
                    challenge + ",error=\"invalid_token\",error_description=\"" + quotable(e.getMessage()) + "\""), detail);
        }
        if (scope != null && !token.allows(scope)) {
            String why = "the token does not grant " + scope;
            throw new ApiError(ErrorCode.DENIED, 401, why, Map.of("WWW-Authenticate",
                    challenge + ",error=\"insufficient_scope\",error_description=\"" + quotable(why) + "\""), detail);
        }
        ex.setAttribute(TOKEN, token);
        return token.subject();
    }

    // Inside a quoted challenge parameter: no quotes or backslashes (the messages are Berth's own, this is a guard).
    private static String quotable(String text) {
        return text.replace('"', '\'').replace("\\", "/");
    }

    // ---- manifests

    private void manifests(HttpExchange ex, String method, String repo, String reference, Map<String, List<String>> query)
            throws IOException {
        switch (method) {
            case "GET", "HEAD" -> {
                ManifestRecord m = registry.getManifest(repo, reference);
                ex.getResponseHeaders().set("Docker-Content-Digest", m.digest().toString());
                if (method.equals("HEAD")) {
                    head(ex, m.size(), m.mediaType());
                } else {
                    json(ex, 200, m.bytes(), m.mediaType());
                    events.manifest(ex, "pull", repo, reference.contains(":") ? "" : reference, m.digest(), m.mediaType(), m.size());
                }
            }
            case "PUT" -> {
                byte[] body = ex.getRequestBody().readNBytes(Manifest.MAX_BYTES + 1);
                RegistryService.Pushed pushed = registry.putManifest(repo, reference, query.getOrDefault("tag", List.of()),
                        ex.getRequestHeaders().getFirst("Content-Type"), body);
                ex.getResponseHeaders().set("Location", "/v2/" + repo + "/manifests/" + pushed.digest());
                ex.getResponseHeaders().set("Docker-Content-Digest", pushed.digest().toString());
                pushed.subject().ifPresent(s -> ex.getResponseHeaders().set("OCI-Subject", s.toString()));
                if (query.containsKey("tag")) {
                    // One header per tag applied, as the specification asks of pushes with tag parameters.
                    pushed.tags().forEach(t -> ex.getResponseHeaders().add("OCI-Tag", t));
                }
                empty(ex, 201);
                List<String> tags = pushed.tags().isEmpty() ? List.of("") : pushed.tags();
                for (String tag : tags) {
                    events.manifest(ex, "push", repo, tag, pushed.digest(), pushed.mediaType(), body.length);
                }
            }
            case "DELETE" -> {
                registry.deleteManifest(repo, reference);
                empty(ex, 202);
                if (reference.contains(":")) {
                    events.deleted(ex, repo, RegistryService.digest(reference), "");
                } else {
                    events.deleted(ex, repo, null, reference);
                }
            }
            default -> throw methodNotAllowed(method);
        }
    }

    // ---- blobs

    private void blob(HttpExchange ex, String method, String repo, Digest digest) throws IOException {
        switch (method) {
            case "GET", "HEAD" -> {
                BlobInfo info = registry.statBlob(repo, digest);
                ex.getResponseHeaders().set("Docker-Content-Digest", digest.toString());
                ex.getResponseHeaders().set("Accept-Ranges", "bytes");
                if (method.equals("HEAD")) {
                    head(ex, info.size(), MediaType.OCTET_STREAM);
                    return;
                }
                long[] range = range(ex.getRequestHeaders().getFirst("Range"), info.size());
                ex.getResponseHeaders().set("Content-Type", MediaType.OCTET_STREAM);
                int status = 200;
                if (range != null) {
                    status = 206;
                    ex.getResponseHeaders().set("Content-Range", "bytes " + range[0] + "-" + range[1] + "/" + info.size());
                }
                long offset = range == null ? 0 : range[0];
                long length = range == null ? info.size() : range[1] - range[0] + 1;
                try (InputStream in = registry.openBlob(digest, offset, length)) {
                    ex.sendResponseHeaders(status, length == 0 ? -1 : length);
                    if (length > 0) {
                        try (OutputStream out = ex.getResponseBody()) {
                            copy(in, out);
                        }
                    }
                }
                events.blob(ex, "pull", repo, digest, info.size(), null);
            }
            case "DELETE" -> {
                registry.deleteBlob(repo, digest);
                empty(ex, 202);
                events.deleted(ex, repo, digest, "");
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

    private void uploads(HttpExchange ex, String method, String repo, String id, Map<String, List<String>> query)
            throws IOException {
        if (id.isEmpty()) {
            requireMethod(method, "POST");
            // A mount with a malformed digest or source falls back to an upload, as the specification says.
            Optional<Digest> mountable = first(query, "mount").flatMap(Digest::tryParse);
            if (mountable.isPresent()) {
                Digest digest = mountable.get();
                Optional<RegistryService.Mounted> mounted = mount(ex, repo, digest, first(query, "from"));
                if (mounted.isPresent()) {
                    created(ex, repo, digest);
                    events.blob(ex, "mount", repo, digest, mounted.get().blob().size(), mounted.get().from());
                    return;
                }
            }
            Optional<String> digest = first(query, "digest");
            String session = registry.startUpload(repo);
            if (digest.isPresent()) {
                Digest d = RegistryService.digest(digest.get());
                BlobInfo stored;
                try {
                    registry.append(repo, session, 0L, ex.getRequestBody());
                    stored = registry.finishUpload(repo, session, d);
                } catch (ApiError e) {
                    registry.cancelUploadQuietly(session);
                    throw e;
                }
                created(ex, repo, d);
                events.blob(ex, "push", repo, d, stored.size(), null);
                return;
            }
            uploadStatus(ex, repo, session, 0, 202);
            return;
        }
        switch (method) {
            case "PATCH" -> {
                Long offset = contentRangeStart(ex.getRequestHeaders().getFirst("Content-Range"));
                long size = registry.append(repo, id, offset, ex.getRequestBody());
                uploadStatus(ex, repo, id, size, 202);
            }
            case "PUT" -> {
                Digest digest = RegistryService.digest(first(query, "digest").orElseThrow(() ->
                        new ApiError(ErrorCode.DIGEST_INVALID, "the digest parameter is required to finish an upload")));
                Long offset = contentRangeStart(ex.getRequestHeaders().getFirst("Content-Range"));
                registry.append(repo, id, offset, ex.getRequestBody());
                BlobInfo stored = registry.finishUpload(repo, id, digest);
                created(ex, repo, digest);
                events.blob(ex, "push", repo, digest, stored.size(), null);
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
    private Optional<RegistryService.Mounted> mount(HttpExchange ex, String repo, Digest digest, Optional<String> from) {
        dev.berth.server.auth.TokenVerifier.Verified token = (dev.berth.server.auth.TokenVerifier.Verified) ex.getAttribute(TOKEN);
        if (from.isPresent()) {
            if (from.get().isEmpty()) {
                return Optional.empty();
            }
            boolean mayPull = token == null || token.allows(dev.berth.auth.Scope.pull(from.get()));
            return mayPull ? registry.mount(repo, digest, from.get()) : Optional.empty();
        }
        if (!registry.automaticCrossMount()) {
            return Optional.empty();
        }
        return registry.mountFromAny(repo, digest, token == null ? registry.allRepositories() : pullable(token));
    }

    // The repositories a token grants pull on (the registry's rules, not the token, decide whether they exist).
    private static List<String> pullable(dev.berth.server.auth.TokenVerifier.Verified token) {
        List<String> names = new java.util.ArrayList<>();
        for (dev.berth.auth.Scope s : token.access()) {
            if (s.type().equals("repository") && token.allows(dev.berth.auth.Scope.pull(s.name())) && !names.contains(s.name())) {
                names.add(s.name());
            }
        }
        return names;
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

    private static void uploadStatus(HttpExchange ex, String repo, String id, long size, int status) throws IOException {
        ex.getResponseHeaders().set("Location", "/v2/" + repo + "/blobs/uploads/" + id);
        ex.getResponseHeaders().set("Range", size == 0 ? "0-0" : "0-" + (size - 1));
        ex.getResponseHeaders().set("Docker-Upload-UUID", id);
        empty(ex, status);
    }

    private static void created(HttpExchange ex, String repo, Digest digest) throws IOException {
        ex.getResponseHeaders().set("Location", "/v2/" + repo + "/blobs/" + digest);
        ex.getResponseHeaders().set("Docker-Content-Digest", digest.toString());
        empty(ex, 201);
    }

    // ---- discovery

    private void tags(HttpExchange ex, String repo, Map<String, List<String>> query) throws IOException {
        int n = pageSize(query);
        String last = first(query, "last").orElse(null);
        Page page = registry.tags(repo, last, n);
        StringBuilder body = new StringBuilder("{\"name\":").append(quote(repo)).append(",\"tags\":[");
        appendNames(body, page.items()).append("]}");
        nextPageLink(ex, "/v2/" + repo + "/tags/list", n, page);
        json(ex, 200, body.toString().getBytes(StandardCharsets.UTF_8), JSON_UTF8);
    }

    private void catalog(HttpExchange ex, Map<String, List<String>> query) throws IOException {
        int n = pageSize(query);
        Page page = registry.catalog(first(query, "last").orElse(null), n);
        StringBuilder body = new StringBuilder("{\"repositories\":[");
        appendNames(body, page.items()).append("]}");
        nextPageLink(ex, "/v2/_catalog", n, page);
        json(ex, 200, body.toString().getBytes(StandardCharsets.UTF_8), JSON_UTF8);
    }

    private void referrers(HttpExchange ex, String repo, Digest subject, Map<String, List<String>> query) throws IOException {
        Optional<String> artifactType = first(query, "artifactType");
        ManifestIndex index = registry.referrers(repo, subject, artifactType.orElse(null));
        artifactType.ifPresent(t -> ex.getResponseHeaders().set("OCI-Filters-Applied", "artifactType"));
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
    private static void nextPageLink(HttpExchange ex, String path, int n, Page page) {
        if (!page.more() || page.items().isEmpty()) {
            return;
        }
        String last = page.items().get(page.items().size() - 1);
        ex.getResponseHeaders().set("Link", "<" + path + "?n=" + n + "&last=" + URLEncoder.encode(last, StandardCharsets.UTF_8)
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

    private static void json(HttpExchange ex, int status, byte[] body, String contentType) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        if (ex.getRequestMethod().equals("HEAD")) {
            head(ex, body.length, contentType);
            return;
        }
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    // HEAD answers carry the length of what a GET would send; the JDK server wants it set by hand.
    private static void head(HttpExchange ex, long length, String contentType) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.getResponseHeaders().set("Content-Length", Long.toString(length));
        ex.sendResponseHeaders(200, -1);
    }

    private static void empty(HttpExchange ex, int status) throws IOException {
        ex.getRequestBody().transferTo(OutputStream.nullOutputStream());
        ex.sendResponseHeaders(status, -1);
    }

    // HEAD answers carry the headers a GET's would, its body's length included, without the body. Without a code,
    // there is no body at all.
    private static void error(HttpExchange ex, int status, ErrorCode code, String message, Map<String, String> headers,
                              String detail) throws IOException {
        headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        if (code == null) {
            LOG.debug("{} {}: {} {}", ex.getRequestMethod(), ex.getRequestURI(), status, message);
            empty(ex, status);
            return;
        }
        byte[] body = RegistryError.toBody(List.of(new RegistryError(code, code.name(), message, Optional.ofNullable(detail))));
        ex.getResponseHeaders().set("Content-Type", JSON_UTF8);
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private static Optional<String> first(Map<String, List<String>> query, String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

}
