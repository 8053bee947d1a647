package dev.berth.server.internal.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.server.internal.ApiPath;
import org.junit.jupiter.api.Test;

class RouteTest {
    private static Route of(String rawPath) {
        return Route.of(ApiPath.parse(rawPath).kind());
    }

    @Test
    void everyApiPathHasItsRoute() {
        assertEquals(Route.BASE, of("/v2/"));
        assertEquals(Route.BASE, of("/v2"));
        assertEquals(Route.CATALOG, of("/v2/_catalog"));
        assertEquals(Route.TAGS, of("/v2/team/app/tags/list"));
        assertEquals(Route.MANIFESTS, of("/v2/team/app/manifests/1.0"));
        assertEquals(Route.MANIFESTS, of("/v2/a/blobs/b/manifests/sha256:00"));
        assertEquals(Route.BLOBS, of("/v2/team/app/blobs/sha256:00"));
        assertEquals(Route.BLOBS, of("/v2/a/manifests/x/blobs/sha256:00"));
        assertEquals(Route.UPLOADS, of("/v2/team/app/blobs/uploads/"));
        assertEquals(Route.UPLOADS, of("/v2/team/app/blobs/uploads"));
        assertEquals(Route.UPLOADS, of("/v2/team/app/blobs/uploads/3f2a-11"));
        assertEquals(Route.REFERRERS, of("/v2/team/app/referrers/sha256:00"));
    }

    @Test
    void anythingElseIsOther() {
        assertEquals(Route.OTHER, of("/"));
        assertEquals(Route.OTHER, of("/v20/"));
        assertEquals(Route.OTHER, of("/v2/team/app"));
        assertEquals(Route.OTHER, of("/v2/team/app/"));
        assertEquals(Route.OTHER, of("/v2/manifests/x"));
        assertEquals(Route.OTHER, of("/metrics"));
        // a repository named blobs/uploads/x with a manifest: the last marker decides
        assertEquals(Route.MANIFESTS, of("/v2/r/blobs/uploads/x/manifests/1"));
    }
}
