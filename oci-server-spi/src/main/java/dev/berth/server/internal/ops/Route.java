package dev.berth.server.internal.ops;

/**
 * The endpoint a request path addresses, as metrics label it and body limits tell routes apart. Read from the
 * raw path with a few comparisons (no decoding, no allocation): it runs on every request. Repository names
 * contain slashes, so the last marker decides, as the router's own parsing does.
 */
enum Route {
    BASE, CATALOG, TAGS, MANIFESTS, BLOBS, UPLOADS, REFERRERS, OTHER;

    /** The label value: the constant's name in lower case. */
    final String label = name().toLowerCase(java.util.Locale.ROOT);

    static Route of(String rawPath) {
        if (!rawPath.startsWith("/v2")) {
            return OTHER;
        }
        if (rawPath.length() == 3 || rawPath.equals("/v2/")) {
            return BASE;
        }
        if (rawPath.charAt(3) != '/') {
            return OTHER;
        }
        if (rawPath.equals("/v2/_catalog")) {
            return CATALOG;
        }
        if (rawPath.endsWith("/tags/list")) {
            return TAGS;
        }
        int uploads = rawPath.lastIndexOf("/blobs/uploads");
        if (uploads > 3) {
            int afterMarker = uploads + "/blobs/uploads".length();
            // .../blobs/uploads, .../blobs/uploads/ or .../blobs/uploads/<id>: an id has no slash
            if (afterMarker == rawPath.length()
                    || rawPath.charAt(afterMarker) == '/' && rawPath.indexOf('/', afterMarker + 1) < 0) {
                return UPLOADS;
            }
        }
        int manifests = rawPath.lastIndexOf("/manifests/");
        int blobs = rawPath.lastIndexOf("/blobs/");
        int referrers = rawPath.lastIndexOf("/referrers/");
        int last = Math.max(manifests, Math.max(blobs, referrers));
        if (last <= 3) {
            return OTHER;
        }
        return last == manifests ? MANIFESTS : last == blobs ? BLOBS : REFERRERS;
    }
}
