package dev.berth.server.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A request path of the distribution API, split once: what it addresses and
 * in which repository. Repository names contain slashes, so the path is split
 * at the last marker ({@code /manifests/}, {@code /blobs/}, ...); tags,
 * digests and upload ids never contain one. The repository is not validated
 * here: routing does that, after authentication.
 *
 * @param kind       what the path addresses
 * @param repository the repository, or empty for paths outside one
 * @param tail       what follows the marker: reference, digest or upload id (possibly empty)
 */
public record ApiPath(Kind kind, String repository, String tail) {

    /** The endpoints of the API. */
    public enum Kind { PING, CATALOG, TAGS, UPLOADS, MANIFEST, BLOB, REFERRERS, REPOSITORY, NONE }

    /**
     * @param rawPath the request path, still percent-encoded
     * @return what it addresses; {@link Kind#NONE} for a path outside the API
     */
    public static ApiPath parse(String rawPath) {
        if (rawPath.equals("/v2/") || rawPath.equals("/v2")) {
            return new ApiPath(Kind.PING, "", "");
        }
        if (!rawPath.startsWith("/v2/")) {
            return new ApiPath(Kind.NONE, "", "");
        }
        String rest = rawPath.substring(4);
        if (rest.indexOf('%') >= 0) {
            rest = URLDecoder.decode(rest.replace("+", "%2B"), StandardCharsets.UTF_8); // a '+' is itself in a path
        }
        if (rest.equals("_catalog")) {
            return new ApiPath(Kind.CATALOG, "", "");
        }
        if (rest.endsWith("/tags/list")) {
            return new ApiPath(Kind.TAGS, rest.substring(0, rest.length() - "/tags/list".length()), "");
        }
        int uploads = rest.lastIndexOf("/blobs/uploads");
        int idStart = uploads + "/blobs/uploads/".length();
        if (uploads > 0 && (rest.endsWith("/blobs/uploads") || rest.endsWith("/blobs/uploads/")
                || rest.indexOf('/', idStart) < 0)) {
            return new ApiPath(Kind.UPLOADS, rest.substring(0, uploads), rest.length() > idStart ? rest.substring(idStart) : "");
        }
        int manifests = rest.lastIndexOf("/manifests/");
        int blobs = rest.lastIndexOf("/blobs/");
        int referrers = rest.lastIndexOf("/referrers/");
        int last = Math.max(manifests, Math.max(blobs, referrers));
        if (last <= 0) {
            // /v2/<name>/ addresses the repository itself (its deletion); without the slash it is no API path.
            return rest.length() > 1 && rest.endsWith("/") ? new ApiPath(Kind.REPOSITORY, rest.substring(0, rest.length() - 1), "")
                    : new ApiPath(Kind.NONE, "", "");
        }
        Kind kind = last == manifests ? Kind.MANIFEST : last == blobs ? Kind.BLOB : Kind.REFERRERS;
        int marker = kind == Kind.MANIFEST ? "/manifests/".length() : kind == Kind.BLOB ? "/blobs/".length() : "/referrers/".length();
        return new ApiPath(kind, rest.substring(0, last), rest.substring(last + marker));
    }

    /**
     * The access a request needs, as distribution names it in its challenge:
     * pull to read, push to write (and to cancel an upload), delete to delete.
     *
     * @param method the request method
     * @return the scope, or null for {@code /v2/} and paths outside the API
     */
    public dev.berth.auth.Scope requiredScope(String method) {
        return switch (kind) {
            case PING, NONE -> null;
            case CATALOG -> dev.berth.auth.Scope.CATALOG;
            // Only its DELETE is an API route; other methods are answered as paths outside the API.
            case REPOSITORY -> method.equals("DELETE") ? dev.berth.auth.Scope.delete(repository) : null;
            default -> switch (method) {
                case "GET", "HEAD" -> dev.berth.auth.Scope.pull(repository);
                case "DELETE" -> kind == Kind.UPLOADS ? dev.berth.auth.Scope.push(repository)
                        : dev.berth.auth.Scope.delete(repository);
                default -> dev.berth.auth.Scope.push(repository);
            };
        };
    }
}
