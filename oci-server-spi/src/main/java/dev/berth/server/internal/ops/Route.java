package dev.berth.server.internal.ops;

import dev.berth.server.internal.ApiPath;

/**
 * The endpoint a request path addresses, as metrics label it and body limits tell routes apart: the kind of
 * {@link ApiPath} the router reads, which a request parses once.
 */
enum Route {
    BASE, CATALOG, TAGS, MANIFESTS, BLOBS, UPLOADS, REFERRERS, OTHER;

    /** The label value: the constant's name in lower case. */
    final String label = name().toLowerCase(java.util.Locale.ROOT);

    /** @return the route of a path the router parsed: a request's, from {@link dev.berth.server.internal.pipeline.Call#path} */
    static Route of(ApiPath.Kind kind) {
        return switch (kind) {
            case PING -> BASE;
            case CATALOG -> CATALOG;
            case TAGS -> TAGS;
            case MANIFEST -> MANIFESTS;
            case BLOB -> BLOBS;
            case UPLOADS -> UPLOADS;
            case REFERRERS -> REFERRERS;
            case REPOSITORY, NONE -> OTHER;
        };
    }
}
